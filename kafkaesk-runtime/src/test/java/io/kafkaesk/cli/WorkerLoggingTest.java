package io.kafkaesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.consume.Kit;
import io.kafkaesk.test.KafkaCluster;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kafkaesk} command as users run it, in a separate JVM: a worker logs even when its class path has no
 * SLF4J provider, and {@code kafkaesk broker} runs a broker when kafkaesk-test is on the class path.
 */
@KafkaeskTest
class WorkerLoggingTest {
    private static final String NOTE = "kafkaesk: no SLF4J provider on the class path";
    private Process process;

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void aWorkerWithoutLoggingOnItsClassPathLogsToStandardErrorAtInfoAndSaysSoOnce(KafkaCluster kafka,
            TopicPrefix prefix, @TempDir Path dir) throws Exception {
        Path log = dir.resolve("worker.log");
        process = start(log, classPath(entry -> !entry.contains("slf4j-simple")), "-Dworker.out=" + dir.resolve("out"),
                WorkerApps.class.getName() + "#notes", "--kafka-servers", kafka.bootstrapServers(),
                "--topic-prefix", prefix.value());
        Kit.await(Duration.ofSeconds(60), () -> "the worker's INFO line, log:\n" + read(log),
                () -> read(log).contains("INFO [main] io.kafkaesk.Application - kafkaesk application initialized"));
        String text = read(log);
        assertEquals(1, text.split(NOTE, -1).length - 1, text);
        assertFalse(text.contains("No SLF4J providers were found"), text);
        assertFalse(text.contains("ProducerConfig values"), "Kafka's INFO lines are left out:\n" + text);
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), read(log));
        assertEquals(0, process.exitValue(), read(log));
        assertTrue(read(log).contains("INFO"), read(log));
    }

    @Test
    void aWorkerWithALoggingProviderKeepsIt(KafkaCluster kafka, TopicPrefix prefix, @TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("worker.log");
        process = start(log, classPath(entry -> true), "-Dworker.out=" + dir.resolve("out"),
                WorkerApps.class.getName() + "#notes", "--kafka-servers", kafka.bootstrapServers(),
                "--topic-prefix", prefix.value());
        Kit.await(Duration.ofSeconds(60), () -> "the worker's start, log:\n" + read(log),
                () -> read(log).contains("kafkaesk application initialized"));
        assertFalse(read(log).contains(NOTE), read(log));
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), read(log));
    }

    @Test
    void theBrokerCommandRunsABrokerOnTheGivenPortThatClientsUse(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("broker.log");
        int port = freePort();
        process = start(log, classPath(entry -> true), "-Dunused=1", "broker", "--port", String.valueOf(port),
                "--data-dir", dir.resolve("data").toString());
        Kit.await(Duration.ofSeconds(90), () -> "the broker's ready line, log:\n" + read(log),
                () -> read(log).contains("Kafka is ready at localhost:" + port));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "localhost:" + port))) {
            assertEquals(1, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
        }
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), read(log));
        assertTrue(Files.exists(dir.resolve("data").resolve("meta.properties")), "the data stays");
    }

    @Test
    void theBrokerCommandWithoutTheTestKitSaysWhatItNeeds(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("broker.log");
        process = start(log, classPath(entry -> !entry.contains("kafkaesk-test")), "-Dunused=1", "broker");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), read(log));
        assertEquals(2, process.exitValue(), read(log));
        assertTrue(read(log).contains("kafkaesk broker needs io.kafkaesk:kafkaesk-test on the class path"), read(log));
    }

    private static Process start(Path log, String classPath, String property, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, property, "-cp", classPath, Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String classPath(Predicate<String> keep) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).filter(keep)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
