package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.test.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrderingTest {
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
    void concurrencyFourOnSixPartitionsHandlesEveryKeysMessagesInOrder() throws Exception {
        String prefix = Kit.prefix();
        int messages = 5000;
        int keys = 60;
        try (Application publisher = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(6).build();
                Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(6).build()) {
            publisher.schema(Note.SCHEMA);
            Kit.createTopic(kafka.bootstrapServers(), prefix + "ordered", 6);
            for (int i = 0; i < messages; i++) {
                // The schema keys records by id, so each key stays on one partition.
                publisher.publish("ordered", new Note("key-" + (i % keys), Integer.toString(i)));
            }
            publisher.flush();

            Map<String, List<Integer>> byKey = new ConcurrentHashMap<>();
            Map<Integer, AtomicInteger> inPartition = new ConcurrentHashMap<>();
            Set<Integer> partitionsStarted = ConcurrentHashMap.newKeySet();
            AtomicInteger active = new AtomicInteger();
            AtomicInteger maxActive = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger handled = new AtomicInteger();
            // The first records of four partitions wait for each other: this only completes if four partitions
            // really are processed at the same time.
            CountDownLatch fourAtOnce = new CountDownLatch(4);
            app.subscribe("ordered", "ordered-g", (NoteSubscriber) (note, ctx) -> {
                int partition = ctx.record().partition();
                maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                if (inPartition.computeIfAbsent(partition, p -> new AtomicInteger()).incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                if (partitionsStarted.add(partition) && partitionsStarted.size() <= 4) {
                    fourAtOnce.countDown();
                    fourAtOnce.await(20, TimeUnit.SECONDS);
                }
                byKey.computeIfAbsent(note.id(), k -> new ArrayList<>()).add(Integer.parseInt(note.text()));
                inPartition.get(partition).decrementAndGet();
                active.decrementAndGet();
                handled.incrementAndGet();
            }).concurrency(4);
            app.initialize();
            await(Duration.ofSeconds(60), () -> "handled " + handled.get(), () -> handled.get() >= messages);

            assertEquals(0, fourAtOnce.getCount(), "four partitions were never processed at once");
            assertEquals(0, overlaps.get(), "two records of one partition ran at the same time");
            assertTrue(maxActive.get() <= 4, "more than concurrency(4) records at once: " + maxActive.get());
            assertEquals(keys, byKey.size());
            for (Map.Entry<String, List<Integer>> e : byKey.entrySet()) {
                List<Integer> seq = e.getValue();
                for (int i = 1; i < seq.size(); i++) {
                    assertTrue(seq.get(i - 1) < seq.get(i), e.getKey() + " out of order at " + i + ": " + seq);
                }
            }
            assertEquals(messages, handled.get(), "no duplicates without rebalances");
        }
    }
}
