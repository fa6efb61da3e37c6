package io.kafkaesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.consume.Kit;
import io.kafkaesk.consume.Note;
import io.kafkaesk.test.KafkaCluster;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker as users run it: a separate JVM started with {@code kafkaesk <app> --kafka-servers ...}, stopped with
 * SIGTERM, watched through {@code /health}.
 */
@KafkaeskTest
class WorkerProcessTest {
    private static final Pattern HEALTH = Pattern.compile("health on (http://\\S+/health)");
    private final HttpClient http = HttpClient.newHttpClient();
    private Process worker;

    @AfterEach
    void stopWorker() {
        if (worker != null && worker.isAlive()) {
            worker.destroyForcibly();
        }
    }

    @Test
    void sigtermStopsTheWorkerWithExitCodeZeroAndEveryHandledOffsetCommitted(KafkaCluster kafka, TopicPrefix prefix,
            @TempDir Path dir) throws Exception {
        Path handled = dir.resolve("handled.txt");
        Path log = dir.resolve("worker.log");
        worker = startWorker(kafka, prefix, handled, log, WorkerApps.class.getName() + "#notes");
        String health = healthUrl(log);

        try (Application publisher = publisher(kafka, prefix)) {
            for (int i = 0; i < 50; i++) {
                publisher.publish("notes", new Note("n" + i, "hello " + i));
            }
            publisher.flush();
        }
        Kit.await(Duration.ofSeconds(60), () -> "50 notes handled, log:\n"
                + read(log), () -> lines(handled).size() >= 50);
        // Its other subscription may still be starting (503, STARTING) while this one has handled every note.
        String[] body = new String[1];
        Kit.await(Duration.ofSeconds(60), () -> "200 from " + health + ": " + body[0], () -> {
            HttpResponse<String> r = get(health);
            body[0] = r.body();
            return r.statusCode() == 200;
        });

        worker.destroy(); // SIGTERM
        assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "worker did not stop within 60 s:\n" + read(log));
        assertEquals(0, worker.exitValue(), read(log));
        assertEquals(50, committedTotal(kafka, "worker-notes"), "every handled record is committed on stop");
        assertEquals(50, lines(handled).stream().distinct().count());
    }

    @Test
    void whenOneOfTwoSubscriptionsDiesTheWorkerStopsTheOtherAndExitsOneWithinSeconds(KafkaCluster kafka,
            TopicPrefix prefix, @TempDir Path dir) throws Exception {
        Path handled = dir.resolve("handled.txt");
        Path log = dir.resolve("worker.log");
        worker = startWorker(kafka, prefix, handled, log, WorkerApps.NotesSupplier.class.getName(),
                "--health-host", "127.0.0.1");
        String health = healthUrl(log);
        Kit.await(Duration.ofSeconds(60), () -> "healthy worker", () -> get(health).statusCode() == 200);

        try (Application publisher = publisher(kafka, prefix)) {
            for (int i = 0; i < 20; i++) {
                publisher.publish("notes", new Note("n" + i, "hello " + i));
            }
            publisher.flush();
            Kit.await(Duration.ofSeconds(60), () -> "20 notes handled, log:\n" + read(log),
                    () -> lines(handled).size() >= 20);
            publisher.publishAndWait("fragile", new Note("x", "die"));
        }
        long sent = System.nanoTime();
        // Nobody signals the worker: the dead subscription alone must end it.
        assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the worker still runs 30 s after a subscription died:\n"
                + read(log));
        long exitMillis = (System.nanoTime() - sent) / 1_000_000;
        System.out.println("worker exited " + exitMillis + " ms after the fatal record was published");
        assertEquals(1, worker.exitValue(), "a worker whose subscription died exits 1 so it gets restarted\n"
                + read(log));
        String output = read(log);
        assertTrue(output.contains("worker-fragile") && output.contains("told to die"),
                "the worker says which subscription died and why:\n" + output);
        assertEquals(20, committedTotal(kafka, "worker-notes", prefix.value()), "the other subscription stopped "
                + "gracefully, committing what it handled");
    }

    @Test
    void healthSaysWhichSubscriptionDiedAndWhyBeforeTheWorkerExits(KafkaCluster kafka, TopicPrefix prefix,
            @TempDir Path dir) throws Exception {
        Path log = dir.resolve("worker.log");
        Path release = dir.resolve("release");
        // The other subscription's note runs until the file exists, so the worker's graceful stop waits for it.
        worker = startWorker(kafka, prefix, release, log, WorkerApps.class.getName() + "#slowNotes",
                "--health-host", "127.0.0.1");
        String health = healthUrl(log);
        Kit.await(Duration.ofSeconds(60), () -> "healthy worker", () -> get(health).statusCode() == 200);
        try (Application publisher = publisher(kafka, prefix)) {
            publisher.publishAndWait("notes", new Note("slow", "takes a while"));
            Kit.await(Duration.ofSeconds(60), () -> "the slow note started, log:\n" + read(log),
                    () -> read(log).contains("slow note started"));
            publisher.publishAndWait("fragile", new Note("x", "die"));
        }
        String[] body = new String[1];
        Kit.await(Duration.ofSeconds(30), () -> "503 from " + health + ", log:\n" + read(log), () -> {
            HttpResponse<String> r = get(health);
            body[0] = r.body();
            return r.statusCode() == 503;
        });
        assertTrue(body[0].contains("worker-fragile") && body[0].contains("told to die"), body[0]);
        Files.writeString(release, "go");
        assertTrue(worker.waitFor(60, TimeUnit.SECONDS), read(log));
        assertEquals(1, worker.exitValue(), read(log));
    }

    private static Process startWorker(KafkaCluster kafka, TopicPrefix prefix, Path out, Path log, String app,
            String... more) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Dworker.out=" + out, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), app,
                "--kafka-servers", kafka.bootstrapServers(), "--topic-prefix", prefix.value(), "--health-port", "0"));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private String healthUrl(Path log) {
        String[] url = new String[1];
        Kit.await(Duration.ofSeconds(60), () -> "the worker's health address in its output:\n" + read(log), () -> {
            Matcher m = HEALTH.matcher(read(log));
            if (m.find()) {
                url[0] = m.group(1);
            }
            return url[0] != null;
        });
        return url[0];
    }

    private static Application publisher(KafkaCluster kafka, TopicPrefix prefix) {
        Application app = Application.builder().kafkaServers(kafka.bootstrapServers()).topicPrefix(prefix.value())
                .build();
        app.schema(Note.SCHEMA);
        return app;
    }

    private HttpResponse<String> get(String url) {
        try {
            if (worker != null && !worker.isAlive()) {
                throw new AssertionError("the worker exited with " + worker.exitValue() + " before " + url
                        + " answered");
            }
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long committedTotal(KafkaCluster kafka, String group) throws Exception {
        return committedTotal(kafka, group, "");
    }

    /** The group's committed offsets summed over the partitions of topics that start with {@code topicPrefix}. */
    private static long committedTotal(KafkaCluster kafka, String group, String topicPrefix) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .entrySet().stream().filter(e -> e.getKey().topic().startsWith(topicPrefix))
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
