package io.kafkaesk.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in the top-level README.md is code that compiles: each one must appear, up to white space,
 * in this module's sources or the Spring example's, which the build compiles and the examples run.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaSnippetInTheReadmeIsCompiledExampleCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String sources = normalize(allSources(Path.of("src")) + allSources(Path.of("spring-shop", "src")));
        List<String> snippets = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            snippets.add(m.group(1));
        }
        assertFalse(snippets.isEmpty(), "README.md has Java snippets");
        for (String snippet : snippets) {
            assertTrue(sources.contains(normalize(snippet)),
                    "This README snippet is not in examples/src, so nothing proves it compiles:\n" + snippet);
        }
    }

    private static String allSources(Path root) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> {
                try {
                    all.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return all.toString();
    }

    private static String normalize(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }
}
