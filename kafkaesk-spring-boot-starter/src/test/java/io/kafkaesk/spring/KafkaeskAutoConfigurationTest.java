package io.kafkaesk.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.BatchHandler;
import io.kafkaesk.BatchRecord;
import io.kafkaesk.BytesHandler;
import io.kafkaesk.MessageContext;
import io.kafkaesk.spring.events.Note;
import io.kafkaesk.spring.events.NotePublisher;
import io.kafkaesk.spring.events.NoteSchema;
import io.kafkaesk.spring.internal.ListenerRegistrar;
import io.kafkaesk.spring.internal.MissingPropertyException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter's wiring and its failed start, without Kafka: subscriptions do not start
 * ({@code kafkaesk.auto-startup=false}).
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaeskAutoConfigurationTest {
    private static final String SECRET = "s3cr3t-pa55word";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaeskAutoConfiguration.class,
                    KafkaeskPublishersAutoConfiguration.class, KafkaeskHealthAutoConfiguration.class,
                    KafkaeskMetricsAutoConfiguration.class, KafkaeskTracingAutoConfiguration.class))
            .withPropertyValues("kafkaesk.auto-startup=false");

    @Test
    void buildsTheApplicationFromKafkaeskProperties() {
        runner.withPropertyValues("kafkaesk.servers=k1:9092,k2:9092", "kafkaesk.topic-prefix=prod.",
                "kafkaesk.properties.client.id=shop", "kafkaesk.replication-factor=2", "kafkaesk.partitions=3",
                "kafkaesk.publish-timeout=5s", "kafkaesk.validate-published=false",
                "kafkaesk.auto-commit-interval=1s").run(context -> {
                    ApplicationSettings settings = context.getBean(Application.class).settings();
                    assertEquals(List.of("k1:9092", "k2:9092"), settings.kafkaServers());
                    assertEquals("prod.", settings.topicPrefix());
                    assertEquals(Map.of("client.id", "shop"), settings.kafkaSettings());
                    assertEquals(2, settings.replicationFactor().orElseThrow());
                    assertEquals(3, settings.defaultPartitions());
                    assertEquals(Duration.ofSeconds(5), settings.publishTimeout());
                    assertFalse(settings.validatePublished());
                    assertEquals(1000, settings.autoCommitIntervalMs());
                    assertNotNull(context.getBean(KafkaeskLifecycle.class));
                });
    }

    @Test
    void fallsBackToSpringKafkaServersAndProperties() {
        runner.withPropertyValues("spring.kafka.bootstrap-servers=legacy:9092",
                "spring.kafka.properties.security.protocol=SSL", "spring.kafka.properties.client.id=old",
                "kafkaesk.properties.client.id=new").run(context -> {
                    ApplicationSettings settings = context.getBean(Application.class).settings();
                    assertEquals(List.of("legacy:9092"), settings.kafkaServers());
                    assertEquals(Map.of("security.protocol", "SSL", "client.id", "new"), settings.kafkaSettings());
                });
    }

    @Test
    void aMissingServersPropertyFailsStartupNamingIt(CapturedOutput output) {
        // A real start, as main would do it: Spring Boot's report comes from the analyzers spring.factories lists.
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).run().close());

        MissingPropertyException missing = rootCause(failure, MissingPropertyException.class);
        assertEquals("kafkaesk.servers", missing.property());
        String report = output.toString();
        assertTrue(report.contains("APPLICATION FAILED TO START"), report);
        assertTrue(report.contains("The property kafkaesk.servers is missing"), report);
        assertTrue(report.contains("Set kafkaesk.servers=localhost:9092"), report);
        assertTrue(report.contains("KAFKAESK_SERVERS"), report);
    }

    @Test
    void discoveredSchemasAreRegisteredAndTheirPublishersAreBeans() {
        runner.withPropertyValues("kafkaesk.servers=k1:9092").run(context -> {
            Application app = context.getBean(Application.class);
            assertTrue(app.schemas().contains(NoteSchema.DESCRIPTOR), "discovered: " + app.schemas());
            assertNotNull(context.getBean(NotePublisher.class));
            assertTrue(context.containsBean("notePublisher"));
        });
    }

    @Test
    void aBeanOfTheApplicationsOwnWins() {
        runner.withUserConfiguration(OwnApplication.class).run(context -> {
            assertSame(OwnApplication.APP, context.getBean(Application.class));
            assertEquals(List.of("mine:9092"), context.getBean(Application.class).settings().kafkaServers());
        });
    }

    @Test
    void secretsAreNeverPrinted() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"shop\" "
                + "password=\"" + SECRET + "\";";
        runner.withPropertyValues("kafkaesk.servers=k1:9092", "kafkaesk.properties.sasl.jaas.config=" + jaas,
                "kafkaesk.properties.ssl.key.password=" + SECRET).run(context -> {
                    String properties = context.getBean(KafkaeskProperties.class).toString();
                    String settings = context.getBean(Application.class).settings().toString();
                    assertFalse(properties.contains(SECRET), properties);
                    assertFalse(settings.contains(SECRET), settings);
                    assertTrue(properties.contains("sasl.jaas.config=[hidden]"), properties);
                });
    }

    @Test
    void healthMetricsAndTracingAreConfiguredWhenTheirBeansExist() {
        runner.withPropertyValues("kafkaesk.servers=k1:9092").withUserConfiguration(Observability.class)
                .run(context -> {
                    assertNotNull(context.getBean("kafkaeskHealthIndicator", KafkaeskHealthIndicator.class));
                    assertTrue(context.containsBean("kafkaeskMetricsCustomizer"));
                    assertTrue(context.containsBean("kafkaeskTracingCustomizer"));
                });
        runner.withPropertyValues("kafkaesk.servers=k1:9092", "management.health.kafkaesk.enabled=false")
                .run(context -> {
                    assertFalse(context.containsBean("kafkaeskHealthIndicator"));
                    assertFalse(context.containsBean("kafkaeskMetricsCustomizer"), "no MeterRegistry, no meters");
                    assertFalse(context.containsBean("kafkaeskTracingCustomizer"), "no OpenTelemetry, no tracing");
                });
    }

    @Test
    void aListenerAnnotationOnABeanThatHandlesNothingFailsStartup() {
        runner.withPropertyValues("kafkaesk.servers=k1:9092").withUserConfiguration(NotAHandler.class)
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertNotNull(failure);
                    assertTrue(messages(failure).contains("annotated @KafkaeskListener but is no handler"),
                            messages(failure));
                });
    }

    @Test
    void aListenerMethodWithAWrongSignatureFailsStartup() {
        runner.withPropertyValues("kafkaesk.servers=k1:9092").withUserConfiguration(WrongMethod.class)
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertNotNull(failure);
                    assertTrue(messages(failure).contains("must take the data and, optionally, the MessageContext"),
                            messages(failure));
                });
    }

    @Test
    void listenersAreSubscribedWithTheirOptionsWhenTheLifecycleStarts() {
        runner.withPropertyValues("kafkaesk.servers=k1:9092", "shop.stream=notes")
                .withUserConfiguration(Listeners.class).run(context -> {
                    Application app = context.getBean(Application.class);
                    assertTrue(app.subscriptions().isEmpty(), "subscribed only when started");
                    // What start() does before it connects:
                    context.getBean(ListenerRegistrar.class).subscribeAll(app);
                    assertEquals(3, app.subscriptions().size(), app.subscriptions().toString());
                    var bytes = app.subscriptions().stream().filter(s -> s.group().equals("archive")).findFirst()
                            .orElseThrow();
                    assertEquals(List.of("notes"), bytes.streams());
                    assertEquals(3, bytes.concurrency());
                    assertTrue(bytes.validate());
                    assertEquals(2, bytes.retryPolicy().maxAttempts());
                    assertEquals("archive.dead-letter", bytes.deadLetterStream().orElseThrow());
                    assertInstanceOf(BytesHandler.class, bytes.handler());
                    var method = app.subscriptions().stream().filter(s -> s.group().endsWith(".onNote"))
                            .findFirst().orElseThrow();
                    assertEquals(Listeners.class.getName() + ".onNote", method.group());
                    var batch = app.subscriptions().stream().filter(s -> s.group().equals("journal")).findFirst()
                            .orElseThrow();
                    BatchHandler<?> batchHandler = assertInstanceOf(BatchHandler.class, batch.handler());
                    assertEquals(NoteSchema.DESCRIPTOR, batchHandler.schema());
                    assertEquals(7, batch.maxBatchSize());
                });
    }

    @Test
    void aBatchListenerMethodMustTakeBatchRecordsOfADataClassAlone() {
        for (Class<?> wrong : List.of(ListOfData.class, BatchWithContext.class)) {
            runner.withPropertyValues("kafkaesk.servers=k1:9092").withUserConfiguration(wrong).run(context -> {
                Throwable failure = context.getStartupFailure();
                assertNotNull(failure, wrong.getSimpleName());
                assertTrue(messages(failure).contains("or a batch alone: (List<BatchRecord<OrderPlaced>> batch)"),
                        messages(failure));
            });
        }
    }

    private static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + messages(failure), failure);
    }

    private static String messages(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" / ");
        }
        return sb.toString();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Empty {}

    @Configuration(proxyBeanMethods = false)
    static class OwnApplication {
        static final Application APP = Application.builder().kafkaServers("mine:9092").build();

        @Bean
        Application application() {
            return APP;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Observability {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        OpenTelemetry openTelemetry() {
            return OpenTelemetry.noop();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NotAHandler {
        @Bean
        Plain plain() {
            return new Plain();
        }
    }

    @KafkaeskListener(pattern = "notes", group = "g")
    static class Plain {}

    @Configuration(proxyBeanMethods = false)
    static class WrongMethod {
        @KafkaeskListener(pattern = "notes", group = "g")
        void onNote(Note note, String extra) {}
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        @Bean
        Archive archive() {
            return new Archive();
        }

        @KafkaeskListener(pattern = "${shop.stream}")
        void onNote(Note note, MessageContext context) {}

        @KafkaeskListener(pattern = "${shop.stream}", group = "journal", maxBatchSize = 7)
        void store(List<BatchRecord<Note>> batch) {}
    }

    @Configuration(proxyBeanMethods = false)
    static class ListOfData {
        @KafkaeskListener(pattern = "notes", group = "g")
        void store(List<Note> notes) {}
    }

    @Configuration(proxyBeanMethods = false)
    static class BatchWithContext {
        @KafkaeskListener(pattern = "notes", group = "g")
        void store(List<BatchRecord<Note>> batch, MessageContext context) {}
    }

    @KafkaeskListener(pattern = "${shop.stream}", group = "archive", concurrency = 3, validate = true, attempts = 2,
            deadLetterStream = "archive.dead-letter")
    static class Archive implements BytesHandler {
        @Override
        public void handle(byte[] value, MessageContext context) {}
    }
}
