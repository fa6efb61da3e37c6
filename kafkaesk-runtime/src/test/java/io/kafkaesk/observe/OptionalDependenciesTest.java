package io.kafkaesk.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.test.BootstrapServers;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@KafkaeskTest
class OptionalDependenciesTest {
    @Test
    void publishesAndConsumesWithoutMicrometerOrOpenTelemetryOnTheClassPath(@BootstrapServers String servers,
            TopicPrefix prefix, @TempDir Path dir) throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("micrometer") && !entry.contains("opentelemetry")
                        && !entry.contains("HdrHistogram") && !entry.contains("LatencyUtils"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(System.getProperty("java.class.path").contains("micrometer-core"),
                "the test's own class path has Micrometer, so the filter matters");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = dir.resolve("out.log");
        Process process = new ProcessBuilder(java, "-cp", classPath, WithoutObservabilityJarsMain.class.getName(),
                servers, prefix.value())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program ends");
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.lines().anyMatch("OK"::equals), log);
    }
}
