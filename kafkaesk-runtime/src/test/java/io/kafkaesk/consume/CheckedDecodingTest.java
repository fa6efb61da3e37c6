package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static io.kafkaesk.consume.Kit.string;
import static io.kafkaesk.consume.Kit.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.TypedHandler;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A typed subscription with {@code validate(true)} whose schema has a generated validator: records are bound
 * strictly and judged by that validator; what it refuses, and what does not bind strictly, the JSON Schema
 * validator judges and lists.
 */
class CheckedDecodingTest extends BrokerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SCHEMA = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{"id":{"type":"string","maxLength":10},"count":{"type":"integer","minimum":0},
                           "at":{"type":"string","format":"date-time"}},
             "required":["id","count"],"additionalProperties":false}""";

    /** Test data of a closed schema, as a generated class: no place for unknown properties. */
    public record Reading(String id, Long count, @Nullable OffsetDateTime at) {}

    /** What the generated validator counts: its calls. */
    private final AtomicInteger checks = new AtomicInteger();

    /** A validator as the code generator would write it from {@link #SCHEMA}, counting its calls. */
    private boolean conforms(Reading r) {
        checks.incrementAndGet();
        return r.id() != null && r.id().codePointCount(0, r.id().length()) <= 10 && r.count() != null
                && r.count() >= 0;
    }

    private MessageSchema<Reading> schema(boolean withValidator) {
        MessageSchema.Builder<Reading> b = MessageSchema.builder("Reading", Reading.class).schemaJson(SCHEMA);
        return withValidator ? b.validator(this::conforms).build() : b.build();
    }

    private static TypedHandler<Reading> handler(MessageSchema<Reading> schema, List<Reading> handled) {
        return new TypedHandler<>() {
            @Override
            public MessageSchema<Reading> schema() {
                return schema;
            }

            @Override
            public void handle(Reading data, MessageContext context) {
                handled.add(data);
            }
        };
    }

    private Application app(MessageSchema<Reading> schema) {
        Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(1).build();
        app.schema(schema);
        apps.add(app);
        return app;
    }

    private static String reading(String data) {
        return "{\"schema\":\"Reading:1\",\"data\":" + data + "}";
    }

    /** The dead letters' offsets and messages, in order. */
    private List<String> deadLetters(int n) {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : Kit.read(kafka.bootstrapServers(), prefix + "kafkaesk.dead-letter", n,
                WAIT)) {
            String offset = "";
            String message = "";
            String type = "";
            for (Header h : r.headers()) {
                switch (h.key()) {
                    case "kafkaesk.error.offset" -> offset = string(h.value());
                    case "kafkaesk.error.message" -> message = string(h.value());
                    case "kafkaesk.error.class" -> type = string(h.value());
                    default -> { }
                }
            }
            out.add(offset + " " + type.substring(type.lastIndexOf('.') + 1) + ": " + message);
        }
        return out;
    }

    @Test
    void validRecordsAreDeliveredOnTheGeneratedValidatorsWordAndTheOthersAreDeadLetteredWithTheirViolations() {
        MessageSchema<Reading> schema = schema(true);
        Application app = app(schema);
        List<Reading> handled = new CopyOnWriteArrayList<>();
        app.subscribe("readings", "g1", handler(schema, handled)).validate(true);
        app.initialize();
        List<String> records = List.of(
                "{\"id\":\"r1\",\"count\":3,\"at\":\"2026-12-02T10:15:30.5Z\"}", // 0 valid
                "{\"id\":\"r2\",\"count\":-1}", // 1 binds, refused: minimum
                "{\"id\":\"r3\",\"count\":1.5}", // 2 does not bind strictly: not an integer
                "{\"id\":\"r4\",\"count\":2,\"extra\":true}", // 3 does not bind strictly: closed schema
                "{\"id\":\"r5\",\"count\":\"2\"}", // 4 does not bind strictly: a string for a number
                "{\"id\":12,\"count\":2}", // 5 does not bind strictly: a number for a string
                "{\"id\":\"r7\",\"count\":2,\"at\":null}", // 6 does not bind strictly: null is not a string
                "{\"id\":\"r8\",\"count\":4.0,\"at\":\"2026-12-02T10:15:30.000+00:00\"}", // 7 valid, not canonical
                "{\"id\":\"r9\",\"count\":5}"); // 8 valid
        for (String data : records) {
            app.rawPublish("readings", utf8(reading(data)), null, List.of()).join();
        }
        await(WAIT, () -> "handled " + handled, () -> handled.size() == 3);
        assertEquals(List.of(
                new Reading("r1", 3L, OffsetDateTime.parse("2026-12-02T10:15:30.5Z")),
                new Reading("r8", 4L, OffsetDateTime.parse("2026-12-02T10:15:30+00:00")),
                new Reading("r9", 5L, null)), handled);
        List<String> dead = deadLetters(6);
        assertTrue(dead.get(0).startsWith("1 SchemaValidationException: ") && dead.get(0).contains("$.count: minimum"),
                dead.get(0));
        assertTrue(dead.get(1).startsWith("2 SchemaValidationException: ") && dead.get(1).contains("$.count: type"),
                dead.get(1));
        assertTrue(dead.get(2).startsWith("3 SchemaValidationException: ")
                && dead.get(2).contains("additionalProperties"), dead.get(2));
        assertTrue(dead.get(3).startsWith("4 SchemaValidationException: ") && dead.get(3).contains("$.count: type"),
                dead.get(3));
        assertTrue(dead.get(4).startsWith("5 SchemaValidationException: ") && dead.get(4).contains("$.id: type"),
                dead.get(4));
        assertTrue(dead.get(5).startsWith("6 SchemaValidationException: ") && dead.get(5).contains("$.at: type"),
                dead.get(5));
        // It judged exactly the three records that bind strictly (r1, r2, r9); the others went to the JSON Schema
        // validator without it.
        assertEquals(3, checks.get());
    }

    @Test
    void whatTheGeneratedValidatorAcceptsIsDeliveredWithoutAnotherValidation() {
        // A validator that accepts anything that binds: the JSON Schema validator, which would refuse the long id,
        // is not asked.
        MessageSchema<Reading> schema = MessageSchema.builder("Reading", Reading.class).schemaJson(SCHEMA)
                .validator(r -> {
                    checks.incrementAndGet();
                    return true;
                }).build();
        Application app = app(schema);
        List<Reading> handled = new CopyOnWriteArrayList<>();
        app.subscribe("decided", "g1", handler(schema, handled)).validate(true);
        app.initialize();
        app.rawPublish("decided", utf8(reading("{\"id\":\"longer than ten\",\"count\":1}")), null, List.of()).join();
        await(WAIT, () -> "handled " + handled, () -> handled.size() == 1);
        assertEquals("longer than ten", handled.get(0).id());
        assertEquals(1, checks.get());
    }

    @Test
    void withoutValidationAnIntegerWithAFractionIsAPoisonMessageNotATruncation() {
        MessageSchema<Reading> schema = schema(false);
        Application app = app(schema);
        List<Reading> handled = new CopyOnWriteArrayList<>();
        app.subscribe("unchecked", "g1", handler(schema, handled));
        app.initialize();
        app.rawPublish("unchecked", utf8(reading("{\"id\":\"a\",\"count\":1.5}")), null, List.of()).join();
        app.rawPublish("unchecked", utf8(reading("{\"id\":\"b\",\"count\":2.0}")), null, List.of()).join();
        app.rawPublish("unchecked", utf8(reading("{\"count\":1.5,\"id\":\"c\"}")), null, List.of()).join();
        app.rawPublish("unchecked", utf8(reading("{\"id\":\"d\",\"count\":3}")), null, List.of()).join();
        await(WAIT, () -> "handled " + handled, () -> handled.size() == 2);
        assertEquals(List.of(new Reading("b", 2L, null), new Reading("d", 3L, null)), handled);
        List<String> dead = deadLetters(2);
        assertTrue(dead.get(0).startsWith("0 UndecodableRecordException: Data of schema Reading:1 does not bind"),
                dead.get(0));
        assertTrue(dead.get(0).contains("not a whole number"), dead.get(0));
        assertTrue(dead.get(1).startsWith("2 UndecodableRecordException: "), dead.get(1));
        assertEquals(0, checks.get());
    }
}
