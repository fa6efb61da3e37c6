package io.kafkaesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.internal.CompiledSchema;
import io.kafkaesk.internal.Json;
import io.kafkaesk.internal.SchemaValidator;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A value the quick checks accept is one the full validator accepts once kafkaesk's mapper has written it, and
 * the runtime trusts a schema's quick check in place of its own validation.
 */
class QuickChecksTest {
    record Stamp(OffsetDateTime at, LocalDate day) {}

    private static final String STAMP_SCHEMA = "{\"type\":\"object\",\"properties\":{"
            + "\"at\":{\"type\":\"string\",\"format\":\"date-time\"},"
            + "\"day\":{\"type\":\"string\",\"format\":\"date\"}},\"required\":[\"at\",\"day\"]}";

    @Test
    void timestampsItAcceptsAreWrittenAsValidDateTimes() {
        SchemaValidator validator = SchemaValidator.compile(
                MessageSchema.builder("Stamp", Stamp.class).schemaJson(STAMP_SCHEMA).build());
        List<OffsetDateTime> stamps = new ArrayList<>();
        for (int year : new int[] {1, 999, 1970, 2024, 9999, 10000, 0, -5}) {
            for (int nanos : new int[] {0, 1, 500_000_000, 123_456_789, 100_000}) {
                for (ZoneOffset offset : List.of(ZoneOffset.UTC, ZoneOffset.ofHours(14), ZoneOffset.ofHours(-12),
                        ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(18), ZoneOffset.ofTotalSeconds(3601))) {
                    stamps.add(OffsetDateTime.of(LocalDateTime.of(year, 2, 28, 23, 59, 0, nanos), offset));
                }
            }
        }
        stamps.add(OffsetDateTime.of(2024, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC));
        int accepted = 0;
        for (OffsetDateTime at : stamps) {
            Stamp stamp = new Stamp(at, at.toLocalDate());
            JsonNode written = Json.mapper().readTree(Json.mapper().writeValueAsBytes(stamp));
            boolean quick = QuickChecks.dateTime(at) && QuickChecks.date(at.toLocalDate());
            if (quick) {
                accepted++;
                assertTrue(validator.validate(written).isEmpty(), () -> "accepted, yet invalid: " + written);
                assertTrue(QuickChecks.dateTime(written.get("at").asString()), written::toString);
                assertTrue(QuickChecks.date(written.get("day").asString()), written::toString);
            }
        }
        assertTrue(accepted >= 60, "ordinary timestamps pass: " + accepted);
        assertFalse(QuickChecks.dateTime(OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
        assertFalse(QuickChecks.dateTime(OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(18))));
    }

    @Test
    void lengthsCountCodePointsAndLeaveSurrogatesToTheValidator() {
        assertTrue(QuickChecks.length("abc", 1, 3));
        assertTrue(QuickChecks.length("", -1, -1));
        assertFalse(QuickChecks.length("abcd", 1, 3));
        assertFalse(QuickChecks.length("", 1, -1));
        assertTrue(QuickChecks.length("Zürich", 6, 6));
        assertFalse(QuickChecks.length("\uD83D\uDE00", 1, 1), "a surrogate pair: the validator decides");
        assertTrue(QuickChecks.finite(1.5));
        assertFalse(QuickChecks.finite(Double.NaN));
    }

    record Note(String text) {}

    @Test
    void theRuntimeTrustsTheSchemasQuickCheck() {
        // A schema no data satisfies: only a quick check (wrong on purpose here) lets data through.
        MessageSchema<Note> refuseAll = MessageSchema.builder("Note", Note.class).schemaJson("false").build();
        assertThrows(SchemaValidationException.class,
                () -> new CompiledSchema<>(refuseAll).encode(new Note("x"), true, false));
        MessageSchema<Note> vouched = MessageSchema.builder("Note", Note.class).schemaJson("false")
                .quickCheck(n -> n.text().equals("x")).build();
        CompiledSchema<Note> compiled = new CompiledSchema<>(vouched);
        assertEquals("{\"schema\":\"Note:1\",\"data\":{\"text\":\"x\"}}",
                new String(compiled.encode(new Note("x"), true, false).value(), java.nio.charset.StandardCharsets.UTF_8));
        assertThrows(SchemaValidationException.class, () -> compiled.encode(new Note("y"), true, false),
                "what the quick check does not vouch for is validated");
        assertTrue(vouched.quickCheck().isPresent());
        assertEquals(refuseAll, vouched, "the quick check is not part of a descriptor's identity");
    }

    static class Base {
        public String getText() {
            return "x";
        }
    }

    static final class Extended extends Base {
        public String getExtra() {
            return "not in the schema";
        }
    }

    @Test
    void aSubclassOfTheDataClassIsValidatedWhateverTheQuickCheckSays() {
        MessageSchema<Base> schema = MessageSchema.builder("Base", Base.class)
                .schemaJson("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                        + "\"additionalProperties\":false}")
                .quickCheck(b -> true).build();
        CompiledSchema<Base> compiled = new CompiledSchema<>(schema);
        assertEquals("{\"schema\":\"Base:1\",\"data\":{\"text\":\"x\"}}",
                new String(compiled.encode(new Base(), true, false).value(), java.nio.charset.StandardCharsets.UTF_8));
        SchemaValidationException e = assertThrows(SchemaValidationException.class,
                () -> compiled.encode(new Extended(), true, false));
        assertTrue(e.getMessage().contains("extra"), e.getMessage());
    }
}
