package io.kafkaesk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;

class JsonTest {
    record Event(OffsetDateTime at, BigInteger count, BigDecimal amount) {}

    @Test
    void datesKeepTheSendersOffsetAndNumbersStayExact() {
        Event event = new Event(OffsetDateTime.parse("2026-11-27T10:15:30.5+01:00"),
                new BigInteger("123456789012345678901234567890"), new BigDecimal("0.10"));
        byte[] value = EnvelopeCodec.encode("Event:1", Json.mapper().valueToTree(event));
        // Records keep their component order (plain classes would be sorted alphabetically by Jackson 3).
        assertEquals("{\"schema\":\"Event:1\",\"data\":{\"at\":\"2026-11-27T10:15:30.5+01:00\","
                + "\"count\":123456789012345678901234567890,\"amount\":0.10}}",
                new String(value, StandardCharsets.UTF_8));

        Event read = Json.mapper().treeToValue(EnvelopeCodec.decode(value).data(), Event.class);
        assertEquals(event.at(), read.at());
        assertEquals("+01:00", read.at().getOffset().getId());
        assertEquals(event.count(), read.count());
    }

    record Counts(Long big, long small, Integer boxed, int plain, BigInteger huge) {}

    @Test
    void aNumberBindsToAnIntegerOnlyWhenItIsWhole() {
        Counts whole = Json.mapper().readValue(
                "{\"big\":1.0,\"small\":2e3,\"boxed\":-3.00,\"plain\":4,\"huge\":1.0E+30}", Counts.class);
        assertEquals(new Counts(1L, 2000L, -3, 4, BigInteger.TEN.pow(30)), whole);
        for (String bad : new String[] {"\"big\":1.5", "\"small\":-0.5", "\"boxed\":2.000001",
                "\"plain\":1e-3", "\"huge\":1.5E+0", "\"plain\":3e10"}) {
            String doc = "{\"big\":1,\"small\":2,\"boxed\":3,\"plain\":4,\"huge\":5," + bad + "}";
            DatabindException e = assertThrows(DatabindException.class,
                    () -> Json.mapper().readValue(doc, Counts.class), doc);
            assertTrue(e.getOriginalMessage().contains("not a whole number"), e.getOriginalMessage());
        }
        // Through a tree too: the JSON Schema validator's path binds the data from one.
        assertThrows(DatabindException.class, () -> Json.mapper().treeToValue(
                Json.mapper().readTree("{\"big\":1.5,\"small\":2,\"plain\":4}"), Counts.class));
        assertEquals(7L, Json.mapper().treeToValue(Json.mapper().readTree("{\"big\":7.0,\"small\":2,\"plain\":4}"),
                Counts.class).big());
    }
}
