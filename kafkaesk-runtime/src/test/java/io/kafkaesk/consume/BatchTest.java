package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static io.kafkaesk.consume.Kit.string;
import static io.kafkaesk.consume.Kit.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.BatchFailure;
import io.kafkaesk.BatchRecord;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.Subscription;
import io.kafkaesk.UnhandledMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Batch subscribers on a real broker: order, poison records, retries, dead letters and commits. */
class BatchTest extends BrokerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final RetryPolicy FAST = RetryPolicy.attempts(3).backoff(Duration.ofMillis(10), 2.0,
            Duration.ofMillis(50));

    private Application app() {
        Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(1).build();
        app.schema(Note.SCHEMA);
        apps.add(app);
        return app;
    }

    private static String note(String id) {
        return "{\"schema\":\"Note:1\",\"data\":{\"id\":\"" + id + "\",\"text\":\"ok\"}}";
    }

    /** Publishes {@code ids} in order to one partition of {@code stream}; an id starting "poison" is not JSON. */
    private void publish(String stream, List<String> ids) {
        Application producer = app();
        for (String id : ids) {
            byte[] value = utf8(id.startsWith("poison") ? "not json: " + id : note(id));
            producer.rawPublish(stream, value, null, List.of()).join();
        }
    }

    private static List<String> ids(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add("n" + i);
        }
        return ids;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader("kafkaesk.error." + name);
        return h == null ? "" : string(h.value());
    }

    private void awaitCommitted(String group, String stream, long offset) {
        TopicPartition tp = new TopicPartition(prefix + stream, 0);
        long[] seen = {-1};
        await(WAIT, () -> "committed " + seen[0] + " of " + offset, () -> {
            try {
                OffsetAndMetadata committed = Kit.committed(kafka.bootstrapServers(), group).get(tp);
                seen[0] = committed == null ? -1 : committed.offset();
            } catch (Exception e) {
                return false;
            }
            return seen[0] == offset;
        });
    }

    @Test
    void batchesHoldOnePartitionsRecordsInOrderAndAPoisonRecordIsDeadLetteredWithItsBytes() {
        List<String> sent = new ArrayList<>(ids(0, 10));
        sent.add("poison-1");
        sent.addAll(ids(10, 20));
        publish("orders", sent);

        Application app = app();
        List<String> handled = new CopyOnWriteArrayList<>();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        List<Long> offsets = new CopyOnWriteArrayList<>();
        String group = prefix + "journal";
        Subscription s = app.subscribe("orders", group, (NoteSubscriber.Batch) batch -> {
            sizes.add(batch.size());
            for (BatchRecord<Note> r : batch) {
                handled.add(r.data().id());
                offsets.add(r.record().offset());
                assertEquals("Note:1", r.context().schemaKey());
            }
        }).maxBatchSize(5).retry(FAST);
        app.initialize();

        await(WAIT, () -> "handled " + handled, () -> handled.size() >= 20);
        assertEquals(ids(0, 20), handled, "every good record once, in order");
        assertTrue(sizes.stream().allMatch(n -> n >= 1 && n <= 5), "batch sizes " + sizes);
        assertTrue(sizes.stream().anyMatch(n -> n > 1), "records fetched together arrive together: " + sizes);
        for (int i = 1; i < offsets.size(); i++) {
            assertTrue(offsets.get(i) > offsets.get(i - 1), "offsets in order: " + offsets);
        }
        List<ConsumerRecord<byte[], byte[]>> dead = Kit.read(kafka.bootstrapServers(),
                prefix + "kafkaesk.dead-letter", 1, WAIT);
        assertArrayEquals(utf8("not json: poison-1"), dead.get(0).value(), "original bytes");
        assertEquals("10", header(dead.get(0), "offset"));
        assertEquals("0", header(dead.get(0), "attempts"));
        assertTrue(header(dead.get(0), "message").startsWith("Record value is not JSON"),
                header(dead.get(0), "message"));
        awaitCommitted(group, "orders", 21);
        assertEquals(20, s.stats().handled());
        assertEquals(1, s.stats().deadLettered());
    }

    @Test
    void aFailingBatchIsRetriedAndItsRecordsAreHandledOnce() {
        publish("retried", ids(0, 8));
        Application app = app();
        List<String> handled = new CopyOnWriteArrayList<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        String group = prefix + "retry";
        Subscription s = app.subscribe("retried", group, (NoteSubscriber.Batch) batch -> {
            int attempt = batch.get(0).context().attempt();
            attempts.add(attempt);
            if (attempt == 1) {
                throw new IllegalStateException("the database is busy");
            }
            batch.forEach(r -> handled.add(r.data().id()));
        }).retry(FAST);
        app.initialize();

        await(WAIT, () -> "handled " + handled, () -> handled.size() >= 8);
        assertEquals(ids(0, 8), handled);
        assertTrue(attempts.contains(1) && attempts.contains(2), "attempts " + attempts);
        awaitCommitted(group, "retried", 8);
        assertTrue(s.stats().retried() >= 1, s.stats().toString());
        assertEquals(0, s.stats().deadLettered());
    }

    @Test
    void aNamedFailingRecordIsDeadLetteredAndTheRecordsAroundItAreHandledOnce() {
        List<String> sent = new ArrayList<>(ids(0, 5));
        sent.add("bad");
        sent.addAll(ids(5, 10));
        publish("named", sent);
        Application app = app();
        List<String> handled = new CopyOnWriteArrayList<>();
        String group = prefix + "named";
        Subscription s = app.subscribe("named", group, (NoteSubscriber.Batch) batch -> {
            for (int i = 0; i < batch.size(); i++) {
                String id = batch.get(i).data().id();
                if (id.equals("bad")) {
                    throw new BatchFailure(i, new IllegalArgumentException("cannot store " + id));
                }
                handled.add(id);
            }
        }).retry(FAST);
        app.initialize();

        await(WAIT, () -> "handled " + handled, () -> handled.size() >= 10);
        assertEquals(ids(0, 10), handled, "the records before the failing one are not handled again");
        List<ConsumerRecord<byte[], byte[]>> dead = Kit.read(kafka.bootstrapServers(),
                prefix + "kafkaesk.dead-letter", 1, WAIT);
        assertArrayEquals(utf8(note("bad")), dead.get(0).value(), "original bytes");
        assertEquals("5", header(dead.get(0), "offset"));
        assertEquals("3", header(dead.get(0), "attempts"));
        assertEquals("cannot store bad", header(dead.get(0), "message"));
        assertEquals(IllegalArgumentException.class.getName(), header(dead.get(0), "class"));
        awaitCommitted(group, "named", 11);
        assertEquals(1, s.stats().deadLettered());
        assertEquals(10, s.stats().handled());
    }

    @Test
    void aBatchThatFailsWithoutNamingARecordIsHandledOneAtATimeAndOnlyThePoisonIsDeadLettered() {
        List<String> sent = new ArrayList<>(ids(0, 4));
        sent.add("bad");
        sent.addAll(ids(4, 8));
        publish("unnamed", sent);
        Application app = app();
        List<String> handled = new CopyOnWriteArrayList<>();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        String group = prefix + "unnamed";
        Subscription s = app.subscribe("unnamed", group, (NoteSubscriber.Batch) batch -> {
            sizes.add(batch.size());
            if (batch.stream().anyMatch(r -> r.data().id().equals("bad"))) {
                throw new IllegalStateException("a record of this batch cannot be stored");
            }
            batch.forEach(r -> handled.add(r.data().id()));
        }).retry(FAST);
        app.initialize();

        await(WAIT, () -> "handled " + handled, () -> handled.size() >= 8);
        assertEquals(ids(0, 8), handled);
        assertTrue(sizes.contains(1), "handled one at a time after the batch failed: " + sizes);
        List<ConsumerRecord<byte[], byte[]>> dead = Kit.read(kafka.bootstrapServers(),
                prefix + "kafkaesk.dead-letter", 1, WAIT);
        assertArrayEquals(utf8(note("bad")), dead.get(0).value());
        assertEquals("4", header(dead.get(0), "offset"));
        awaitCommitted(group, "unnamed", 9);
        assertEquals(Map.of("deadLettered", 1L, "handled", 8L),
                Map.of("deadLettered", s.stats().deadLettered(), "handled", s.stats().handled()));
    }

    @Test
    void theRecordsBeforeANamedFailureAreCommittedWhileItIsRetriedAndTheRestOnlyOnceDone() throws Exception {
        publish("held", ids(0, 6));
        Application app = app();
        AtomicBoolean healed = new AtomicBoolean();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        String group = prefix + "held";
        app.subscribe("held", group, (NoteSubscriber.Batch) batch -> {
            for (int i = 0; i < batch.size(); i++) {
                BatchRecord<Note> r = batch.get(i);
                if (r.data().id().equals("n3") && !healed.get()) {
                    attempts.add(r.context().attempt());
                    throw new BatchFailure(i, new IllegalStateException("n3 cannot be stored yet"));
                }
                handled.add(r.data().id());
            }
        }).retry(RetryPolicy.attempts(1000).backoff(Duration.ofMillis(20), 1.0, Duration.ofMillis(20)));
        app.initialize();

        // While n3 is retried, n0..n2 are done and committed, and nothing from n3 on is.
        awaitCommitted(group, "held", 3);
        await(WAIT, () -> "attempts " + attempts, () -> attempts.size() >= 3);
        assertEquals(List.of("n0", "n1", "n2"), handled);
        OffsetAndMetadata stillThree = Kit.committed(kafka.bootstrapServers(), group)
                .get(new TopicPartition(prefix + "held", 0));
        assertEquals(3, stillThree.offset(), "nothing from the failing record on is committed while it is retried");
        healed.set(true);
        awaitCommitted(group, "held", 6);
        assertEquals(ids(0, 6), handled);
    }

    @Test
    void eachBatchHoldsRecordsOfOnePartitionInOffsetOrderWithThreePartitionsAndThreeWorkers() throws Exception {
        Kit.createTopic(kafka.bootstrapServers(), prefix + "spread", 3);
        Application producer = app();
        for (int i = 0; i < 60; i++) {
            producer.rawPublish("spread", utf8(note("n" + i)), utf8("customer-" + (i % 7)), List.of()).join();
        }
        Application app = app();
        List<List<ConsumerRecord<byte[], byte[]>>> batches = new CopyOnWriteArrayList<>();
        app.subscribe("spread", prefix + "spread", (NoteSubscriber.Batch) batch ->
                batches.add(batch.stream().map(BatchRecord::record).toList())).concurrency(3).maxBatchSize(8);
        app.initialize();

        await(WAIT, () -> "batches " + batches.size(), () -> batches.stream().mapToInt(List::size).sum() >= 60);
        Map<Integer, List<Long>> byPartition = new TreeMap<>();
        for (List<ConsumerRecord<byte[], byte[]>> batch : batches) {
            Set<Integer> partitions = new HashSet<>();
            batch.forEach(r -> partitions.add(r.partition()));
            assertEquals(1, partitions.size(), "one partition per batch");
            assertTrue(batch.size() <= 8, "at most maxBatchSize records");
            batch.forEach(r -> byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.offset()));
        }
        assertEquals(3, byPartition.size(), "records of every partition: " + byPartition.keySet());
        for (Map.Entry<Integer, List<Long>> e : byPartition.entrySet()) {
            List<Long> offsets = e.getValue();
            for (int i = 0; i < offsets.size(); i++) {
                assertEquals((long) i, offsets.get(i), "partition " + e.getKey() + " in order, once: " + offsets);
            }
        }
    }

    @Test
    void unhandledMessageSkipsTheWholeBatchAndCommitsIt() {
        publish("skipped", ids(0, 4));
        Application app = app();
        String group = prefix + "skipped";
        Subscription s = app.subscribe("skipped", group, (NoteSubscriber.Batch) batch -> {
            throw new UnhandledMessage("not for this ledger");
        });
        app.initialize();
        awaitCommitted(group, "skipped", 4);
        assertEquals(4, s.stats().unhandled());
        assertEquals(0, s.stats().handled() + s.stats().deadLettered() + s.stats().retried());
    }
}
