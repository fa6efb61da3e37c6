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
import org.junit.jupiter.api.Test;
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
