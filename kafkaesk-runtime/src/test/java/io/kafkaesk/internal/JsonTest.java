package io.kafkaesk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

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
}
