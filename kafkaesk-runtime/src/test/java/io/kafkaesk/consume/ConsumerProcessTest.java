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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    void aWorkerKilledMidStreamLosesNothingAndKeepsEachKeysOrderWithinEachRun() throws Exception {
        String prefix = Kit.prefix();
        int messages = 20_000;
        publish(prefix, messages);
        Path firstRun = dir.resolve("first.txt");
        Path secondRun = dir.resolve("second.txt");
        long begin = System.nanoTime();

        Process first = startChild(prefix, "crash-g", firstRun, 100, 200, "first");
        try {
            await(Duration.ofSeconds(120), () -> "handled before the kill: " + lines(firstRun).size(),
                    () -> lines(firstRun).size() >= 4000);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no leave-group
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        } finally {
            first.destroyForcibly();
        }
        int beforeRestart = lines(firstRun).size();
        assertTrue(beforeRestart < messages, "the kill must happen mid-stream, handled " + beforeRestart);

        Process second = startChild(prefix, "crash-g", secondRun, 100, 0, "second");
        Set<String> unique = new HashSet<>();
        try {
            await(Duration.ofSeconds(120), () -> "unique handled: " + unique.size(), () -> {
                unique.clear();
                unique.addAll(records(firstRun));
                unique.addAll(records(secondRun));
                return unique.size() >= messages;
            });
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
        int calls = lines(firstRun).size() + lines(secondRun).size();
        System.out.printf("crash: %d keyed messages, %d handled before SIGKILL, %d handler calls, %d duplicates, "
                + "%d ms%n", messages, beforeRestart, calls, calls - unique.size(),
                (System.nanoTime() - begin) / 1_000_000);
        assertEquals(messages, unique.size(), "0 lost");
        assertKeyOrder(firstRun);
        assertKeyOrder(secondRun);
    }

    @Test
    void threeWorkersJoiningAndLeavingWhileRecordsFlowLoseNothingAndDuplicatesAreCounted() throws Exception {
        String prefix = Kit.prefix();
        int messages = 20_000;
        Kit.createTopic(kafka.bootstrapServers(), prefix + "work", 6);
        List<Path> outputs = new ArrayList<>();
        Deque<Process> workers = new ArrayDeque<>();
        int[] started = {0};
        Runnable join = () -> {
            Path out = dir.resolve("member" + started[0] + ".txt");
            outputs.add(out);
            try {
                workers.addLast(startChild(prefix, "fleet-g", out, 100, 100, "member" + started[0]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            started[0]++;
        };
        long begin = System.nanoTime();
        Set<String> unique = new HashSet<>();
        try (Application publisher = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(6).build()) {
            publisher.schema(Note.SCHEMA);
            for (int i = 0; i < 3; i++) {
                join.run();
            }
            int batches = 4;
            for (int batch = 0; batch < batches; batch++) {
                for (int i = 0; i < messages / batches; i++) {
                    int n = batch * (messages / batches) + i;
                    publisher.publish("work", new Note("k" + (n % 50), Integer.toString(n)));
                }
                publisher.flush();
                int target = batch * (messages / batches) + messages / batches / 2;
                await(Duration.ofSeconds(120), () -> "handled " + unique.size(), () -> {
                    unique.clear();
                    outputs.forEach(o -> unique.addAll(records(o)));
                    return unique.size() >= target;
                });
                // One worker leaves (SIGTERM) and a new one joins while the batch is still being consumed.
                Process leaving = workers.removeFirst();
                leaving.destroy();
                assertTrue(leaving.waitFor(60, TimeUnit.SECONDS), "a leaving worker did not stop");
                join.run();
            }
            await(Duration.ofSeconds(120), () -> "handled " + unique.size() + " of " + messages, () -> {
                unique.clear();
                outputs.forEach(o -> unique.addAll(records(o)));
                return unique.size() >= messages;
            });
        } finally {
            for (Process p : workers) {
                p.destroy();
            }
            for (Process p : workers) {
                p.waitFor(30, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
        }
        int calls = outputs.stream().mapToInt(o -> lines(o).size()).sum();
        System.out.printf("fleet: %d messages, %d worker processes started, %d handler calls, %d duplicates, %d ms%n",
                messages, started[0], calls, calls - unique.size(), (System.nanoTime() - begin) / 1_000_000);
        assertEquals(messages, unique.size(), "0 lost");
    }

    /** The {@code partition@offset} of each handled record in {@code file}. */
    private static List<String> records(Path file) {
        return lines(file).stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
    }

    /** Within one worker's run, each key's records were handled in the order they were published. */
    private static void assertKeyOrder(Path file) {
        Map<String, Integer> last = new HashMap<>();
        for (String line : lines(file)) {
            String[] parts = line.split(" ");
            int n = Integer.parseInt(parts[2]);
            Integer previous = last.put(parts[1], n);
            assertTrue(previous == null || previous < n, "key " + parts[1] + ": " + n + " handled after " + previous
                    + " in " + file.getFileName());
        }
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
