package io.kafkaesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** Command lines the worker cannot run fail with exit code 2 and a message that says what to change. */
class MainArgumentsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void missingKafkaServersIsRefusedNamingTheFlagAndTheApplication() {
        assertEquals(2, run(WorkerApps.class.getName() + "#NO_SERVERS"));
        assertTrue(err().contains("--kafka-servers is required"), err());
        assertTrue(err().contains(WorkerApps.class.getName() + "#NO_SERVERS"), err());
    }

    @Test
    void unknownApplicationClassIsRefusedNamingTheClass() {
        assertEquals(2, run("com.acme.Missing#app", "--kafka-servers", "localhost:9092"));
        assertTrue(err().contains("Application class com.acme.Missing was not found on the class path"), err());
    }

    @Test
    void memberThatIsNotAnApplicationIsRefused() {
        assertEquals(2, run(WorkerApps.class.getName() + "#NOT_AN_APP", "--kafka-servers", "localhost:9092"));
        assertTrue(err().contains("#NOT_AN_APP gave a java.lang.String, not an io.kafkaesk.Application"), err());
    }

    @Test
    void missingMemberIsRefusedNamingIt() {
        assertEquals(2, run(WorkerApps.class.getName() + "#nope", "--kafka-servers", "localhost:9092"));
        assertTrue(err().contains("has no public static field or no-argument method named 'nope'"), err());
    }

    @Test
    void malformedKafkaSettingsJsonIsRefusedWithItsPosition() {
        assertEquals(2, run(WorkerApps.class.getName() + "#NO_SERVERS", "--kafka-servers", "localhost:9092",
                "--kafka-settings", "{\"security.protocol\": SSL}"));
        assertTrue(err().contains("Invalid value for --kafka-settings: not valid JSON"), err());
        assertTrue(err().contains("line 1, column"), err());
    }

    @Test
    void kafkaSettingsThatAreNotAnObjectAreRefused() {
        assertEquals(2, run(WorkerApps.class.getName() + "#NO_SERVERS", "--kafka-servers", "localhost:9092",
                "--kafka-settings", "[1, 2]"));
        assertTrue(err().contains("expected a JSON object"), err());
    }

    @Test
    void kafkaSettingsNumbersAndBooleansReachKafkaInAFormItsIntSettingsAccept() {
        CliArguments args = CliArguments.parse(List.of("--kafka-settings",
                "{\"max.poll.records\": 100, \"enable.auto.commit\": false, \"client.id\": \"w\"}"),
                Set.of("kafka-settings"), Set.of());
        Map<String, Object> settings = new HashMap<>(Main.kafkaSettings(args));
        settings.put("bootstrap.servers", "localhost:9092");
        settings.put("key.deserializer", ByteArrayDeserializer.class.getName());
        settings.put("value.deserializer", ByteArrayDeserializer.class.getName());
        ConsumerConfig config = new ConsumerConfig(settings);
        assertEquals(100, config.getInt("max.poll.records"));
        assertEquals(false, config.getBoolean("enable.auto.commit"));
        assertEquals("w", config.getString("client.id"));
    }

    @Test
    void unknownOptionIsRefused() {
        assertEquals(2, run(WorkerApps.class.getName() + "#NO_SERVERS", "--kafka-server", "localhost:9092"));
        assertTrue(err().contains("unknown option --kafka-server"), err());
    }

    @Test
    void replicationFactorMustBePositive() {
        assertEquals(2, run(WorkerApps.class.getName() + "#NO_SERVERS", "--kafka-servers", "localhost:9092",
                "--replication-factor", "0"));
        assertTrue(err().contains("Invalid value 0 for --replication-factor"), err());
    }

    @Test
    void healthHostNeedsAHealthPort() {
        assertEquals(2, run(WorkerApps.class.getName() + "#NO_SERVERS", "--kafka-servers", "localhost:9092",
                "--health-host", "127.0.0.1"));
        assertTrue(err().contains("--health-host needs --health-port"), err());
    }

    @Test
    void deadLetterReplayNeedsServers() {
        assertEquals(2, run("dlq", "replay"));
        assertTrue(err().contains("--kafka-servers is required for dlq replay"), err());
    }

    @Test
    void noArgumentsPrintsUsageAndFails() {
        assertEquals(2, run());
        assertTrue(err().contains("Usage:"), err());
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("kafkaesk dlq replay"));
    }
}
