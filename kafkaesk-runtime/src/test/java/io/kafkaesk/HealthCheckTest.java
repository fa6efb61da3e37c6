package io.kafkaesk;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.test.EmbeddedKafka;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health of the producer side; consumer health is covered with the subscriptions (CommitTest, RunTest). */
class HealthCheckTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.builder().brokers(1).start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void aNewApplicationIsUnhealthyUntilInitialized() {
        try (Application app = Application.builder().kafkaServers(kafka.bootstrapServers()).build()) {
            ProducerUnhealthyException e = assertThrows(ProducerUnhealthyException.class, app::healthCheck);
            assertTrue(e.getMessage().contains("not initialized"), e.getMessage());
            app.initialize();
            app.healthCheck();
        }
    }

    @Test
    void healthCheckFailsWhenTheProducerHasDied() {
        try (Application app = Application.builder().kafkaServers(kafka.bootstrapServers()).build()) {
            app.initialize();
            app.healthCheck();
            // What a fatal producer error leaves behind: a producer whose network thread has ended.
            app.kafkaClients().producer().close(Duration.ofSeconds(10));
            ProducerUnhealthyException e = assertThrows(ProducerUnhealthyException.class, app::healthCheck);
            assertTrue(e.getMessage().contains("network thread"), e.getMessage());
        }
    }

    @Test
    void anApplicationWhoseSubscriptionsCannotStartStaysUninitializedAndUnhealthy() {
        try (Application app = Application.builder().kafkaServers(kafka.bootstrapServers())
                .publishTimeout(Duration.ofSeconds(5)).build()) {
            // Not a legal topic name: the exact stream's topic cannot be created, so the subscription cannot start.
            app.subscribeBytes("no such topic!", "g", (value, context) -> { });
            assertThrows(RuntimeException.class, app::initialize);
            ProducerUnhealthyException e = assertThrows(ProducerUnhealthyException.class, app::healthCheck);
            assertTrue(e.getMessage().contains("not initialized"), e.getMessage());
            assertThrows(RuntimeException.class, app::initialize, "a second initialize tries again, and fails again");
        }
    }
}
