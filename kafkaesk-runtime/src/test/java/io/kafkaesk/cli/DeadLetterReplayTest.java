package io.kafkaesk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.Subscription;
import io.kafkaesk.consume.Kit;
import io.kafkaesk.consume.Note;
import io.kafkaesk.consume.NoteSubscriber;
import io.kafkaesk.test.KafkaCluster;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** {@code kafkaesk dlq replay}: dead letters go back to their topic as they were, filtered, or only listed. */
@KafkaeskTest
class DeadLetterReplayTest {
    @Test
    void replaysMatchingDeadLettersByteForByteWithoutErrorHeadersAndDryRunSendsNothing(KafkaCluster kafka,
            TopicPrefix prefix) throws Exception {
        String servers = kafka.bootstrapServers();
        try (Application app = Application.builder().kafkaServers(servers).topicPrefix(prefix.value())
                .autoCommitIntervalMs(100).build()) {
            NoteSubscriber picky = (note, context) -> {
                if (note.text().equals("bad")) {
                    throw new IllegalStateException("bad note " + note.id());
                }
                if (note.text().equals("ugly")) {
                    throw new IllegalArgumentException("ugly note " + note.id());
                }
            };
            Subscription notes = app.subscribe("notes", "picky", picky).retry(RetryPolicy.attempts(1));
            Subscription others = app.subscribe("others", "picky-others", picky).retry(RetryPolicy.attempts(1));
            app.schema(Note.SCHEMA);
            app.initialize();
            List<Header> headers = List.of(new RecordHeader("x-trace", new byte[] {1, 2, (byte) 0xff}));
            for (String text : List.of("fine", "bad", "fine", "ugly", "bad")) {
                app.publish("notes", new Note(UUID.randomUUID().toString(), text), null, headers).get();
            }
            app.publish("others", new Note("o1", "bad")).get();
            Kit.await(Duration.ofSeconds(60), () -> "4 dead letters, got " + notes.stats() + " " + others.stats(),
                    () -> notes.stats().deadLettered() == 3 && others.stats().deadLettered() == 1);
        }
        String notesTopic = prefix.topic("notes");
        List<ConsumerRecord<byte[], byte[]>> before = readAll(servers, notesTopic, 5);

        Output dry = replay(servers, "--topic-prefix", prefix.value(), "--dry-run");
        assertEquals(0, dry.code, dry.err);
        assertTrue(dry.out.contains("Dry run: 4 of 4 dead letters would be replayed"), dry.out);
        assertEquals(5, endOffsetTotal(servers, notesTopic), "a dry run sends nothing");

        Output otherGroup = replay(servers, "--topic-prefix", prefix.value(), "--group", "someone-else",
                "--dry-run");
        assertTrue(otherGroup.out.contains("Dry run: 0 of 4 dead letters would be replayed"), otherGroup.out);
        assertTrue(otherGroup.out.contains("No dead letter matched --group someone-else. The 4 read came from "
                + "topics [" + prefix.topic("notes") + ", " + prefix.topic("others") + "], groups [picky, "
                + "picky-others]"), otherGroup.out);
        assertTrue(dry.out.contains("(dead-lettered by group picky after 1 attempts at "), dry.out);

        Output real = replay(servers, "--topic-prefix", prefix.value(), "--topic", notesTopic,
                "--error-class", "IllegalStateException", "--group", "picky");
        assertEquals(0, real.code, real.err);
        assertTrue(real.out.contains("Replayed 2 of 4 dead letters"), real.out);

        assertEquals(7, endOffsetTotal(servers, notesTopic), "two records replayed, no more");

        // The same replay again, naming the stream instead of the topic: it resumes after what it sent.
        Output again = replay(servers, "--topic-prefix", prefix.value(), "--topic", "notes",
                "--error-class", "IllegalStateException", "--group", "picky");
        assertEquals(0, again.code, again.err);
        assertTrue(again.out.contains("Replayed 0 of 0 dead letters") && again.out.contains("Nothing new since the "
                + "last replay"), again.out);
        assertEquals(7, endOffsetTotal(servers, notesTopic), "the second run sent nothing");
        Output fromStart = replay(servers, "--topic-prefix", prefix.value(), "--topic", "notes",
                "--error-class", "IllegalStateException", "--group", "picky", "--from-beginning", "--dry-run");
        assertTrue(fromStart.out.contains("Dry run: 2 of 4 dead letters would be replayed"), fromStart.out);
        Matcher first = Pattern.compile("would replay \\S+-(\\d+)@(\\d+) ")
                .matcher(dry.out);
        assertTrue(first.find(), dry.out);
        Output picked = replay(servers, "--topic-prefix", prefix.value(), "--offsets",
                first.group(1) + ":" + first.group(2), "--dry-run");
        assertTrue(picked.out.contains("Dry run: 1 of"), picked.out);
        Output since = replay(servers, "--topic-prefix", prefix.value(), "--since", "1d", "--dry-run");
        assertTrue(since.out.contains("Dry run: 4 of 4"), since.out);
        List<ConsumerRecord<byte[], byte[]>> after = readAll(servers, notesTopic, 7);
        List<ConsumerRecord<byte[], byte[]>> originals = before.stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"text\":\"bad\"")).toList();
        List<ConsumerRecord<byte[], byte[]>> replayed = new ArrayList<>(after);
        replayed.removeIf(r -> before.stream().anyMatch(b -> b.partition() == r.partition()
                && b.offset() == r.offset()));
        assertEquals(2, replayed.size());
        for (ConsumerRecord<byte[], byte[]> copy : replayed) {
            ConsumerRecord<byte[], byte[]> original = originals.stream()
                    .filter(o -> java.util.Arrays.equals(o.value(), copy.value())).findFirst()
                    .orElseThrow(() -> new AssertionError("replayed value matches no original"));
            assertArrayEquals(original.key(), copy.key());
            assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, copy.headers().lastHeader("x-trace").value());
            for (Header h : copy.headers()) {
                assertTrue(!h.key().startsWith("kafkaesk.error."), "error header left on replay: " + h.key());
            }
        }
    }

    @Test
    void aDeadLetterStreamOutsideTheNamingRuleIsRefusedWithTheRule(KafkaCluster kafka) {
        Output result = replay(kafka.bootstrapServers(), "--dead-letter-stream", "failures");
        assertEquals(2, result.code);
        assertTrue(result.err.contains("Invalid dead-letter stream 'failures' given with --dead-letter-stream: "
                + "a dead-letter stream's name ends with 'dead-letter' or 'dlq'"), result.err);
    }

    @Test
    void replayOfAMissingDeadLetterTopicSaysSoAndSucceeds(KafkaCluster kafka, TopicPrefix prefix) {
        Output result = replay(kafka.bootstrapServers(), "--topic-prefix", prefix.value());
        assertEquals(0, result.code, result.err);
        assertTrue(result.out.contains("does not exist: nothing to replay"), result.out);
    }

    private record Output(int code, String out, String err) {}

    private static Output replay(String servers, String... options) {
        List<String> args = new ArrayList<>(List.of("dlq", "replay", "--kafka-servers", servers));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static long endOffsetTotal(String servers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", servers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Reads the topic from the start until {@code expected} records arrived (20 s at most). */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String servers, String topic, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", servers);
        props.put("group.id", "reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
