package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static io.kafkaesk.consume.Kit.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.ConsumerUnhealthyException;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.Subscription;
import io.kafkaesk.SubscriptionStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which failures retry, which dead-letter at once, which stop the subscription; the circuit breaker; versions. */
class FailureClassificationTest extends BrokerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RetryPolicy FAST = RetryPolicy.attempts(3).fixedBackoff(Duration.ofMillis(10));

    private Application app() {
        Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(1).build();
        app.schema(Note.SCHEMA);
        apps.add(app);
        return app;
    }

    /** Waits until the health check fails and returns its message. */
    private static String awaitDeath(Application app) {
        AtomicReference<String> why = new AtomicReference<>();
        await(WAIT, () -> "the subscription is still alive", () -> {
            try {
                app.healthCheck();
                return false;
            } catch (ConsumerUnhealthyException e) {
                why.set(e.getMessage());
                return true;
            }
        });
        return why.get();
    }

    private long committed(String group, String stream) throws Exception {
        var offset = Kit.committed(kafka.bootstrapServers(), group).get(new TopicPartition(prefix + stream, 0));
        return offset == null ? 0 : offset.offset();
    }

    private long committedOrMinusOne(String group, String stream) {
        try {
            return committed(group, stream);
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void anErrorStopsTheSubscriptionAtOnceWithoutRetryDeadLetterOrCommit() throws Exception {
        Application app = app();
        List<String> attempts = new CopyOnWriteArrayList<>();
        Subscription s = app.subscribe("errors", "g-error", (NoteSubscriber) (note, ctx) -> {
            attempts.add(note.id());
            if (note.id().equals("bad-deploy")) {
                throw new NoClassDefFoundError("com/acme/Missing");
            }
        }).retry(FAST);
        app.initialize();
        app.publishAndWait("errors", new Note("ok", "x"));
        app.publishAndWait("errors", new Note("bad-deploy", "x"));
        app.publishAndWait("errors", new Note("after", "x"));
        String why = awaitDeath(app);
        assertTrue(why.contains("g-error") && why.contains("NoClassDefFoundError"), why);
        app.close();
        assertEquals(List.of("ok", "bad-deploy"), attempts, "no retry, nothing after it");
        assertEquals(new SubscriptionStats(1, 0, 0, 0), s.stats(), "nothing dead-lettered");
        assertEquals(1, committed("g-error", "errors"));
    }

    @Test
    void configuredTypesStopOrDeadLetterAtOnceAndOthersAreRetried() throws Exception {
        Application app = app();
        List<String> attempts = new CopyOnWriteArrayList<>();
        Subscription s = app.subscribe("typed", "g-typed", (NoteSubscriber) (note, ctx) -> {
            attempts.add(note.id());
            switch (note.id()) {
                case "refused" -> throw new IllegalArgumentException("never valid");
                case "flaky" -> throw new IllegalStateException("try again");
                case "db-down" -> throw new UnsupportedOperationException("the database is read-only");
                default -> { }
            }
        }).retry(FAST.deadLetterOn(IllegalArgumentException.class).stopOn(UnsupportedOperationException.class));
        app.initialize();
        for (String id : List.of("refused", "flaky", "db-down", "never")) {
            app.publishAndWait("typed", new Note(id, "x"));
        }
        String why = awaitDeath(app);
        assertTrue(why.contains("the database is read-only"), why);
        app.close();
        assertEquals(List.of("refused", "flaky", "flaky", "flaky", "db-down"), attempts);
        assertEquals(new SubscriptionStats(0, 0, 2, 2), s.stats());
        assertEquals(2, committed("g-typed", "typed"), "refused and flaky dead-lettered, db-down not committed");
    }

    @Test
    void theCircuitBreakerPausesAPartitionWhoseRecordsAllFailTheSameWayInsteadOfDrainingItAndResumesOnceFixed()
            throws Exception {
        Application app = app();
        AtomicBoolean down = new AtomicBoolean(true);
        List<String> handled = new CopyOnWriteArrayList<>();
        Subscription s = app.subscribe("broken", "g-broken", (NoteSubscriber) (note, ctx) -> {
            if (down.get()) {
                throw new IllegalStateException("the payment service is down");
            }
            handled.add(note.id());
        }).retry(RetryPolicy.attempts(1).fixedBackoff(Duration.ofMillis(200)).circuitBreaker(3));
        app.initialize();
        for (int i = 0; i < 6; i++) {
            app.publish("broken", new Note("n" + i, "x"));
        }
        app.flush();
        await(WAIT, () -> "the partition pauses, stats " + s.stats(), () -> s.stats().pausedPartitions() == 1);
        app.healthCheck(); // paused, not dead: a liveness probe must not restart the worker
        assertEquals(2, s.stats().deadLettered(), "two dead-lettered, then the breaker opened on the third");
        // The two dead-lettered records are committed, the one the partition paused on is not.
        await(WAIT, () -> "committed " + committedOrMinusOne("g-broken", "broken"),
                () -> committedOrMinusOne("g-broken", "broken") == 2);

        down.set(false); // the payment service is back
        await(WAIT, () -> "handled " + handled, () -> handled.size() == 4);
        assertEquals(List.of("n2", "n3", "n4", "n5"), handled);
        assertEquals(0, s.stats().pausedPartitions());
        assertEquals(2, s.stats().deadLettered());
        app.close();
        assertEquals(6, committed("g-broken", "broken"));
    }

    @Test
    void aRecordOfANewerVersionStopsTheSubscriptionByDefaultOrIsSkippedAndCounted() throws Exception {
        Application app = app();
        List<String> strict = new CopyOnWriteArrayList<>();
        List<String> lenient = new CopyOnWriteArrayList<>();
        app.subscribe("upgraded", "g-strict", (NoteSubscriber) (note, ctx) -> strict.add(note.id()));
        Subscription skipping = app.subscribe("upgraded", "g-lenient",
                (NoteSubscriber) (note, ctx) -> lenient.add(note.id()))
                .onNewerVersion(Subscription.NewerVersion.SKIP);
        app.initialize();
        app.rawPublish("upgraded", utf8("{\"schema\":\"Note:1\",\"data\":{\"id\":\"v1\",\"text\":\"t\"}}"), null,
                List.of()).join();
        app.rawPublish("upgraded", utf8("{\"schema\":\"Note:2\",\"data\":{\"id\":\"v2\",\"text\":\"t\"}}"), null,
                List.of()).join();
        app.rawPublish("upgraded", utf8("{\"schema\":\"Note:1\",\"data\":{\"id\":\"v1b\",\"text\":\"t\"}}"), null,
                List.of()).join();
        await(WAIT, () -> "lenient " + lenient, () -> lenient.contains("v1b"));
        String why = awaitDeath(app);
        assertTrue(why.contains("g-strict") && why.contains("newer version") && why.contains("Note:2"), why);
        assertEquals(List.of("v1"), strict);
        assertEquals(List.of("v1", "v1b"), lenient);
        assertEquals(new SubscriptionStats(2, 0, 0, 0, 1, 0), skipping.stats());
        app.close();
        assertEquals(1, committed("g-strict", "upgraded"), "the newer record waits for an upgraded consumer");
    }
}
