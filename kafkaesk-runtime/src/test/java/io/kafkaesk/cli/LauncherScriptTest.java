package io.kafkaesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code bin/kafkaesk} launcher users put on their PATH runs the CLI with the class path it is given. */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("..", "bin", "kafkaesk").toAbsolutePath().normalize();

    private record Result(int code, String output) {}

    private static Result launch(Path workDir, String classPath, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (classPath == null) {
            pb.environment().remove("KAFKAESK_CLASSPATH");
        } else {
            pb.environment().put("KAFKAESK_CLASSPATH", classPath);
        }
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void runsTheCliWithTheGivenClassPath(@TempDir Path dir) throws Exception {
        Result help = launch(dir, System.getProperty("java.class.path"), "--help");
        assertEquals(0, help.code(), help.output());
        assertTrue(help.output().contains("kafkaesk dlq replay"), help.output());

        Result missing = launch(dir, System.getProperty("java.class.path"), "com.acme.Missing",
                "--kafka-servers", "localhost:9092");
        assertEquals(2, missing.code(), missing.output());
        assertTrue(missing.output().contains("com.acme.Missing was not found on the class path"), missing.output());
    }

    @Test
    void saysHowToGiveAClassPathOutsideAMavenProject(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), "launcher at " + SCRIPT);
        Result result = launch(dir, null, "--help");
        assertEquals(2, result.code(), result.output());
        assertTrue(result.output().contains("set KAFKAESK_CLASSPATH"), result.output());
    }

}
