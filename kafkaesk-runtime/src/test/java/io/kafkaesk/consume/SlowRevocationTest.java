package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.GroupState;
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
                Thread.sleep(1000);
                handled.add(note.id());
            } finally {
                running.get(ctx.record().partition()).decrementAndGet();
            }
        };
        Application first = app();
        first.subscribe("slow", "g-slow", slow);
        first.initialize();
        for (int i = 0; i < 6; i++) {
            first.publish("slow", new Note("n" + i, "x"));
        }
        first.flush();
        await(Duration.ofSeconds(60), () -> "the first record runs", () -> started.get() >= 1);
        // A second member joins while the first one's record runs: the first must give its partitions up.
        Application second = app();
        second.subscribe("slow", "g-slow", slow);
        second.initialize();
        await(Duration.ofSeconds(120), () -> "handled " + handled, () -> handled.size() == 6);
        assertEquals(1, mostAtOnce.get(), "two records of one partition ran at once");
    }

    @Test
    void aMemberStoppedDuringAGroupJoinClosesWithinTheDocumentedBound() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Application first = app();
        first.subscribe("join", "g-join", (NoteSubscriber) (note, ctx) -> {
            started.incrementAndGet();
            release.await(60, TimeUnit.SECONDS);
        });
        first.initialize();
        first.publishAndWait("join", new Note("long", "x"));
        await(Duration.ofSeconds(60), () -> "the long record runs", () -> started.get() == 1);
        try {
            // The first member's revocation waits for its record, so the group's join stays open for the second.
            Application second = app();
            second.subscribe("join", "g-join", (NoteSubscriber) (note, ctx) -> { });
            second.initialize();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                await(Duration.ofSeconds(60), () -> "the group is rebalancing", () -> {
                    try {
                        return admin.describeConsumerGroups(List.of("g-join")).describedGroups().get("g-join")
                                .get(10, TimeUnit.SECONDS).groupState() == GroupState.PREPARING_REBALANCE;
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
            long begin = System.nanoTime();
            second.close();
            long millis = (System.nanoTime() - begin) / 1_000_000;
            System.out.println("a member stopped during a group join closed in " + millis + " ms");
            // The bound: the final commit and leaving the group, 5 s each (it was 30 s with pending join requests).
            assertTrue(millis < 12_000, "close took " + millis + " ms");
        } finally {
            release.countDown();
        }
    }

    private Application app() {
        Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(2).build();
        app.schema(Note.SCHEMA);
        apps.add(app);
        return app;
    }
}
