package io.kafkaesk.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against a real Kafka cluster and injects what the tests need.
 *
 * <pre>{@code
 * @KafkaeskTest
 * class OrderEventsTest {
 *     @Test
 *     void publishesOrderPlaced(KafkaCluster kafka, TopicPrefix prefix) {
 *         try (Application app = Application.builder()
 *                 .kafkaServers(kafka.bootstrapServers())
 *                 .topicPrefix(prefix.value())
 *                 .build()) {
 *             ...
 *         }
 *     }
 * }
 *
 * @KafkaeskTest(brokers = 3)
 * class FailoverTest {
 *     @Test
 *     void survivesABrokerRestart(EmbeddedKafka kafka, TopicPrefix prefix) {
 *         kafka.stopBroker(1);
 *         ...
 *         kafka.startBroker(1);
 *     }
 * }
 * }</pre>
 *
 * <h2>Parameters</h2>
 * Test methods, lifecycle methods and constructors can declare:
 * <ul>
 *   <li>{@link KafkaCluster}: the cluster, whichever kind it is;</li>
 *   <li>{@link EmbeddedKafka}: the in-process cluster, to stop and start brokers; brokers a test leaves stopped
 *       are started again after it, so every test begins with the whole cluster running. When the run uses
 *       another kind of broker (see below), a test method with this parameter is skipped, and the skip message
 *       names the environment variable responsible;</li>
 *   <li>{@code @}{@link BootstrapServers} {@code String}: the cluster's {@code bootstrap.servers};</li>
 *   <li>{@link TopicPrefix}: a prefix unique to the test method (a {@code @BeforeAll} method gets one for the
 *       class), so tests never see each other's topics even on a shared cluster;</li>
 *   <li>{@link org.apache.kafka.clients.admin.Admin}: an admin client, closed after the test.</li>
 * </ul>
 *
 * <h2>Which cluster</h2>
 * By default all classes annotated with a plain {@code @KafkaeskTest} share one single-node cluster for the whole
 * test run, started on first use (about two seconds) and stopped when the run ends. A class that asks for several
 * brokers or its own broker configuration gets a cluster of its own, stopped after the class; {@link #scope()}
 * changes this.
 *
 * <p>Environment variables choose another broker for the same tests:
 * <ul>
 *   <li>{@code KAFKA=host:port[,host:port...]}: use a running cluster. Tests never stop it; classes that ask for
 *       several brokers or broker configuration, and tests that need {@link EmbeddedKafka}, are skipped.</li>
 *   <li>{@code KAFKAESK_BROKER=testcontainers}: start one broker in Docker with Testcontainers (add
 *       {@code org.testcontainers:testcontainers-kafka} to the test classpath; {@code KAFKAESK_KAFKA_IMAGE}
 *       overrides the image, by default {@code apache/kafka} of the clients' version). Without a Docker engine
 *       the tests fail with a message saying so.</li>
 * </ul>
 *
 * <h2>Logging</h2>
 * The broker logs a lot at INFO. With slf4j-simple, put this in {@code src/test/resources/simplelogger.properties}:
 * <pre>
 * org.slf4j.simpleLogger.log.org.apache.kafka=warn
 * org.slf4j.simpleLogger.log.kafka=warn
 * org.slf4j.simpleLogger.log.state.change.logger=warn
 * </pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(KafkaeskExtension.class)
public @interface KafkaeskTest {
    /** The number of brokers of the embedded cluster, 1 or more. */
    int brokers() default 1;

    /**
     * Broker configuration for every node of the embedded cluster, each entry {@code name=value}, e.g.
     * {@code "auto.create.topics.enable=false"}.
     */
    String[] brokerConfig() default {};

    /** Whether the class shares its cluster with other classes. */
    Scope scope() default Scope.AUTO;

    /** How long a cluster lives and who shares it. */
    enum Scope {
        /** {@link #SHARED} for one broker with no custom configuration, {@link #PER_CLASS} otherwise. */
        AUTO,
        /**
         * One cluster for the whole test run, shared by every class that asks for the same brokers and
         * configuration.
         */
        SHARED,
        /** A cluster for this class alone (and its {@code @Nested} classes), stopped after the class. */
        PER_CLASS
    }
}
