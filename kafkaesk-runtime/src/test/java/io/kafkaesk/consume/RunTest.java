package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.ConsumerUnhealthyException;
import io.kafkaesk.Kafkaesk;
import io.kafkaesk.ProducerUnhealthyException;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.StopConsumer;
import io.kafkaesk.test.EmbeddedKafka;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Kafkaesk#run} in this JVM; SIGTERM and exit codes are covered by {@link ConsumerProcessTest}. */
class RunTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.builder().brokers(1).start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static Thread runInBackground(Application app, AtomicReference<Throwable> outcome) {
        Thread t = new Thread(() -> {
            try {
                Kafkaesk.run(app);
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "kafkaesk-run");
        t.start();
        return t;
    }

    @Test
    void runReturnsNormallyAndClosesTheApplicationWhenEverySubscriptionStoppedItself() throws Exception {
        String prefix = Kit.prefix();
        Application app = Kit.app(kafka.bootstrapServers(), prefix).build();
        app.schema(Note.SCHEMA);
        app.subscribe("done", "g", (NoteSubscriber) (note, ctx) -> {
            throw new StopConsumer("last message seen");
        });
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread run = runInBackground(app, outcome);
        try (Application publisher = Kit.app(kafka.bootstrapServers(), prefix).build()) {
            publisher.schema(Note.SCHEMA).publishAndWait("done", new Note("end", "x"));
        }
        run.join(Duration.ofSeconds(60).toMillis());
        assertTrue(!run.isAlive(), "run(app) did not return");
        assertNull(outcome.get());
        ProducerUnhealthyException e = assertThrows(ProducerUnhealthyException.class, app::healthCheck);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void runClosesTheApplicationAndThrowsWhenASubscriptionDied() throws Exception {
        String prefix = Kit.prefix();
        Application app = Kit.app(kafka.bootstrapServers(), prefix).build();
        app.schema(Note.SCHEMA);
        app.subscribe("dies", "g", (NoteSubscriber) (note, ctx) -> {
            throw new IllegalStateException("fatal bug");
        }).retry(RetryPolicy.attempts(1).thenStop());
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread run = runInBackground(app, outcome);
        try (Application publisher = Kit.app(kafka.bootstrapServers(), prefix).build()) {
            publisher.schema(Note.SCHEMA).publishAndWait("dies", new Note("x", "x"));
        }
        await(Duration.ofSeconds(60), () -> "run(app) is still running", () -> !run.isAlive());
        ConsumerUnhealthyException e = assertInstanceOf(ConsumerUnhealthyException.class, outcome.get());
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().contains("fatal bug"), e.getMessage());
        assertThrows(ProducerUnhealthyException.class, app::healthCheck);
    }
}
