package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.ConsumerUnhealthyException;
import io.kafkaesk.ProducerUnhealthyException;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.StopConsumer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommitTest extends BrokerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Application app(UnaryOperator<ApplicationSettings.Builder> settings) {
        Application app = settings.apply(Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(1)).build();
        app.schema(Note.SCHEMA);
        apps.add(app);
        return app;
    }

    private void publish(String stream, String... ids) {
        Application publisher = app(b -> b);
        for (String id : ids) {
            publisher.publish(stream, new Note(id, "x"));
        }
        publisher.flush();
    }

    private long committed(String group, String stream) throws Exception {
        var offset = Kit.committed(kafka.bootstrapServers(), group).get(new TopicPartition(prefix + stream, 0));
        return offset == null ? -1 : offset.offset();
    }

    @Test
    void underTheStopPolicyNothingPastTheFailedRecordIsCommittedAndAFixedHandlerGetsItAfterRestart()
            throws Exception {
        publish("orders", "a", "b", "bad", "c");
        Application broken = app(b -> b);
        List<String> handled = new CopyOnWriteArrayList<>();
        broken.subscribe("orders", "billing", (NoteSubscriber) (note, ctx) -> {
            if (note.id().equals("bad")) {
                throw new IllegalStateException("bug in the handler");
            }
            handled.add(note.id());
        }).retry(RetryPolicy.attempts(2).fixedBackoff(Duration.ofMillis(10)).thenStop());
        broken.initialize();
        await(WAIT, () -> "the consumer is still alive", () -> {
            try {
                broken.healthCheck();
                return false;
            } catch (ConsumerUnhealthyException e) {
                return true;
            }
        });
        ConsumerUnhealthyException e = assertThrows(ConsumerUnhealthyException.class, broken::healthCheck);
        assertTrue(e.getMessage().contains("bug in the handler"), e.getMessage());
        assertEquals(List.of("a", "b"), handled);
        broken.close(); // the failed consumer commits what it finished while it shuts down
        assertEquals(2, committed("billing", "orders"), "committed up to, not past, the failed record");

        Application fixed = app(b -> b);
        List<String> afterFix = new CopyOnWriteArrayList<>();
        fixed.subscribe("orders", "billing", (NoteSubscriber) (note, ctx) -> afterFix.add(note.id()));
        fixed.initialize();
        await(WAIT, () -> "after the fix " + afterFix, () -> afterFix.size() == 2);
        assertEquals(List.of("bad", "c"), afterFix);
    }

    @Test
    void withoutAutoCommitAndWithoutCommitARestartRedeliversEverything() throws Exception {
        publish("manual", "m1", "m2", "m3");
        Application first = app(b -> b.autoCommit(false));
        List<String> seen = new CopyOnWriteArrayList<>();
        first.subscribe("manual", "g", (NoteSubscriber) (note, ctx) -> seen.add(note.id()));
        first.initialize();
        await(WAIT, () -> "seen " + seen, () -> seen.size() == 3);
        first.close();
        assertEquals(-1, committed("g", "manual"), "the library committed nothing");

        Application second = app(b -> b.autoCommit(false));
        List<String> again = new CopyOnWriteArrayList<>();
        second.subscribe("manual", "g", (NoteSubscriber) (note, ctx) -> again.add(note.id()));
        second.initialize();
        await(WAIT, () -> "redelivered " + again, () -> again.size() == 3);
        assertEquals(List.of("m1", "m2", "m3"), again);
    }

    @Test
    void contextCommitTakesEffectOnlyOnceTheRecordIsDoneAndNeverForARecordTheSubscriptionStopsOn() throws Exception {
        publish("commit-late", "c0", "c1", "c2");
        Application app = app(b -> b.autoCommit(false));
        List<String> seen = new CopyOnWriteArrayList<>();
        app.subscribe("commit-late", "g", (NoteSubscriber) (note, ctx) -> {
            seen.add(note.id());
            ctx.commit();
            if (note.id().equals("c1")) {
                throw new IllegalStateException("fails after asking for a commit");
            }
        }).retry(RetryPolicy.attempts(1).thenStop());
        app.initialize();
        await(WAIT, () -> "the subscription dies on c1, seen " + seen, () -> {
            try {
                app.healthCheck();
                return false;
            } catch (ConsumerUnhealthyException e) {
                return true;
            }
        });
        app.close();
        assertEquals(List.of("c0", "c1"), seen);
        assertEquals(1, committed("g", "commit-late"), "c0 committed; c1 asked for its commit but never completed");
    }

    @Test
    void withoutAutoCommitContextCommitMakesARestartSkipWhatWasCommitted() throws Exception {
        publish("manual", "m1", "m2", "m3");
        Application first = app(b -> b.autoCommit(false));
        List<String> seen = new CopyOnWriteArrayList<>();
        first.subscribe("manual", "g", (NoteSubscriber) (note, ctx) -> {
            seen.add(note.id());
            if (!note.id().equals("m3")) {
                ctx.commit();
            }
        });
        first.initialize();
        await(WAIT, () -> "seen " + seen, () -> seen.size() == 3);
        first.close();
        assertEquals(2, committed("g", "manual"), "m1 and m2 committed by the handler, m3 not");

        Application second = app(b -> b.autoCommit(false));
        List<String> again = new CopyOnWriteArrayList<>();
        second.subscribe("manual", "g", (NoteSubscriber) (note, ctx) -> {
            again.add(note.id());
            ctx.commit();
        });
        second.initialize();
        publish("manual", "m4");
        await(WAIT, () -> "after restart " + again, () -> again.contains("m4"));
        assertEquals(List.of("m3", "m4"), again);
    }

    @Test
    void closeCommitsTheOffsetsOfHandledRecords() throws Exception {
        publish("graceful", "g1", "g2", "g3", "g4", "g5");
        // An hour between interval commits: whatever is committed, close committed it.
        Application app = app(b -> b.autoCommitIntervalMs(3_600_000));
        List<String> seen = new CopyOnWriteArrayList<>();
        app.subscribe("graceful", "g", (NoteSubscriber) (note, ctx) -> seen.add(note.id()));
        app.initialize();
        await(WAIT, () -> "seen " + seen, () -> seen.size() == 5);
        assertEquals(-1, committed("g", "graceful"));
        app.close();
        assertEquals(5, committed("g", "graceful"));
    }

    @Test
    void stopConsumerStopsOnlyItsSubscriptionLeavesItsRecordUncommittedAndKeepsTheAppHealthy() throws Exception {
        publish("stop", "s1", "stop-here", "s3");
        Application app = app(b -> b);
        List<String> stopper = new CopyOnWriteArrayList<>();
        List<String> other = new CopyOnWriteArrayList<>();
        app.subscribe("stop", "stopper", (NoteSubscriber) (note, ctx) -> {
            if (note.id().equals("stop-here")) {
                throw new StopConsumer("enough");
            }
            stopper.add(note.id());
        });
        app.subscribe("stop", "other", (NoteSubscriber) (note, ctx) -> other.add(note.id()));
        app.initialize();
        await(WAIT, () -> "other " + other, () -> other.size() == 3);
        await(WAIT, () -> "commit of the stopper", () -> {
            try {
                return committed("stopper", "stop") == 1;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(List.of("s1"), stopper);
        app.healthCheck();
        publish("stop", "s4");
        await(WAIT, () -> "other " + other, () -> other.size() == 4);
        assertEquals(List.of("s1"), stopper, "the stopped subscription consumes nothing more");
    }

    @Test
    void healthCheckPassesWhileRunningAndFailsForTheProducerOnceClosed() {
        Application app = app(b -> b);
        app.subscribe("health", "g", (NoteSubscriber) (note, ctx) -> { });
        app.initialize();
        app.healthCheck();
        app.close();
        ProducerUnhealthyException e = assertThrows(ProducerUnhealthyException.class, app::healthCheck);
        assertTrue(e.getMessage().contains("not connected"), e.getMessage());
    }
}
