package io.kafkaesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonValue;
import io.kafkaesk.internal.Json;
import io.kafkaesk.internal.SchemaValidator;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The runtime half of the generated validators reads each value as kafkaesk's mapper writes it, and reads
 * {@code pattern}, {@code format} and numbers exactly as networknt does: differential tests against networknt
 * on the same inputs.
 */
class SchemaChecksTest {
    private static final List<String> PATTERNS = List.of("^[A-Z]{3}$", "^a*$", "a+", "^\\d+$", "^\\w+$", "\\p{L}",
            "^\\p{Letter}+$", "^[^\\s]+$", "^(?!x)", "b$", "^.$", "[\\u0041-\\u005A]", "^\\S*\\s\\S*$", "^[a-z]+-\\d{2,4}$",
            "^(?:[0-9a-f]{8})$", "^\\$", "colou?r", "^[😀]$", "\\bword\\b", "^\\cJ$");
    private static final List<String> STRINGS = List.of("", "a", "aaa", "ABC", "ABCD", "abc", "123", "١٢٣", "x", "ab",
            "b\n", "b", "😀", "é", "word", "a word here", "color", "colour", "\n", "12ab", "ab-123", "deadbeef", "$x",
            "A B", " ", "\t", "a-12345");

    private static JsonNode string(String s) {
        return JsonNodeFactory.instance.stringNode(s);
    }

    private static SchemaValidator schema(String json) {
        return SchemaValidator.compile(MessageSchema.builder("T", Object.class).schemaJson(json).build());
    }

    @Test
    void patternsMatchWhatNetworkntMatches() {
        for (String pattern : PATTERNS) {
            SchemaValidator networknt = schema("{\"pattern\": " + Json.mapper().writeValueAsString(pattern) + "}");
            Predicate<String> generated = SchemaChecks.pattern(pattern);
            for (String s : STRINGS) {
                assertEquals(networknt.validate(string(s)).isEmpty(), generated.test(s),
                        () -> "pattern " + pattern + " on " + Json.mapper().writeValueAsString(s));
            }
        }
    }

    @Test
    void formatsAcceptWhatNetworkntAccepts() {
        List<String> samples = List.of("2026-11-27T13:24:03Z", "2026-11-27T13:24:03.5+01:00", "2026-11-27t13:24:03z",
                "2026-02-30T00:00:00Z", "1990-12-31T23:59:60Z", "2026-11-27", "2026-13-01", "13:24:03Z", "13:24:03",
                "P1D", "PT1H30M", "P1W", "P", "PT", "123e4567-e89b-12d3-a456-426614174000", "123e4567e89b12d3a456426614174000",
                "a@b.example", "a@b", "@b.example", "example.com", "-bad.example", "a..b", "192.168.0.1", "256.0.0.1",
                "01.2.3.4", "::1", "2001:db8::1", "1::2::3", "http://example.com/a?b#c", "//example.com", "a/b",
                "http://exa mple.com", "urn:isbn:0451450523", "\\\\WINDOWS\\share", "", "x");
        for (String format : List.of("date-time", "date", "time", "duration", "uuid", "email", "hostname", "ipv4",
                "ipv6", "uri", "uri-reference")) {
            SchemaValidator networknt = schema("{\"format\": \"" + format + "\"}");
            SchemaChecks.FormatCheck generated = SchemaChecks.format(format);
            for (String s : samples) {
                assertEquals(networknt.validate(string(s)).isEmpty(), generated.test(s),
                        () -> "format " + format + " on " + s);
            }
        }
    }

    @Test
    void boundsAndMultiplesAreExactOnTheNumbersWritten() {
        List<String> bounds = List.of("0", "1", "-40", "85.5", "0.1", "1e-7", "9007199254740993", "0.30000000000000004",
                "100.000000000000000001", "1e20", "-3.5", "9223372036854775807");
        List<Number> values = List.of(0, 1, -40, 85.5, 85.50000000000001, 0.1, 0.30000000000000004, 0.3, 1e-7,
                9007199254740993L, 9007199254740992L, Long.MAX_VALUE, -0.0, 100.0, 1e300, 3, 7L, 0.7, 2.1);
        for (String bound : bounds) {
            BigDecimal b = SchemaChecks.decimal(bound);
            SchemaChecks.Bound limit = SchemaChecks.bound(bound);
            for (Number n : values) {
                JsonNode written = Json.mapper().valueToTree(n);
                int c = limit.compare(n);
                assertEquals(schema("{\"minimum\": " + bound + "}").validate(written).isEmpty(), c >= 0,
                        () -> n + " >= " + bound);
                assertEquals(schema("{\"exclusiveMaximum\": " + bound + "}").validate(written).isEmpty(), c < 0,
                        () -> n + " < " + bound);
                if (b.signum() > 0) {
                    assertEquals(schema("{\"multipleOf\": " + bound + "}").validate(written).isEmpty(),
                            SchemaChecks.multipleOf(n, b), () -> n + " multiple of " + bound);
                }
            }
        }
    }

