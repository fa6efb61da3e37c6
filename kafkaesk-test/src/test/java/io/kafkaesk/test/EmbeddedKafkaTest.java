package io.kafkaesk.test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class EmbeddedKafkaTest {
    @Test
    void startsOneBrokerAndDeletesItsDirectoryOnClose(TestReporter reporter) throws Exception {
        long started = System.nanoTime();
        Path directory;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            reporter.publishEntry("startup-ms", String.valueOf((System.nanoTime() - started) / 1_000_000));
            directory = kafka.baseDirectory();
            assertTrue(Files.isDirectory(directory), "data directory exists while running");
            assertEquals(Set.of(0), kafka.brokerIds());
            assertTrue(kafka.bootstrapServers().matches("localhost:\\d+"), kafka.bootstrapServers());
            Clients.produce(kafka, "one", List.of("a", "b"));
            assertEquals(List.of("a", "b"), Clients.consume(kafka, "one", "g", 2));
        }
        assertFalse(Files.exists(directory), "data directory " + directory + " is deleted on close");
    }

    @Test
    void closeIsIdempotentAndStopsServing() {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        kafka.close();
        assertDoesNotThrow(kafka::close);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kafka.stopBroker(0));
        assertEquals("embedded Kafka (1 node) is closed", e.getMessage());
    }

    @Test
    void closesWhileABrokerIsStoppedAndDeletesTheDirectory() {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        kafka.stopBroker(0);
        kafka.close();
        assertFalse(Files.exists(kafka.baseDirectory()), "data directory " + kafka.baseDirectory() + " is deleted");
    }

    @Test
    void appliesClusterWideAndPerNodeBrokerConfiguration() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder()
                        .brokerConfig("log.retention.hours", 5)
                        .brokerConfig(0, "message.max.bytes", 2_000_000)
                        .start();
                Admin admin = kafka.admin()) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "0");
            Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
            assertEquals("5", config.get("log.retention.hours").value());
            assertEquals("2000000", config.get("message.max.bytes").value());
        }
    }

    @Test
    void rejectsBrokerIdsThatDoNotExist() {
        IllegalArgumentException config = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafka.builder().brokerConfig(1, "broker.rack", "r1").start());
        assertEquals("brokerConfig for node 1, but the cluster has nodes 0 to 0", config.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmbeddedKafka.builder().brokers(0));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            IllegalArgumentException stop = assertThrows(IllegalArgumentException.class, () -> kafka.stopBroker(7));
            assertEquals("No broker 7 in embedded Kafka (1 node); broker ids are [0]", stop.getMessage());
        }
    }

    @Test
    void restartsTheOnlyBrokerOfAOneNodeClusterWithItsData() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Clients.produce(kafka, "kept", List.of("before"));
            kafka.stopBroker(0);
            assertEquals(Set.of(), kafka.runningBrokerIds());
            kafka.stopBroker(0); // stopping a stopped broker does nothing
            kafka.startBroker(0);
            assertEquals(Set.of(0), kafka.runningBrokerIds());
            Clients.produce(kafka, "kept", List.of("after"));
            assertEquals(List.of("before", "after"), Clients.consume(kafka, "kept", "g", 2));
        }
    }

    @Test
    void clientConfigIsAFreshMutableMapWithBootstrapServers() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Map<String, Object> config = kafka.clientConfig();
            assertEquals(Map.of("bootstrap.servers", kafka.bootstrapServers()), config);
            config.put("client.id", "x");
            assertEquals(1, kafka.clientConfig().size());
        }
    }
}
