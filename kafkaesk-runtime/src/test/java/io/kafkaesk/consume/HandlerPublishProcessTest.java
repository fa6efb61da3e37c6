package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.test.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process killed with SIGKILL after its handler returned and before the handler's follow-up publish was
 * acknowledged loses no follow-up: the handled record was not committed, so the next worker handles it again.
 */
class HandlerPublishProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        // A short session timeout lets the group notice the killed member in about 2 s instead of 45 s.
        kafka = EmbeddedKafka.builder().brokers(1).brokerConfig("group.min.session.timeout.ms", "1000").start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void killedBetweenTheHandlersReturnAndItsPublishesAcknowledgementTheFollowUpIsNotLost() throws Exception {
        String prefix = Kit.prefix();
        int inputs = 5;
        Kit.createTopic(kafka.bootstrapServers(), prefix + "in", 1);
        Kit.createTopic(kafka.bootstrapServers(), prefix + "out", 1);
        try (Application publisher = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(1).build()) {
            publisher.schema(Note.SCHEMA);
            for (int i = 0; i < inputs; i++) {
                publisher.publish("in", new Note("n" + i, "input"));
            }
            publisher.flush();
        }
        Path first = dir.resolve("first.txt");
        Path second = dir.resolve("second.txt");

        // An hour's linger: the first worker's follow-up stays in its producer, unacknowledged.
        Process held = start(prefix, first, 3_600_000, "first");
        try {
            await(WAIT, () -> "handler returns: " + lines(first), () -> !lines(first).isEmpty());
            // The handler has returned and its follow-up is not acknowledged: the record must not be committed.
            assertEquals(0, endOffset(prefix + "out"), "the follow-up is still held in the producer");
            assertEquals(0, Kit.committedTotal(kafka.bootstrapServers(), "followup-g"),
                    "nothing committed while the follow-up is unacknowledged");
            held.destroyForcibly(); // SIGKILL: the held follow-up dies with the process
            assertTrue(held.waitFor(30, TimeUnit.SECONDS));
        } finally {
            held.destroyForcibly();
        }
        assertEquals(List.of("returned n0"), lines(first), "one record in flight when killed");
        assertEquals(0, endOffset(prefix + "out"), "the follow-up was lost with the process");

        Process next = start(prefix, second, 5, "second");
        try {
            await(WAIT, () -> "committed in the second run", () -> committed("followup-g") == inputs);
        } finally {
            next.destroy();
            next.waitFor(30, TimeUnit.SECONDS);
            next.destroyForcibly();
        }
        List<ConsumerRecord<byte[], byte[]>> followUps = Kit.read(kafka.bootstrapServers(), prefix + "out", inputs,
                WAIT);
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : followUps) {
            ids.add(Kit.string(r.key()));
        }
        System.out.printf("follow-up crash: %d inputs, %d follow-ups after the kill and a restart%n", inputs,
                endOffset(prefix + "out"));
        assertTrue(endOffset(prefix + "out") >= inputs, "follow-ups >= inputs");
        assertEquals(Set.of("n0", "n1", "n2", "n3", "n4"), ids, "a follow-up for every input, n0's included");
        assertTrue(lines(second).contains("returned n0"), "the killed worker's record was handled again");
    }

    private Process start(String prefix, Path output, long lingerMs, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FollowUpProcessMain.class.getName(), kafka.bootstrapServers(), prefix, "followup-g",
                output.toString(), Long.toString(lingerMs));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        return pb.start();
    }

    private static long committed(String group) {
        try {
            return Kit.committedTotal(kafka.bootstrapServers(), group);
        } catch (Exception e) {
            return -1;
        }
    }

    private static long endOffset(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicPartition p = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(p, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS).get(p).offset();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
