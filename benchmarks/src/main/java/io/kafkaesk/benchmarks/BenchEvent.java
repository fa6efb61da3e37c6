package io.kafkaesk.benchmarks;

import io.kafkaesk.MessageSchema;
import java.util.List;

/**
 * The message every benchmark sends: ten fields, about 200 bytes of JSON, validated against {@link #SCHEMA_JSON}
 * (string lengths, an enum, a {@code date-time} format, an array, no additional properties).
 *
 * @param seq the message's number within a run (the latency benchmark matches receipts by it)
 * @param sentNanos the {@link System#nanoTime()} at which the message was due to be sent (latency benchmark)
 */
public record BenchEvent(String id, String type, String user, int seq, double amount, boolean active,
        String createdAt, List<String> tags, long sentNanos, String note) {

    static final String SCHEMA_JSON = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "BenchEvent",
              "type": "object",
              "properties": {
                "id": { "type": "string", "minLength": 1, "maxLength": 64 },
                "type": { "type": "string", "enum": ["content.created", "content.edited", "content.deleted"] },
                "user": { "type": "string", "minLength": 1 },
                "seq": { "type": "integer", "minimum": 0 },
                "amount": { "type": "number" },
                "active": { "type": "boolean" },
                "createdAt": { "type": "string", "format": "date-time" },
                "tags": { "type": "array", "items": { "type": "string" }, "maxItems": 8 },
                "sentNanos": { "type": "integer" },
                "note": { "type": "string" }
              },
              "required": ["id", "type", "user", "seq", "createdAt"],
              "additionalProperties": false
            }
            """;

    /** The descriptor kafkaesk publishes and subscribes with, as the code generator would produce it. */
    static final MessageSchema<BenchEvent> SCHEMA =
            MessageSchema.builder("BenchEvent", BenchEvent.class).schemaJson(SCHEMA_JSON).build();

    private static final String[] TYPES = {"content.created", "content.edited", "content.deleted"};

    /** A deterministic, varied event; {@code seq} selects the variation. */
    static BenchEvent sample(int seq, long sentNanos) {
        return new BenchEvent(
                String.format("evt-%012d", seq),
                TYPES[seq % TYPES.length],
                "user-" + (seq * 7919 % 100_000),
                seq,
                (seq % 10_000) / 100.0,
                seq % 2 == 0,
                "2026-11-27T13:" + String.format("%02d:%02d.%03dZ", seq / 60 % 60, seq % 60, seq % 1000),
                List.of("alpha", "beta", seq % 3 == 0 ? "gamma" : "delta"),
                sentNanos,
                "a short free-text note");
    }

    /** A pool of distinct events, built before any timing starts. */
    static BenchEvent[] pool(int size) {
        BenchEvent[] events = new BenchEvent[size];
        for (int i = 0; i < size; i++) {
            events[i] = sample(i, 0);
        }
        return events;
    }
}
