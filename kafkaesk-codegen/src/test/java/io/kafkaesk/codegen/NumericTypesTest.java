package io.kafkaesk.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON Schema numbers map to Java types that hold every value the schema accepts: {@code integer} is
 * {@code Long} unless bounded within {@code int}, {@code number} is {@code Double}, an explicit {@code javaType}
 * wins ({@code BigDecimal} for money, {@code BigInteger} beyond 64 bits).
 */
class NumericTypesTest {
    @TempDir
    Path out;

    @Test
    void integersAreLongUnlessBoundedWithinIntAndJavaTypeWins() throws Exception {
        Codegen.run(GoldenFilesTest.request(Path.of("src/test/resources/numbers"), out));
        String source = Files.readString(out.resolve("java/com/acme/events/Reading.java"));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("count", "Long");
        expected.put("positive", "Long");
        expected.put("percent", "Integer");
        expected.put("exclusive", "Integer");
        expected.put("justTooWide", "Long");
        expected.put("nullableCount", "Long");
        expected.put("counts", "List<Long>");
        expected.put("small", "Integer");
        expected.put("huge", "BigInteger");
        expected.put("ratio", "Double");
        expected.put("amount", "BigDecimal");
        Map<String, String> actual = new LinkedHashMap<>();
        for (String field : expected.keySet()) {
            Matcher m = Pattern.compile("private (?:@Nullable )?([A-Za-z<>]+) " + field + "( = [^;]+)?;")
                    .matcher(source);
            actual.put(field, m.find() ? m.group(1) : "(no field)");
        }
        assertEquals(expected, actual);
        GoldenFilesTest.compile(out.resolve("java"), out.resolve("classes"));
    }
}
