package io.kafkaesk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodegenProjectTest {
    private static final Pattern PLUGIN_VERSION = Pattern.compile(
            "<artifactId>kafkaesk-maven-plugin</artifactId>\\s*<version>([^<]+)</version>");

    @Test
    void writesAProjectOfTheSyntheticSchemasBuiltWithThisVersionsPlugin(@TempDir Path dir) throws IOException {
        Path project = dir.resolve("events");
        CodegenProject.write(project, 12);

        String pom = Files.readString(project.resolve("pom.xml"), StandardCharsets.UTF_8);
        assertFalse(pom.contains("${"), "every version is filled in by the build:\n" + pom);
        Matcher plugin = PLUGIN_VERSION.matcher(pom);
        assertTrue(plugin.find(), pom);
        assertTrue(plugin.group(1).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), plugin.group(1));
        assertTrue(pom.contains("<artifactId>kafkaesk-runtime</artifactId>\n      <version>" + plugin.group(1)),
                "the runtime has the plugin's version:\n" + pom);
        try (Stream<Path> files = Files.walk(project.resolve("src/main/schemas"))) {
            assertEquals(12 + 1, files.filter(p -> p.toString().endsWith(".json")).count(),
                    "twelve schemas and the shared definition they refer to");
        }
    }

    @Test
    void refusesADirectoryThatHoldsSomething(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("pom.xml"), "<project/>", StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodegenProject.write(dir, 3));
        assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
        assertEquals("<project/>", Files.readString(dir.resolve("pom.xml"), StandardCharsets.UTF_8));
    }
}
