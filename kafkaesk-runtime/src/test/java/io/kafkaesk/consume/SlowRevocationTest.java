package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkaesk.Application;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A handler slower than the rebalance that takes its partition away. */
class SlowRevocationTest extends BrokerTestBase {
    @Test
    void aPartitionIsNeverHandedOverWhileItsRecordRunsSoNoTwoRecordsOfOnePartitionRunAtOnce() {
        Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        AtomicInteger started = new AtomicInteger();
        NoteSubscriber slow = (note, ctx) -> {
            int now = running.computeIfAbsent(ctx.record().partition(), p -> new AtomicInteger()).incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            started.incrementAndGet();
            try {
                // Longer than the rebalance the second member starts.
                Thread.sleep(1500);
                handled.add(note.id());
            } finally {
                running.get(ctx.record().partition()).decrementAndGet();
            }
        };
        Application first = app();
        first.subscribe("slow", "g-slow", slow);
        first.initialize();
        for (int i = 0; i < 8; i++) {
            first.publish("slow", new Note("n" + i, "x"));
        }
        first.flush();
        await(Duration.ofSeconds(60), () -> "the first record runs", () -> started.get() >= 1);
        // A second member joins while the first one's record runs: the first must give its partitions up.
        Application second = app();
        second.subscribe("slow", "g-slow", slow);
        second.initialize();
        await(Duration.ofSeconds(120), () -> "handled " + handled, () -> handled.size() == 8);
        assertEquals(1, mostAtOnce.get(), "two records of one partition ran at once");
    }

    private Application app() {
        Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(2).build();
        app.schema(Note.SCHEMA);
        apps.add(app);
        return app;
    }
}
