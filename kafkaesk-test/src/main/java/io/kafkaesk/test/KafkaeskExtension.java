package io.kafkaesk.test;

import io.kafkaesk.test.internal.BrokerSelection;
import io.kafkaesk.test.internal.BrokerSelection.Choice;
import io.kafkaesk.test.internal.BrokerSelection.Embedded;
import io.kafkaesk.test.internal.BrokerSelection.External;
import io.kafkaesk.test.internal.BrokerSelection.Testcontainers;
import io.kafkaesk.test.internal.ExternalKafka;
import io.kafkaesk.test.internal.TestcontainersKafka;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit 5 extension behind {@link KafkaeskTest}; see there for what it does.
 *
 * <p>Clusters live in JUnit's extension stores: a shared cluster in the root store, closed when the test run ends,
 * a class's own cluster in the class's store, closed after the class. Both are started on first use. They are
 * stored as plain {@link AutoCloseable} values, which JUnit 5.13 and later close by itself (the older
 * {@code CloseableResource} is deprecated); a run that sets
 * {@code junit.jupiter.extensions.store.close.autocloseable.enabled=false} leaves shared clusters running until
 * the JVM exits.
 */
public final class KafkaeskExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(KafkaeskExtension.class);
    private static final String HOLDER = "cluster-holder";
    private static final String CHOICE = "broker-choice";

    private final @Nullable Supplier<Choice> choice;

    /** Creates the extension; the broker is chosen from the environment (see {@link KafkaeskTest}). */
    public KafkaeskExtension() {
        this.choice = null;
    }

    /** For the kit's own tests: the broker comes from {@code choice} instead of the environment. */
    KafkaeskExtension(Supplier<Choice> choice) {
        this.choice = choice;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Optional<KafkaeskTest> annotation = AnnotationSupport.findAnnotation(testClass, KafkaeskTest.class);
        if (annotation.isEmpty() && context.getStore(NAMESPACE).get(HOLDER) != null) {
            return; // a @Nested class uses its enclosing class's cluster
        }
        ClusterHolder holder = install(context, annotation.map(a -> Spec.of(a, testClass)).orElse(Spec.DEFAULT));
        if (!(holder.choice instanceof Embedded) && lifecycleNeedsEmbedded(testClass)) {
            Assumptions.abort(skipMessage(testClass.getSimpleName()
                    + " needs EmbeddedKafka in a constructor or lifecycle method", holder.choice));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Choice chosen = holder(context).choice;
        if (!(chosen instanceof Embedded) && needsEmbedded(context.getRequiredTestMethod())) {
            Assumptions.abort(skipMessage(context.getDisplayName() + " needs EmbeddedKafka", chosen));
        }
    }

    /** Starts any broker the test stopped, so the next test finds the whole cluster running. */
    @Override
    public void afterEach(ExtensionContext context) {
        ClusterHolder holder = context.getStore(NAMESPACE).get(HOLDER, ClusterHolder.class);
        if (holder != null && holder.startedCluster() instanceof EmbeddedKafka embedded) {
            for (int id : embedded.brokerIds()) {
                if (!embedded.runningBrokerIds().contains(id)) {
                    embedded.startBroker(id);
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaCluster.class
                || type == EmbeddedKafka.class
                || type == TopicPrefix.class
                || type == Admin.class
                || (type == String.class && parameter.isAnnotated(BootstrapServers.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == TopicPrefix.class) {
            // Keyed by the context's id: a method's store also sees its class's values, and each needs its own.
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(
                    "topic-prefix:" + context.getUniqueId(), key -> TopicPrefix.random(), TopicPrefix.class);
        }
        ClusterHolder holder = holder(context);
        if (type == EmbeddedKafka.class) {
            if (!(holder.choice instanceof Embedded)) {
                throw new ParameterResolutionException(skipMessage(
                        "Parameter " + parameter.getParameter() + " of " + parameter.getDeclaringExecutable()
                                + " needs EmbeddedKafka", holder.choice));
            }
            return holder.cluster();
        }
        KafkaCluster cluster = holder.cluster();
        if (type == String.class) {
            return cluster.bootstrapServers();
        }
        if (type == Admin.class) {
            Admin admin = cluster.admin();
            // The store closes AutoCloseable values when the test (or class) ends.
            context.getStore(NAMESPACE).put(
                    "admin:" + context.getUniqueId() + ":" + parameter.getIndex(), admin);
            return admin;
        }
        return cluster;
    }

    /** The reason given when a test is skipped because the run uses another kind of broker. */
    static String skipMessage(String what, Choice chosen) {
        String variable = chosen instanceof External ? BrokerSelection.KAFKA : BrokerSelection.KAFKAESK_BROKER;
        return what + " (an in-process cluster it configures, stops or starts), but " + chosen.reason()
                + "; unset " + variable + " to run it";
    }

    private static boolean lifecycleNeedsEmbedded(Class<?> testClass) {
        List<Executable> lifecycle = new ArrayList<>(Arrays.asList(testClass.getDeclaredConstructors()));
        List<Class<? extends Annotation>> kinds = List.of(BeforeAll.class, AfterAll.class, BeforeEach.class,
                AfterEach.class);
        for (Class<? extends Annotation> kind : kinds) {
            lifecycle.addAll(AnnotationSupport.findAnnotatedMethods(testClass, kind, HierarchyTraversalMode.TOP_DOWN));
        }
        return lifecycle.stream().anyMatch(KafkaeskExtension::needsEmbedded);
    }

    private static boolean needsEmbedded(Executable executable) {
        return Arrays.stream(executable.getParameters()).map(Parameter::getType).anyMatch(EmbeddedKafka.class::equals);
    }

    private ClusterHolder holder(ExtensionContext context) {
        ClusterHolder holder = context.getStore(NAMESPACE).get(HOLDER, ClusterHolder.class);
        // Registered on a method rather than a class: no beforeAll ran, so set up here with the defaults.
        return holder != null ? holder : install(context, Spec.DEFAULT);
    }

    private ClusterHolder install(ExtensionContext context, Spec spec) {
        Choice chosen = choice != null
                ? choice.get()
                : context.getRoot().getStore(NAMESPACE)
                        .getOrComputeIfAbsent(CHOICE, key -> BrokerSelection.fromEnvironment(), Choice.class);
        if (!(chosen instanceof Embedded) && spec.needsEmbedded()) {
            Assumptions.abort(skipMessage(context.getDisplayName() + " asks for " + spec.describe(), chosen));
        }
        ClusterHolder holder;
        if (chosen instanceof External external) {
            holder = new ClusterHolder(chosen, false, () -> new ExternalKafka(external.bootstrapServers()));
        } else if (chosen instanceof Testcontainers testcontainers) {
            ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
            holder = new ClusterHolder(chosen, false, () -> root.getOrComputeIfAbsent(
                    "testcontainers:" + testcontainers.image(),
                    key -> TestcontainersKafka.start(testcontainers.image()), KafkaCluster.class));
        } else if (spec.shared()) {
            ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
            holder = new ClusterHolder(chosen, false, () -> root.getOrComputeIfAbsent(
                    "embedded:" + spec.key(), key -> spec.start(), EmbeddedKafka.class));
        } else {
            holder = new ClusterHolder(chosen, true, spec::start);
        }
        context.getStore(NAMESPACE).put(HOLDER, holder);
        return holder;
    }

    /** A cluster started on first use; closes it at the end of its context if it owns it. */
    private static final class ClusterHolder implements AutoCloseable {
        final Choice choice;
        private final boolean owned;
        private final Supplier<? extends KafkaCluster> start;
        private @Nullable KafkaCluster cluster;

        ClusterHolder(Choice choice, boolean owned, Supplier<? extends KafkaCluster> start) {
            this.choice = choice;
            this.owned = owned;
            this.start = start;
        }

        synchronized KafkaCluster cluster() {
            KafkaCluster started = cluster;
            if (started == null) {
                started = start.get();
                cluster = started;
            }
            return started;
        }

        synchronized @Nullable KafkaCluster startedCluster() {
            return cluster;
        }

        @Override
        public synchronized void close() {
            if (owned && cluster instanceof EmbeddedKafka embedded) {
                embedded.close();
            }
        }
    }

    /** What a class asked for. */
    private record Spec(int brokers, Map<String, String> brokerConfig, KafkaeskTest.Scope scope) {
        static final Spec DEFAULT = new Spec(1, Map.of(), KafkaeskTest.Scope.AUTO);

        static Spec of(KafkaeskTest annotation, Class<?> testClass) {
            if (annotation.brokers() < 1) {
                throw new ExtensionConfigurationException("@KafkaeskTest(brokers = " + annotation.brokers()
                        + ") on " + testClass.getName() + ": brokers must be 1 or more");
            }
            Map<String, String> config = new TreeMap<>();
            for (String entry : annotation.brokerConfig()) {
                int equals = entry.indexOf('=');
                if (equals <= 0) {
                    throw new ExtensionConfigurationException("@KafkaeskTest(brokerConfig = \"" + entry + "\") on "
                            + testClass.getName() + ": expected name=value, e.g. \"auto.create.topics.enable=false\"");
                }
                config.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
            }
            return new Spec(annotation.brokers(), Map.copyOf(config), annotation.scope());
        }

        boolean needsEmbedded() {
            return brokers > 1 || !brokerConfig.isEmpty();
        }

        boolean shared() {
            return switch (scope) {
                case SHARED -> true;
                case PER_CLASS -> false;
                case AUTO -> !needsEmbedded();
            };
        }

        String key() {
            return brokers + ":" + new TreeMap<>(brokerConfig);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            if (brokers > 1) {
                parts.add(brokers + " brokers");
            }
            if (!brokerConfig.isEmpty()) {
                parts.add("broker configuration " + new TreeMap<>(brokerConfig));
            }
            return "an embedded cluster with " + String.join(" and ", parts);
        }

        EmbeddedKafka start() {
            return EmbeddedKafka.builder().brokers(brokers).brokerConfig(brokerConfig).start();
        }
    }
}
