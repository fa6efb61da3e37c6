package io.kafkaesk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import java.util.function.UnaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * kafkaesk writes date-times and dates exactly as java.time's ISO formatters and Jackson's default mapper do:
 * differential tests over random values, with years, fractions and offsets at the edges of each form.
 */
class IsoDatesTest {
    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @Test
    void dateTimesAreWhatTheIsoFormatterWrites() {
        Random random = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            OffsetDateTime t = randomDateTime(random);
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t), IsoDates.format(t));
            assertEquals(DateTimeFormatter.ISO_LOCAL_DATE.format(t.toLocalDate()), IsoDates.format(t.toLocalDate()));
        }
        assertEquals("+999999999-12-31T23:59:59.999999999-18:00", IsoDates.format(OffsetDateTime.MAX));
        assertEquals("-999999999-01-01T00:00:00+18:00", IsoDates.format(OffsetDateTime.MIN));
        assertEquals("2026-01-02T03:04:05.000001+05:30:07", IsoDates.format(
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 1_000, ZoneOffset.ofHoursMinutesSeconds(5, 30, 7))));
    }

    /** A record holding both types, and one property with its own format, which Jackson's serializer writes. */
    record Dated(OffsetDateTime at, LocalDate day, @JsonFormat(pattern = "yyyy/MM/dd HH:mm") OffsetDateTime shown) {}

    @Test
    void theMapperWritesWhatJacksonWritesByDefault() {
        assertTrue(Json.mapper().registeredModules().stream()
                        .anyMatch(m -> m.getModuleName().equals("kafkaesk-iso-dates")),
                "kafkaesk's mapper writes dates with IsoDates");
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            OffsetDateTime t = randomDateTime(random);
            Dated d = new Dated(t, t.toLocalDate(), t);
            if (Math.abs(t.getYear()) <= 9999) { // the pattern has no form for a longer year
                assertEquals(JACKSON.writeValueAsString(d), Json.mapper().writeValueAsString(d));
            }
            assertEquals(JACKSON.writeValueAsString(List.of(t, t.toLocalDate())),
                    Json.mapper().writeValueAsString(List.of(t, t.toLocalDate())));
            assertEquals(JACKSON.valueToTree(t), Json.mapper().valueToTree(t));
        }
    }

    /** Jackson's default reader of date-times, configured as kafkaesk's mapper is: offsets kept. */
    private static final JsonMapper JACKSON_READER = JsonMapper.builder()
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE).build();

    @Test
    void dateTimesInTheCommonFormAreReadWithoutJacksonsParser() {
        Random random = new Random(9);
        int read = 0;
        for (int i = 0; i < 50_000; i++) {
            OffsetDateTime t = randomDateTime(random);
            String text = IsoDates.format(t);
            OffsetDateTime parsed = IsoDates.parse(text);
            boolean common = t.getYear() >= 0 && t.getYear() <= 9999 && t.getOffset().getTotalSeconds() % 60 == 0;
            assertEquals(common ? t : null, parsed, text);
            read += parsed == null ? 0 : 1;
            String json = JACKSON.writeValueAsString(text);
            assertEquals(JACKSON_READER.readValue(json, OffsetDateTime.class),
                    Json.mapper().readValue(json, OffsetDateTime.class), text);
        }
        assertTrue(read > 10_000, "most random date-times are in the common form");
        for (int i = 0; i < 20_000; i++) {
            LocalDate d = randomDateTime(random).toLocalDate();
            String text = IsoDates.format(d);
            assertEquals(d.getYear() >= 0 && d.getYear() <= 9999 ? d : null, IsoDates.parseDate(text), text);
            String json = JACKSON.writeValueAsString(text);
            assertEquals(JACKSON_READER.readValue(json, LocalDate.class),
                    Json.mapper().readValue(json, LocalDate.class), text);
        }
        // As Python kafkaesk writes them: six fraction digits and +00:00.
        assertEquals(OffsetDateTime.of(2026, 11, 27, 13, 24, 3, 123_456_000, ZoneOffset.UTC),
                IsoDates.parse("2026-11-27T13:24:03.123456+00:00"));
    }

    /** Every other text is Jackson's to read or refuse, with the same value or a failure. */
    @Test
    void otherTextsAreReadOrRefusedAsJacksonDoes() {
        List<String> texts = List.of("2026-11-27T13:24:03Z", "2026-11-27t13:24:03z", "2026-11-27T13:24:03+0100",
                "2026-11-27T13:24:03+01:00:30", "+10000-11-27T13:24:03Z", "2026-02-30T13:24:03Z",
                "2026-11-27T24:00:00Z", "2026-11-27T13:24Z", "2026-11-27T13:24:03.Z",
                "2026-11-27T13:24:03.1234567891Z",
                "2026-11-27T13:24:03-00:00", "2026-11-27T13:24:03+19:00", "2026-11-27T13:24:03+01:60",
                "2026-11-27 13:24:03Z", " 2026-11-27T13:24:03Z", "2026-11-27T13:24:03Z ", "", "x",
                "2026-1a-27T13:24:03Z",
                "2026-11-27T13:24:03+01:00[Europe/Paris]", "2026-11-27T13:24:03.5-05:30", "0000-01-01T00:00:00Z");
        for (String text : texts) {
            String json = JACKSON.writeValueAsString(text);
            Object expected = outcome(() -> JACKSON_READER.readValue(json, OffsetDateTime.class));
            Object actual = outcome(() -> Json.mapper().readValue(json, OffsetDateTime.class));
            assertEquals(expected, actual, text);
        }
        for (String text : List.of("2026-11-27", "2026-02-30", "2026-11-27T10:00:00", "2026-11-27T10:00:00Z",
                "+10000-01-01", "2026-1-01", "20261127", "2026-11-27 ", "", "2026-13-01", "0000-01-01")) {
            String json = JACKSON.writeValueAsString(text);
            assertEquals(outcome(() -> JACKSON_READER.readValue(json, LocalDate.class)),
                    outcome(() -> Json.mapper().readValue(json, LocalDate.class)), text);
        }
        Dated dated = new Dated(OffsetDateTime.of(2026, 11, 27, 13, 24, 3, 0, ZoneOffset.ofHours(1)),
                LocalDate.of(2026, 11, 27), OffsetDateTime.of(2026, 11, 27, 13, 24, 0, 0, ZoneOffset.UTC));
        String json = JACKSON_READER.writeValueAsString(dated);
        assertEquals(outcome(() -> JACKSON_READER.readValue(json, Dated.class)),
                outcome(() -> Json.mapper().readValue(json, Dated.class)),
                "a property with its own pattern is read by Jackson: " + json);
    }

    /**
     * A mapper or writer that asks for another form (timestamps, milliseconds only, a time zone of its own) gets what
     * Jackson writes and reads with the same settings: the module only takes the common case.
     */
    @Test
    void otherDateSettingsAreJacksons() {
        OffsetDateTime t = OffsetDateTime.of(2020, 5, 6, 7, 8, 9, 123_456_000, ZoneOffset.ofHours(2));
        List<Object> values = List.of(t, t.toLocalDate());
        List<UnaryOperator<JsonMapper.Builder>> settings = List.of(
                b -> b.enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS),
                b -> b.enable(DateTimeFeature.TRUNCATE_TO_MSECS_ON_WRITE),
                b -> b.enable(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ),
                b -> b.defaultTimeZone(TimeZone.getTimeZone("Asia/Tokyo")));
        for (UnaryOperator<JsonMapper.Builder> setting : settings) {
            JsonMapper jackson = setting.apply(JACKSON_READER.rebuild()).build();
            JsonMapper kafkaesk = setting.apply(Json.mapper().rebuild()).build();
            String written = jackson.writeValueAsString(values);
            assertEquals(written, kafkaesk.writeValueAsString(values));
            String text = "\"" + IsoDates.format(t) + "\"";
            assertEquals(jackson.readValue(text, OffsetDateTime.class), kafkaesk.readValue(text, OffsetDateTime.class),
                    written);
        }
        assertEquals("[1588741689.123456000,[2020,5,6]]",
                Json.mapper().writer().with(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(values),
                "a writer's own settings count too");
        assertEquals(OffsetDateTime.of(2020, 5, 6, 7, 8, 9, 123_000_000, ZoneOffset.ofHours(2)),
                Json.mapper().readerFor(OffsetDateTime.class).with(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ)
                        .readValue("\"" + IsoDates.format(t) + "\""),
                "a reader's own settings count too");
    }

    /** The value read, or the kind of failure. */
    private static Object outcome(Supplier<Object> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    private static OffsetDateTime randomDateTime(Random random) {
        int year = switch (random.nextInt(6)) {
            case 0 -> random.nextInt(10_000);
            case 1 -> -random.nextInt(100_000);
            case 2 -> 9_990 + random.nextInt(20);
            case 3 -> random.nextInt(Year.MAX_VALUE);
            case 4 -> -random.nextInt(20);
            default -> 1970 + random.nextInt(100);
        };
        int nano = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            case 3 -> random.nextInt(10) * 100_000_000;
            default -> random.nextInt(1_000_000_000);
        };
        int offset = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> (random.nextInt(37) - 18) * 3600;
            case 2 -> (random.nextInt(145) - 72) * 900;
            default -> random.nextInt(2 * 64_800 + 1) - 64_800;
        };
        return OffsetDateTime.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
                random.nextInt(60), random.nextInt(60), nano, ZoneOffset.ofTotalSeconds(offset));
    }
}
