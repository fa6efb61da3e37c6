package io.kafkaesk.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.kafkaesk.test.internal.BrokerSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

@KafkaeskTest
class KafkaeskExtensionTest {
    private KafkaCluster clusterSeenBeforeEach;

    @BeforeEach
    void setUp(KafkaCluster kafka) {
        clusterSeenBeforeEach = kafka;
    }

    @Test
    void injectsOneClusterInAllItsForms(KafkaCluster cluster, EmbeddedKafka embedded,
            @BootstrapServers String servers, Admin admin) throws Exception {
        assertSame(clusterSeenBeforeEach, cluster);
        assertSame(cluster, embedded);
        assertEquals(embedded.bootstrapServers(), servers);
        assertNotNull(admin.describeCluster().clusterId().get());
        assertEquals("embedded Kafka (1 node)", cluster.description());
    }

    @Test
    void givesEachTestAPrefixMadeOfLegalTopicCharacters(TopicPrefix prefix) {
        assertTrue(prefix.value().matches("t-[0-9a-f]{10}-"), prefix.value());
        assertEquals(prefix.value() + "orders", prefix.topic("orders"));
    }

    @Test
    void startsAPerClassClusterAndDeletesItAfterTheClass(KafkaCluster shared) {
        assumeTrue(shared instanceof EmbeddedKafka, "per-class clusters are embedded; " + shared.description());
        PerClassSample.directory = null;
        EngineExecutionResults results = run(PerClassSample.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        Path directory = PerClassSample.directory;
        assertNotNull(directory);
        assertFalse(Files.exists(directory), "per-class cluster's directory " + directory + " is deleted");
    }

    @Test
    void startsBrokersATestLeftStoppedBeforeTheNextTest(KafkaCluster shared) {
        assumeTrue(shared instanceof EmbeddedKafka, "per-class clusters are embedded; " + shared.description());
        EngineExecutionResults results = run(StoppingSample.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
    }

    @Test
    void skipsTestsThatNeedEmbeddedKafkaWhenKafkaNamesAnExternalBroker(KafkaCluster shared) {
        ExternalSample.servers = shared.bootstrapServers();
        EngineExecutionResults results = run(ExternalSample.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).aborted(1).failed(0));
        String reason = reason(results.testEvents().aborted().list().get(0));
        assertEquals("stopsABroker(EmbeddedKafka) needs EmbeddedKafka (an in-process cluster it configures, stops or"
                + " starts), but KAFKA=" + shared.bootstrapServers() + " points the tests at an external broker;"
                + " unset KAFKA to run it", reason);
    }

    @Test
    void skipsAClassWhoseLifecycleMethodsNeedEmbeddedKafkaWhenKafkaNamesAnExternalBroker(KafkaCluster shared) {
        ExternalLifecycleSample.servers = shared.bootstrapServers();
        EngineExecutionResults results = run(ExternalLifecycleSample.class);

        results.testEvents().assertStatistics(stats -> stats.started(0));
        List<Event> aborted = results.containerEvents().aborted().list();
        assertEquals(1, aborted.size(), "aborted containers");
        assertEquals("ExternalLifecycleSample needs EmbeddedKafka in a constructor or lifecycle method (an"
                + " in-process cluster it configures, stops or starts), but KAFKA=" + shared.bootstrapServers()
                + " points the tests at an external broker; unset KAFKA to run it", reason(aborted.get(0)));
    }

    @Test
    void explainsWhyAClassWithSeveralBrokersIsSkippedOnTestcontainers() {
        assertEquals("BrokerFailoverTest asks for an embedded cluster with 3 brokers (an in-process cluster it"
                        + " configures, stops or starts), but KAFKAESK_BROKER=testcontainers runs the tests against a"
                        + " Kafka container; unset KAFKAESK_BROKER to run it",
                KafkaeskExtension.skipMessage("BrokerFailoverTest asks for an embedded cluster with 3 brokers",
                        new BrokerSelection.Testcontainers("apache/kafka:4.3.1")));
    }

    private static String reason(Event event) {
        return event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    }

    private static EngineExecutionResults run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .selectors(selectClass(sample))
                .execute();
    }

    /** Run only through {@link #run}: a class with a cluster of its own. */
    @Disabled("run by KafkaeskExtensionTest")
    @KafkaeskTest(scope = KafkaeskTest.Scope.PER_CLASS)
    static class PerClassSample {
        static volatile Path directory;

        @Test
        void runs(EmbeddedKafka kafka) {
            directory = kafka.baseDirectory();
            assertTrue(Files.isDirectory(directory));
        }
    }

    /** Run only through {@link #run}: a test that leaves its only broker stopped, and one that runs after it. */
    @Disabled("run by KafkaeskExtensionTest")
    @KafkaeskTest(scope = KafkaeskTest.Scope.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StoppingSample {
        @Test
        @Order(1)
        void stopsTheBroker(EmbeddedKafka kafka) {
            kafka.stopBroker(0);
            assertEquals(Set.of(), kafka.runningBrokerIds());
        }

        @Test
        @Order(2)
        void findsItRunningAgain(EmbeddedKafka kafka, Admin admin) throws Exception {
            assertEquals(Set.of(0), kafka.runningBrokerIds());
            assertEquals(1, admin.describeCluster().nodes().get().size());
        }
    }

    /** Run only through {@link #run}: the tests of a run where KAFKA names a broker. */
    @Disabled("run by KafkaeskExtensionTest")
    static class ExternalSample {
        static volatile String servers;

        @RegisterExtension
        static final KafkaeskExtension KAFKA = new KafkaeskExtension(() -> new BrokerSelection.External(servers));

        @Test
        void usesTheExternalBroker(KafkaCluster kafka, Admin admin, TopicPrefix prefix) throws Exception {
            assertEquals("external Kafka at " + servers + " (KAFKA)", kafka.description());
            admin.createTopics(List.of(new NewTopic(prefix.topic("external"), 1, (short) 1))).all().get();
            Clients.await("the topic to be listed", () -> topics(admin).contains(prefix.topic("external")),
                    () -> topics(admin));
        }

        private static Set<String> topics(Admin admin) {
            try {
                return admin.listTopics().names().get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Test
        void stopsABroker(EmbeddedKafka kafka) {
            kafka.stopBroker(0);
        }
    }

    /** Run only through {@link #run}: a class that stops brokers in {@code @BeforeEach}, in a run with KAFKA set. */
    @Disabled("run by KafkaeskExtensionTest")
    static class ExternalLifecycleSample {
        static volatile String servers;

        @RegisterExtension
        static final KafkaeskExtension KAFKA = new KafkaeskExtension(() -> new BrokerSelection.External(servers));

        @BeforeEach
        void stopABroker(EmbeddedKafka kafka) {
            kafka.stopBroker(0);
        }

        @Test
        void neverRuns() {
            throw new AssertionError("must be skipped");
        }
    }
}
