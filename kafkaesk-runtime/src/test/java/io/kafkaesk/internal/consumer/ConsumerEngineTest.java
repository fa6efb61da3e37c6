package io.kafkaesk.internal.consumer;

import static io.kafkaesk.consume.Kit.await;
import static io.kafkaesk.consume.Kit.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.consume.Kit;
import io.kafkaesk.internal.observe.Observer;
import io.kafkaesk.internal.observe.Observers;
import io.kafkaesk.test.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsumerEngineTest {
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
    void aPartitionThatComesBackWhileItsRecordStillRunsWaitsForThatRecord() throws Exception {
        String topic = unique("back");
        String group = unique("g");
        Kit.createTopic(kafka.bootstrapServers(), topic, 1);
        Brokers.produce(kafka.bootstrapServers(), topic, 5, 1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Long> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordProcessor slowFirst = (record, control) -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (first.getAndSet(false)) {
                    // Outlives the 200 ms shutdown timeout of a revocation: the partition is given up mid-record.
                    release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                }
                handled.add(record.offset());
                return Outcome.done();
            } catch (InterruptedException e) {
                return Outcome.abandoned();
            } finally {
                running.decrementAndGet();
            }
        };
        EngineConfig base = config(topic, group, 2, true, Map.of());
        EngineConfig shortShutdown = new EngineConfig(group, base.consumerProperties(), base.topics(), null, 2, true,
                Duration.ofMillis(200), Duration.ofMillis(50), 4096, Duration.ofMillis(200));
        ConsumerEngine engine = new ConsumerEngine(shortShutdown, slowFirst);
        AtomicInteger overruns = new AtomicInteger();
        engine.observe(Observers.of(List.of(new Observer() {
            @Override
            public void rebalanced(String g, String event, int count) {
                if (event.equals("overrun")) {
                    overruns.addAndGet(count);
                }
            }
        }), ""));
        engine.start();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            await(Duration.ofSeconds(30), () -> "the first record never started", () -> !first.get());
            // Another member joins and leaves: two eager rebalances revoke the partition from the engine while its
            // first record runs, and the partition ends up assigned to the engine again.
            ConsumerEngine other = new ConsumerEngine(config(topic, group, 1, true, Map.of()),
                    (record, control) -> Outcome.abandoned());
            other.start();
            await(Duration.ofSeconds(30), () -> "the group never had two members", () -> members(admin, group) == 2);
            assertTrue(other.close(Duration.ofSeconds(20)));
            await(Duration.ofSeconds(30), () -> "the partition never came back", () -> members(admin, group) == 1);
            // Time for a second record of the partition to start beside the first, if anything allowed it.
            long window = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < window && mostAtOnce.get() < 2) {
                Thread.sleep(20);
            }
            assertEquals(1, mostAtOnce.get(), "two records of one partition ran at once");
            release.countDown();
            await(Duration.ofSeconds(30), () -> "handled " + handled, () -> handled.contains(4L));
        } finally {
            release.countDown();
            assertTrue(engine.close(Duration.ofSeconds(20)));
        }
        assertEquals(1, mostAtOnce.get(), "two records of one partition ran at once");
        assertTrue(overruns.get() >= 1, "the partition let go while its record ran is counted as an overrun");
    }

    private static int members(org.apache.kafka.clients.admin.Admin admin, String group) {
        try {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(10, java.util.concurrent.TimeUnit.SECONDS).members().size();
        } catch (Exception e) {
            return -1;
        }
    }

    private static EngineConfig config(String topic, String group, int concurrency, boolean autoCommit,
            Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new EngineConfig(group, props, List.of(topic), null, concurrency, autoCommit, Duration.ofMillis(200),
                Duration.ofMillis(50), 4096, Duration.ofSeconds(10));
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void keepsOrderWithinEachPartitionAndNeverRunsTwoRecordsOfOnePartitionAtOnce() throws Exception {
        String topic = unique("ordered");
        Kit.createTopic(kafka.bootstrapServers(), topic, 6);
        Brokers.produce(kafka.bootstrapServers(), topic, 5000, 40);

        Map<String, List<Integer>> seenByKey = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> activeByPartition = new ConcurrentHashMap<>();
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        ConsumerEngine engine = new ConsumerEngine(config(topic, unique("g"), 4, true, Map.of()), (record, control) -> {
            int now = active.incrementAndGet();
            maxActive.accumulateAndGet(now, Math::max);
            if (activeByPartition.computeIfAbsent(record.partition(), p -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            seenByKey.computeIfAbsent(string(record.key()), k -> new ArrayList<>())
                    .add(Integer.parseInt(string(record.value())));
            if (record.offset() % 50 == 0) {
                Thread.yield();
            }
            activeByPartition.get(record.partition()).decrementAndGet();
            active.decrementAndGet();
            handled.incrementAndGet();
            return Outcome.done();
        });
        engine.start();
        try {
            await(Duration.ofSeconds(30), () -> "handled " + handled.get(), () -> handled.get() >= 5000);
        } finally {
            assertTrue(engine.close(Duration.ofSeconds(20)));
        }
        assertEquals(0, overlaps.get(), "two records of one partition ran at once");
        assertTrue(maxActive.get() <= 4, "more workers than concurrency(4): " + maxActive.get());
        for (Map.Entry<String, List<Integer>> e : seenByKey.entrySet()) {
            List<Integer> values = e.getValue();
            for (int i = 1; i < values.size(); i++) {
                assertTrue(values.get(i - 1) < values.get(i), "key " + e.getKey() + " out of order: " + values);
            }
        }
        assertEquals(5000, handled.get());
    }

    @Test
    void commitsEveryHandledRecordOnClose() throws Exception {
        String topic = unique("close");
        String group = unique("g");
        Kit.createTopic(kafka.bootstrapServers(), topic, 3);
        Brokers.produce(kafka.bootstrapServers(), topic, 300, 30);
        AtomicInteger handled = new AtomicInteger();
        EngineConfig config = new EngineConfig(group,
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), List.of(topic), null, 2,
                true, Duration.ofHours(1), Duration.ofMillis(50), 4096, Duration.ofSeconds(10));
        ConsumerEngine engine = new ConsumerEngine(config, (record, control) -> {
            handled.incrementAndGet();
            return Outcome.done();
        });
        engine.start();
        await(Duration.ofSeconds(30), () -> "handled " + handled.get(), () -> handled.get() >= 300);
        assertTrue(engine.close(Duration.ofSeconds(20)));
        long total = Kit.committed(kafka.bootstrapServers(), group).values().stream()
                .mapToLong(OffsetAndMetadata::offset).sum();
        assertEquals(300, total, "the commit interval is an hour, so only close committed");
    }

    @Test
    void commitsNothingPastAFailedRecordOfItsPartition() throws Exception {
        String topic = unique("fail");
        String group = unique("g");
        Kit.createTopic(kafka.bootstrapServers(), topic, 1);
        Brokers.produce(kafka.bootstrapServers(), topic, 100, 1);
        AtomicInteger handled = new AtomicInteger();
        ConsumerEngine engine = new ConsumerEngine(config(topic, group, 1, true, Map.of()), (record, control) -> {
            if (record.offset() == 42) {
                return Outcome.fail(new IllegalStateException("boom"));
            }
            handled.incrementAndGet();
            return Outcome.done();
        });
        engine.start();
        assertTrue(engine.awaitTermination(Duration.ofSeconds(30)), "the failure stops the engine");
        assertEquals(ConsumerEngine.State.FAILED, engine.state());
        assertEquals(42, handled.get(), "nothing after the failed record runs");
        OffsetAndMetadata committed = Kit.committed(kafka.bootstrapServers(), group)
                .get(new TopicPartition(topic, 0));
        assertEquals(42, committed.offset());
    }

    @Test
    void aRevokedPartitionCutsARetryBackoffShortAndItsRecordGoesToTheNextOwnerUncommitted() throws Exception {
        String topic = unique("revoke");
        String group = unique("g");
        Kit.createTopic(kafka.bootstrapServers(), topic, 1);
        Brokers.produce(kafka.bootstrapServers(), topic, 3, 1);
        java.util.concurrent.atomic.AtomicBoolean firstCall = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger abandoned = new AtomicInteger();
        RecordProcessor processor = (record, control) -> {
            if (firstCall.getAndSet(false)) {
                // A back-off far longer than the test: only revocation can end it.
                if (!control.sleep(Duration.ofMinutes(5))) {
                    abandoned.incrementAndGet();
                    return Outcome.abandoned();
                }
            }
            handled.add(record.offset() + "");
            return Outcome.done();
        };
        ConsumerEngine first = new ConsumerEngine(config(topic, group, 1, true, Map.of()), processor);
        first.start();
        await(Duration.ofSeconds(30), () -> "the first engine never started its back-off", () -> !firstCall.get());
        ConsumerEngine second = new ConsumerEngine(config(topic, group, 1, true, Map.of()), processor);
        second.start();
        try {
            await(Duration.ofSeconds(30), () -> "handled " + handled, () -> handled.size() >= 3);
        } finally {
            assertTrue(second.close(Duration.ofSeconds(20)));
            assertTrue(first.close(Duration.ofSeconds(20)));
        }
        assertEquals(1, abandoned.get());
        assertEquals(List.of("0", "1", "2"), handled, "the abandoned record was delivered again, in order");
    }

    @Test
    void aHandlerSlowerThanMaxPollIntervalDoesNotLoseTheGroupMembership() throws Exception {
        String topic = unique("slow");
        String group = unique("g");
        Kit.createTopic(kafka.bootstrapServers(), topic, 2);
        Brokers.produce(kafka.bootstrapServers(), topic, 40, 2);
        AtomicInteger handled = new AtomicInteger();
        Map<String, Object> props = Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1000,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5);
        EngineConfig base = config(topic, group, 1, true, props);
        EngineConfig config = new EngineConfig(group, base.consumerProperties(), base.topics(), null, 1, true,
                Duration.ofMillis(100), Duration.ofMillis(50), 600, Duration.ofSeconds(10));
        ConsumerEngine engine = new ConsumerEngine(config, (record, control) -> {
            // 40 records x 100 ms = 4 s of handling, four times max.poll.interval.ms, on one worker.
            control.sleep(Duration.ofMillis(100));
            handled.incrementAndGet();
            return Outcome.done();
        });
        engine.start();
        try {
            await(Duration.ofSeconds(30), () -> "handled " + handled.get(), () -> handled.get() >= 40);
        } finally {
            assertTrue(engine.close(Duration.ofSeconds(20)));
        }
        assertEquals(40, handled.get(), "no record was handled twice, so the member was never dropped from the group");
    }

    @Test
    void theMemoryBoundHoldsWhateverThePartitionCount() throws Exception {
        String topic = unique("bound");
        String group = unique("g");
        int partitions = 40;
        Kit.createTopic(kafka.bootstrapServers(), topic, partitions);
        byte[] value = new byte[4096];
        int count = 2000; // 8 MB in all, 200 KB a partition: far beyond the 256 KB bound
        try (KafkaProducer<byte[], byte[]> producer =
                Brokers.producer(kafka.bootstrapServers())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, null,
                        value));
            }
            producer.flush();
        }
        long bound = 256 * 1024;
        EngineConfig base = config(topic, group, 1, true, Map.of());
        // 8 MiB a partition allowed, so only the consumer-wide bound can hold memory down.
        EngineConfig config = new EngineConfig(group, base.consumerProperties(), base.topics(), null, 1, true,
                Duration.ofMillis(200), Duration.ofMillis(50), 8L * 1024 * 1024, Duration.ofSeconds(10),
                Duration.ofSeconds(10), bound);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        ConsumerEngine engine = new ConsumerEngine(config, (record, control) -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return Outcome.abandoned();
            }
            handled.incrementAndGet();
            return Outcome.done();
        });
        engine.start();
        long peak = 0;
        try {
            await(Duration.ofSeconds(30), () -> "the consumer fetched, queued " + engine.queuedBytes(),
                    () -> engine.queuedBytes() >= bound / 2);
            // An observation window while the handler is blocked: the poll loop keeps polling all along.
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                peak = Math.max(peak, engine.queuedBytes());
                Thread.sleep(10);
            }
            release.countDown();
            await(Duration.ofSeconds(60), () -> "handled " + handled.get(), () -> handled.get() >= count);
        } finally {
            release.countDown();
            assertTrue(engine.close(Duration.ofSeconds(20)));
        }
        System.out.println("peak queued bytes " + peak + " with a bound of " + bound + " over " + partitions
                + " partitions");
        // The bound, plus what the poll that crossed it returned (fetch.max.bytes is a quarter of the bound, and a
        // fetch returns at least one batch: 16 KB with the producer's defaults).
        assertTrue(peak <= bound + bound / 4 + 64 * 1024, "peak " + peak + " over the bound " + bound);
        assertEquals(count, handled.get());
    }
}
