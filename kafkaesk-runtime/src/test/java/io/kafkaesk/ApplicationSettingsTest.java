package io.kafkaesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.TestSchemas.Content;
import io.kafkaesk.internal.KafkaConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ApplicationSettingsTest {
    @Test
    void defaultsFollowTheSeed() {
        ApplicationSettings s = Application.builder().build().settings();
        assertEquals(List.of(), s.kafkaServers());
        assertEquals("", s.topicPrefix());
        assertEquals(Map.of(), s.kafkaSettings());
        assertEquals(OptionalInt.empty(), s.replicationFactor());
        assertTrue(s.autoCommit());
        assertEquals(5000, s.autoCommitIntervalMs());
        assertEquals(7, s.defaultPartitions());
        assertEquals(Duration.ofSeconds(30), s.publishTimeout());
        assertTrue(s.validatePublished());
    }

    @Test
    void builderSetsEverySetting() {
        ApplicationSettings s = Application.builder()
                .kafkaServers("a:9092, b:9092", "c:9092")
                .topicPrefix("prod.")
                .kafkaSettings(Map.of("security.protocol", "SASL_SSL"))
                .replicationFactor(2)
                .autoCommit(false)
                .autoCommitIntervalMs(100)
                .defaultPartitions(3)
                .publishTimeout(Duration.ofSeconds(5))
                .validatePublished(false)
                .build()
                .settings();
        assertEquals(List.of("a:9092", "b:9092", "c:9092"), s.kafkaServers());
        assertEquals("a:9092,b:9092,c:9092", s.bootstrapServers());
        assertEquals("prod.", s.topicPrefix());
        assertEquals(Map.of("security.protocol", "SASL_SSL"), s.kafkaSettings());
        assertEquals(OptionalInt.of(2), s.replicationFactor());
        assertFalse(s.autoCommit());
        assertEquals(100, s.autoCommitIntervalMs());
        assertEquals(3, s.defaultPartitions());
        assertEquals(Duration.ofSeconds(5), s.publishTimeout());
        assertFalse(s.validatePublished());
    }

    @Test
    void configureChangesSettingsOfAnApplicationBuiltEarlier() {
        Application app = Application.builder().topicPrefix("dev.").build();
        app.configure(b -> b.kafkaServers("k:9092"));
        assertEquals(List.of("k:9092"), app.settings().kafkaServers());
        assertEquals("dev.", app.settings().topicPrefix());
        assertEquals("dev.orders", app.topic("orders"));
    }

    @Test
    void kafkaSettingsReachEveryClientAndOverrideDefaults() {
        ApplicationSettings s = Application.builder().kafkaServers("k:9092")
                .kafkaSettings(Map.of("security.protocol", "SSL", "linger.ms", 20)).build().settings();
        assertEquals("SSL", KafkaConfigs.producer(s).get("security.protocol"));
        assertEquals("SSL", KafkaConfigs.admin(s).get("security.protocol"));
        assertEquals("SSL", KafkaConfigs.common(s).get("security.protocol"));
        assertEquals(20, KafkaConfigs.producer(s).get("linger.ms"));
        assertEquals(true, KafkaConfigs.producer(s).get("enable.idempotence"));
        assertEquals("k:9092", KafkaConfigs.common(s).get("bootstrap.servers"));
    }

    @Test
    void initializeWithoutServersSaysWhichSettingIsMissing() {
        try (Application app = Application.builder().build()) {
            KafkaeskException e = assertThrows(KafkaeskException.class, app::initialize);
            assertTrue(e.getMessage().startsWith("The kafkaServers setting is missing"), e.getMessage());
        }
    }

    @Test
    void publishWithoutServersSaysWhichSettingIsMissing() {
        try (Application app = Application.builder().build()) {
            KafkaeskException e = assertThrows(KafkaeskException.class,
                    () -> app.publish(TestSchemas.content(), "s", new Content("f", "i"), null, List.of()));
            assertTrue(e.getMessage().contains("kafkaServers"), e.getMessage());
            assertThrows(KafkaeskException.class, () -> app.rawPublish("s", new byte[] {1}, null, List.of()));
        }
    }

    @Test
    void invalidValuesAreRefusedWithTheSettingName() {
        ApplicationSettings.Builder b = Application.builder();
        assertEquals("Invalid value 0 for defaultPartitions: it must be 1 or more",
                assertThrows(IllegalArgumentException.class, () -> b.defaultPartitions(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.replicationFactor(0));
        assertThrows(IllegalArgumentException.class, () -> b.autoCommitIntervalMs(0));
        assertThrows(IllegalArgumentException.class, () -> b.publishTimeout(Duration.ZERO));
    }

    @Test
    void toStringHidesKafkaSettingValues() {
        String text = Application.builder().kafkaSettings(Map.of("sasl.jaas.config", "secret")).build().settings()
                .toString();
        assertTrue(text.contains("sasl.jaas.config"), text);
        assertFalse(text.contains("secret"), text);
    }
}
