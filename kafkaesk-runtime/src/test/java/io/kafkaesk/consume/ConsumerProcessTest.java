package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.test.EmbeddedKafka;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consumers in child JVMs: killed with SIGKILL, or stopped with SIGTERM. */
class ConsumerProcessTest {
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        // A short session timeout lets the group notice a killed member in about 2 s instead of 45 s.
        kafka = EmbeddedKafka.builder().brokers(1).brokerConfig("group.min.session.timeout.ms", "1000").start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** Consumer settings for the children: a 2 s session so a killed member is replaced quickly. */
    static Map<String, Object> childSettings() {
        Map<String, Object> settings = new HashMap<>(Kit.fastSettings());
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 2000);
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 300);
        return settings;
    }

    private Process startChild(String prefix, String group, Path output, long commitIntervalMs, long workMicros,
            String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConsumerProcessMain.class.getName(), kafka.bootstrapServers(), prefix, "work", group,
                output.toString(), Long.toString(commitIntervalMs), Long.toString(workMicros));
        File log = dir.resolve(name + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(log);
        return pb.start();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void publish(String prefix, int count) throws Exception {
        Kit.createTopic(kafka.bootstrapServers(), prefix + "work", 6);
        try (Application publisher = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(6).build()) {
            publisher.schema(Note.SCHEMA);
            for (int i = 0; i < count; i++) {
                publisher.publish("work", new Note("k" + (i % 50), Integer.toString(i)));
            }
            publisher.flush();
        }
    }

    @Test
    void aConsumerKilledMidStreamAndRestartedHandlesEveryMessageAtLeastOnce() throws Exception {
        String prefix = Kit.prefix();
        int messages = 3000;
        publish(prefix, messages);
        Path output = dir.resolve("handled.txt");
        long begin = System.nanoTime();

        Process first = startChild(prefix, "crash-g", output, 100, 1000, "first");
        try {
            await(Duration.ofSeconds(60), () -> "handled before the kill: " + lines(output).size(),
                    () -> lines(output).size() >= 600);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no leave-group
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        } finally {
            first.destroyForcibly();
        }
        int beforeRestart = lines(output).size();
        assertTrue(beforeRestart < messages, "the kill must happen mid-stream, handled " + beforeRestart);

        Process second = startChild(prefix, "crash-g", output, 100, 0, "second");
        try {
            await(Duration.ofSeconds(60), () -> "unique handled: " + new HashSet<>(lines(output)).size(),
                    () -> new HashSet<>(lines(output)).size() >= messages);
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
        List<String> all = lines(output);
        Set<String> unique = new HashSet<>(all);
        System.out.printf("crash: %d messages, %d handled before SIGKILL, %d handler calls, %d duplicates, %d ms%n",
                messages, beforeRestart, all.size(), all.size() - unique.size(),
                (System.nanoTime() - begin) / 1_000_000);
        assertEquals(messages, unique.size());
    }

    @Test
    void sigtermFinishesCommitsAndExitsZero() throws Exception {
        String prefix = Kit.prefix();
        int messages = 200;
        publish(prefix, messages);
        Path output = dir.resolve("graceful.txt");
        // An hour between interval commits: only the graceful stop can commit.
        Process child = startChild(prefix, "graceful-g", output, 3_600_000, 0, "graceful");
        try {
            await(Duration.ofSeconds(60), () -> "handled " + lines(output).size(),
                    () -> lines(output).size() >= messages);
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the worker did not stop");
        } finally {
            child.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("graceful.log"));
        assertEquals(0, child.exitValue(), log);
        assertTrue(log.contains("kafkaesk worker returned normally"), log);
        assertEquals(messages, Kit.committedTotal(kafka.bootstrapServers(), "graceful-g"));
    }
}
