package io.kafkaesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.ApplicationHealth.Part;
import io.kafkaesk.ApplicationHealth.Status;
import io.kafkaesk.TestSchemas.Content;
import io.kafkaesk.test.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@link Application#health()} reports for the producer and the subscriptions, against a real broker. */
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

    private static Application app() {
        return Application.builder().kafkaServers(kafka.bootstrapServers())
                .topicPrefix("h" + UUID.randomUUID().toString().substring(0, 8) + ".").build();
    }

    @Test
    void aNewApplicationIsStartingUntilInitializedThenUpThenDownOnceClosed() {
        Application app = app();
        app.subscribeBytes("health.notes", "health-g", (value, context) -> { });
        ApplicationHealth starting = app.health();
        assertEquals(Status.STARTING, starting.status(), starting.toString());
        assertEquals(List.of(Status.STARTING, Status.STARTING), starting.parts().stream().map(Part::status).toList());
        ProducerUnhealthyException e = assertThrows(ProducerUnhealthyException.class, app::healthCheck);
        assertTrue(e.getMessage().contains("not initialized"), e.getMessage());

        app.initialize();
        ApplicationHealth up = app.health();
        assertEquals(Status.UP, up.status(), up.toString());
        assertEquals(ApplicationHealth.PRODUCER, up.parts().get(0).name());
        assertTrue(up.parts().get(1).name().contains("health-g"), up.toString());
        app.healthCheck();

        app.close();
        ApplicationHealth closed = app.health();
        assertEquals(Status.DOWN, closed.status());
        assertTrue(closed.parts().stream().allMatch(p -> p.status() == Status.DOWN), closed.toString());
        assertThrows(ProducerUnhealthyException.class, app::healthCheck);
    }

    @Test
    void theProducerIsDownWithTheReasonWhileTheBrokerIsDownAndUpOnceItSendsAgain() {
        int broker = kafka.brokerIds().first();
        try (Application app = Application.builder().kafkaServers(kafka.bootstrapServers())
                .topicPrefix("h" + UUID.randomUUID().toString().substring(0, 8) + ".")
                .publishTimeout(Duration.ofSeconds(3)).build()) {
            app.schema(TestSchemas.content());
            app.initialize();
            app.publishAndWait("health.content", new Content("before", "k"));
            assertEquals(Status.UP, app.health().status());

            kafka.stopBroker(broker);
            CompletionException failed = assertThrows(CompletionException.class,
                    () -> app.publish("health.content", new Content("while down", "k")).join());
            ApplicationHealth down = app.health();
            assertEquals(Status.DOWN, down.status(), down.toString());
            Part producer = down.parts().get(0);
            assertEquals(Status.DOWN, producer.status());
            assertTrue(producer.reason().contains("TimeoutException"), producer.reason());
            ProducerUnhealthyException e = assertThrows(ProducerUnhealthyException.class, app::healthCheck);
            assertTrue(e.getMessage().contains(producer.reason()), e.getMessage() + " / " + failed);

            kafka.startBroker(broker);
            app.publishAndWait("health.content", new Content("after", "k"));
            assertEquals(Status.UP, app.health().status(), app.health().toString());
        } finally {
            kafka.startBroker(broker);
        }
    }

    @Test
    void aProducerThatCannotSendAnyMoreIsDownOnceASendFails() {
        try (Application app = app()) {
            app.schema(TestSchemas.content());
            app.initialize();
            app.healthCheck();
            // What a fatal producer error leaves behind: a producer that refuses every send.
            app.kafkaClients().producer().close(Duration.ofSeconds(10));
            assertThrows(CompletionException.class, () -> app.publish("health.dead", new Content("x", "k")).join());
            ProducerUnhealthyException e = assertThrows(ProducerUnhealthyException.class, app::healthCheck);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void anApplicationWhoseSubscriptionsCannotStartStaysUninitializedAndUnhealthy() {
        try (Application app = Application.builder().kafkaServers(kafka.bootstrapServers())
                .publishTimeout(Duration.ofSeconds(5)).build()) {
            // Not a legal topic name: the exact stream's topic cannot be created, so the subscription cannot start.
            app.subscribeBytes("no such topic!", "g", (value, context) -> { });
            assertThrows(RuntimeException.class, app::initialize);
            assertEquals(Status.STARTING, app.health().status(), app.health().toString());
            ProducerUnhealthyException e = assertThrows(ProducerUnhealthyException.class, app::healthCheck);
            assertTrue(e.getMessage().contains("not initialized"), e.getMessage());
            assertThrows(RuntimeException.class, app::initialize, "a second initialize tries again, and fails again");
        }
    }
}