    @Test
    void textIsWhatTheMapperWrites() {
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(35) - 17) * 3600 / (1 + random.nextInt(3))
                    + (random.nextInt(4) == 0 ? random.nextInt(60) : 0));
            OffsetDateTime t = OffsetDateTime.of(pick(random, 1, 2026, 9999, 10000, 0), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    pick(random, 0, 500_000_000, 123_456_789, 1_000, 10), offset);
            for (Object v : List.of(t, t.toLocalDate(), t.toLocalTime(), t.toLocalDateTime(),
                    new UUID(random.nextLong(), random.nextLong()), URI.create("http://example.com/" + i))) {
                assertEquals(Json.mapper().valueToTree(v).asString(), SchemaChecks.text(v), () -> "text of " + v);
                assertTrue(SchemaChecks.isString(v));
            }
        }
        assertEquals("2024-02-29", SchemaChecks.text(LocalDate.of(2024, 2, 29)));
    }

    /** Typed dates, times and UUIDs are judged once per shape: the same answers as networknt's on every text. */
    @Test
    void typedValuesHaveTheFormatOfTheirTextWritten() {
        Random random = new Random(13);
        SchemaValidator dateTime = schema("{\"format\": \"date-time\"}");
        SchemaValidator date = schema("{\"format\": \"date\"}");
        SchemaValidator uuid = schema("{\"format\": \"uuid\"}");
        SchemaChecks.FormatCheck dateTimes = SchemaChecks.format("date-time");
        SchemaChecks.FormatCheck dates = SchemaChecks.format("date");
        SchemaChecks.FormatCheck uuids = SchemaChecks.format("uuid");
        int refused = 0;
        for (int i = 0; i < 5000; i++) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(pick(random, 0, 3600, -3600, 14 * 3600, -14 * 3600,
                    18 * 3600, -18 * 3600, 90, 5 * 3600 + 30 * 60, -(17 * 3600 + 59 * 60), 15 * 3600, 1));
            OffsetDateTime t = OffsetDateTime.of(pick(random, 0, 1, 999, 1000, 2026, 9999, 10000, -1, 99999),
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
                    random.nextInt(60), pick(random, 0, 500_000_000, 123_456_789, 1_000, 10), offset);
            JsonNode text = Json.mapper().valueToTree(t);
            boolean valid = dateTime.validate(text).isEmpty();
            assertEquals(valid, dateTimes.test(t), () -> "date-time " + text);
            refused += valid ? 0 : 1;
            JsonNode day = Json.mapper().valueToTree(t.toLocalDate());
            assertEquals(date.validate(day).isEmpty(), dates.test(t.toLocalDate()), () -> "date " + day);
            UUID u = new UUID(random.nextLong(), random.nextLong());
            assertTrue(uuid.validate(Json.mapper().valueToTree(u)).isEmpty() && uuids.test(u));
        }
        assertTrue(refused > 0, "some random date-times are not RFC 3339 date-times");
        assertEquals("13:24:00", SchemaChecks.text(LocalTime.of(13, 24)));
        assertEquals("2026-01-01T00:00:00", SchemaChecks.text(LocalDateTime.of(2026, 1, 1, 0, 0)));
    }

    @Test
    void valuesCompareAsJson() {
        SchemaChecks.Values values = SchemaChecks.values("[1, \"a\", {\"x\": [1.0, null]}, 0.1]");
        assertTrue(values.contains(1.0));
        assertTrue(values.contains(1L));
        assertTrue(values.contains("a"));
        assertTrue(values.contains(0.1));
        assertTrue(values.contains(Map.of("x", Arrays.asList(1, null))));
        assertFalse(values.contains(true));
        assertFalse(values.contains(2));
        assertFalse(values.contains("1"));
        assertTrue(SchemaChecks.unique(List.of(1, "1", true)));
        assertFalse(SchemaChecks.unique(List.of(1, 1.0)));
        assertFalse(SchemaChecks.unique(List.of(Map.of("a", 1), Map.of("a", 1.0))));
        assertTrue(SchemaChecks.isInteger(1.0));
        assertFalse(SchemaChecks.isInteger(1.5));
        assertFalse(SchemaChecks.isNumber(Double.NaN));
    }

    /**
     * The type tests give the JSON type the mapper writes, whatever the class was asked about before (the answers
     * are kept per class): each value is asked twice, in an order that mixes classes.
     */
    @Test
    void typesAreWhatTheMapperWrites() {
        List<Object> values = List.of("s", 'c', OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                LocalDate.of(2026, 1, 2), LocalTime.NOON, LocalDateTime.of(2026, 1, 2, 3, 4), Instant.EPOCH,
                UUID.randomUUID(), URI.create("urn:x"), ZoneOffset.UTC, Thread.State.NEW, 1, 2L, (short) 3, (byte) 4,
                1.5, 2.5f, BigDecimal.ONE, BigInteger.TEN, new AtomicLong(7), true, List.of(1), new ArrayList<>(),
                Set.of("a"), new ArrayDeque<>(List.of(1)), Collections.unmodifiableList(List.of()), Map.of("a", 1),
                new LinkedHashMap<>(), new TreeMap<>(Map.of("b", 2)), new Point(1, 2));
        List<Object> reversed = new ArrayList<>(values);
        Collections.reverse(reversed);
        for (List<Object> pass : List.of(values, reversed)) {
            for (Object v : pass) {
                JsonNode written = Json.mapper().valueToTree(v);
                String what = v.getClass().getName() + " written as " + written;
                assertEquals(written.isString(), SchemaChecks.isString(v), what);
                assertEquals(written.isNumber(), SchemaChecks.isNumber(v), what);
                assertEquals(written.isArray(), SchemaChecks.isArray(v), what);
                assertEquals(written.isObject(), SchemaChecks.isObject(v), what);
            }
        }
        for (Object v : List.of(new String[] {"a"}, new Object[0])) {
            assertFalse(SchemaChecks.isArray(v) || SchemaChecks.isObject(v) || SchemaChecks.isString(v),
                    "a Java array is no type the generated classes hold");
        }
        assertFalse(SchemaChecks.isString(null) || SchemaChecks.isArray(null) || SchemaChecks.isObject(null));
    }

    /** A data object, written as a JSON object. */
    public record Point(int x, int y) {}

    /** An enum written as a number. */
    enum Level {
        LOW;

        @JsonValue
        int code() {
            return 1;
        }
    }

    /** A value written as the string it holds. */
    record Code(@JsonValue String code) {}

    /**
     * Values of the JDK and of users' own classes, put in an untyped property: each type test answers as the
     * mapper writes the value, or (a Java array, a number that is no {@code Number}) says no and leaves the value to
     * networknt; none says yes to a type the value is not written as.
     */
    @Test
    void typeTestsOfOtherClassesAreWhatTheMapperWrites() throws Exception {
        List<Object> values = List.of(new StringBuilder("x"), Year.of(2020), YearMonth.of(2020, 5), MonthDay.of(5, 6),
                Duration.ofSeconds(1), Period.ofDays(1), ZoneId.of("Europe/Paris"), OffsetTime.of(1, 2, 3, 0,
                ZoneOffset.UTC), ZonedDateTime.of(2020, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), DayOfWeek.MONDAY, Month.MAY,
                Locale.US, Currency.getInstance("EUR"), TimeZone.getTimeZone("UTC"), new Date(0), new URL("http://x"),
                Path.of("/tmp"), new File("/tmp"), Pattern.compile("a"), StandardCharsets.UTF_8, new byte[] {1, 2},
                new char[] {'a'}, new int[] {1}, new String[] {"a"}, Optional.of(1), Optional.of("s"), Optional.empty(),
                new AtomicBoolean(true), new AtomicReference<>("x"), new AtomicReference<>(Map.of()), Level.LOW,
                new Code("c"), new Point(1, 2), new BitSet(), Thread.State.NEW);
        for (Object v : values) {
            JsonNode written = Json.mapper().valueToTree(v);
            String what = v.getClass().getName() + " written as " + written;
            assertEquals(written.isString() || written.isBinary(), SchemaChecks.isString(v), what);
            assertEquals(written.isObject(), SchemaChecks.isObject(v), what);
            assertEquals(written.isArray() && v instanceof Collection<?>, SchemaChecks.isArray(v), what);
            assertTrue(written.isNumber() || !SchemaChecks.isNumber(v), what);
            if (SchemaChecks.isString(v)) {
                assertEquals(Json.mapper().writeValueAsString(v), Json.mapper().writeValueAsString(SchemaChecks.text(v)),
                        "text of " + what);
            }
        }
    }

    @Test
    void distinctFindsARepeatedItemAnywhere() {
        for (int n = 0; n <= 40; n++) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add("item-" + i);
            }
            assertTrue(SchemaChecks.distinct(items), "all different, size " + n);
            assertTrue(SchemaChecks.distinct(new LinkedHashSet<>(items)), "a set, size " + n);
            for (int i = 1; i < n; i++) {
                for (int j : new int[] {0, i - 1, i / 2}) {
                    List<Object> repeated = new ArrayList<>(items);
                    repeated.set(i, new String("item-" + j));
                    assertFalse(SchemaChecks.distinct(repeated), "item " + i + " repeats item " + j + ", size " + n);
                }
            }
        }
        assertFalse(SchemaChecks.distinct(Arrays.asList(null, "a", null)));
        assertTrue(SchemaChecks.distinct(Arrays.asList(null, "a")));
    }

    @SafeVarargs
    private static <V> V pick(Random random, V... values) {
        return values[random.nextInt(values.length)];
    }
}
