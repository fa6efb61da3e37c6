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
 * Every Java snippet in the top-level README.md is code that compiles: its code must appear, up to white space and
 * comments, in one source file of this module or of the Spring example (which the build compiles and the examples
 * run), and that file must have each of the snippet's imports.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("^import [^;]+;$", Pattern.MULTILINE);

    @Test
    void everyJavaSnippetInTheReadmeIsCompiledExampleCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        List<String> sources = new ArrayList<>(sources(Path.of("src")));
        sources.addAll(sources(Path.of("spring-shop", "src")));
        List<String> snippets = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            snippets.add(m.group(1));
        }
        assertFalse(snippets.isEmpty(), "README.md has Java snippets");
        for (String snippet : snippets) {
            List<String> imports = IMPORT.matcher(snippet).results().map(r -> normalize(r.group())).toList();
            String code = normalize(IMPORT.matcher(snippet).replaceAll(""));
            boolean found = sources.stream().anyMatch(source -> source.contains(code)
                    && imports.stream().allMatch(source::contains));
            assertTrue(found, "This README snippet is not in one file of examples/src or examples/spring-shop/src"
                    + " (with its imports), so nothing proves it compiles:\n" + snippet);
        }
    }

    /** Each Java file under {@code root}, normalized. */
    private static List<String> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().map(f -> {
                try {
                    return normalize(Files.readString(f, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static String normalize(String code) {
        return COMMENT.matcher(code).replaceAll(" ").replaceAll("\\s+", " ").trim();
    }
}
