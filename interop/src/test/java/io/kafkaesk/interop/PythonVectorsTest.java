package io.kafkaesk.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageHandler;
import io.kafkaesk.Subscription;
import io.kafkaesk.interop.envelopes.FooSubscriber;
import io.kafkaesk.interop.envelopes.GreetingSubscriber;
import io.kafkaesk.interop.envelopes.MetricSubscriber;
import io.kafkaesk.interop.envelopes.NoteSubscriber;
import io.kafkaesk.interop.envelopes.OrderV2Subscriber;
import io.kafkaesk.interop.python.Interop;
import io.kafkaesk.interop.python.InteropSubscriber;
import io.kafkaesk.interop.python.InteropV2;
import io.kafkaesk.interop.python.InteropV2Item;
import io.kafkaesk.interop.python.InteropV2Subscriber;
import io.kafkaesk.internal.Json;
import io.kafkaesk.logging.LogTimestamps;
import io.kafkaesk.logging.record.LogRecord;
import io.kafkaesk.logging.record.LogRecordSubscriber;
import io.kafkaesk.test.BootstrapServers;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every record of the project's test vectors, published byte for byte to a real broker and read through generated
 * classes and the runtime: each decodes to the data its writer meant, or is dead-lettered only where Java has no
 * class for its schema version.
 *
 * <p>{@code python-kafkaesk-0.8.5.json} holds record values exactly as Python kafkaesk 0.8.5 wrote them (orjson's
 * floats, {@code +00:00} date-times with six fraction digits, nulls, unicode, control characters, a 3e9 integer,
 * a version Java has no class for, a record of Python's logging extension). {@code envelopes.json} holds the
 * envelope vectors any language can use.
 */
@KafkaeskTest
class PythonVectorsTest {
    static final Path VECTORS = Path.of("../schemas/test-vectors");
    static final Path PYTHON = VECTORS.resolve("python-kafkaesk-0.8.5.json");
    static final Path ENVELOPES = VECTORS.resolve("envelopes.json");
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String VECTOR_HEADER = "x-vector";
    private static final String REASON_HEADER = "kafkaesk.error.message";

    private static JsonNode read(Path file) throws Exception {
        return Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static byte[] bytes(JsonNode encoded) {
        return encoded.has("hex") ? HexFormat.of().parseHex(encoded.get("hex").asString())
                : encoded.get("utf8").asString().getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "(none)" : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void theSchemasGeneratedFromAreTheOnesPythonWroteAgainst() throws Exception {
        JsonNode schemas = read(PYTHON).get("schemas");
        for (String file : List.of("interop.json", "interop-v2.json")) {
            assertEquals(schemas.get(file), read(Path.of("src/main/schemas/python", file)), file);
        }
    }

    @Test
    void everyVectorDecodesToWhatItsWriterMeantOrIsDeadLetteredWhenJavaHasNoClassForItsVersion(
            @BootstrapServers String servers, TopicPrefix prefix) throws Exception {
        JsonNode python = read(PYTHON);
        JsonNode envelopes = read(ENVELOPES);

        // 1. Publish every record byte for byte, as its writer wrote it.
        Map<String, String> pythonOutcome = new TreeMap<>(); // vector id -> the schema key it was written with
        try (Application publisher = Application.builder().kafkaServers(servers).topicPrefix(prefix.value()).build()) {
            publisher.initialize();
            for (JsonNode record : python.get("records")) {
                List<Header> headers = new ArrayList<>();
                for (JsonNode h : record.get("headers")) {
                    headers.add(new RecordHeader(h.get(0).asString(), bytes(h.get(1))));
                }
                byte[] value = bytes(record.get("value"));
                JsonNode envelope = Json.mapper().readTree(value);
                String id = envelope.at("/data/id").asString(envelope.at("/data/logger").asString(""));
                pythonOutcome.put(id, envelope.get("schema").asString());
                byte[] key = record.get("key").isNull() ? null : bytes(record.get("key"));
                publisher.rawPublish(record.get("stream").asString(), value, key, headers).get();
            }
            // A value beyond 64 bits in a plain integer: refused with a reason, never wrapped around.
            String bigCount = python.get("records").get(1).get("value").get("utf8").asString()
                    .replace("\"py-bigcount\"", "\"py-overflow\"")
                    .replace("\"count\":3000000000", "\"count\":18446744073709551616");
            publisher.rawPublish("interop.py", bigCount.getBytes(StandardCharsets.UTF_8), null, List.of()).get();
            for (JsonNode v : envelopes.get("vectors")) {
                String stream = "envelopes." + v.get("schema").asString().split(":")[0].toLowerCase(Locale.ROOT);
                publisher.rawPublish(stream, v.get("value").asString().getBytes(StandardCharsets.UTF_8), null,
                        List.of(new RecordHeader(VECTOR_HEADER, v.get("name").asString().getBytes(
                                StandardCharsets.UTF_8)))).get();
            }
        }

        // 2. Read them with generated subscribers; "interop.p?" is an fnmatch pattern, as in Python.
        Map<String, Interop> v1 = new ConcurrentHashMap<>();
        Map<String, InteropV2> v2 = new ConcurrentHashMap<>();
        Map<String, ConsumerRecord<byte[], byte[]>> consumed = new ConcurrentHashMap<>();
        Map<String, LogRecord> logs = new ConcurrentHashMap<>();
        Map<String, String> deadLetters = new ConcurrentHashMap<>(); // id -> reason
        Map<String, JsonNode> decoded = new ConcurrentHashMap<>(); // envelope vector name -> data as Java writes it
        try (Application app = Application.builder().kafkaServers(servers).topicPrefix(prefix.value()).build()) {
            app.subscribe("interop.p?", "interop-reader", MessageHandler.versions(
                    (InteropSubscriber) (data, ctx) -> {
                        consumed.put(data.getId(), ctx.record());
                        v1.put(data.getId(), data);
                    },
                    (InteropV2Subscriber) (data, ctx) -> v2.put(data.getId(), data))).validate(true)
                    // Interop:3 has no class here: dead-letter it rather than stop (the default) to read on.
                    .onNewerVersion(Subscription.NewerVersion.DEAD_LETTER);
            app.subscribe("logs.py", "log-reader", (LogRecordSubscriber) (data, ctx) -> logs.put(data.getLogger(), data))
                    .validate(true);
            app.subscribeRecords("kafkaesk.dead-letter", "dead-letter-reader", (record, ctx) -> {
                JsonNode envelope = Json.mapper().readTree(record.value());
                deadLetters.put(envelope.at("/data/id").asString(), header(record, REASON_HEADER));
            });
            Envelopes keep = (data, ctx) -> decoded.put(header(ctx.record(), VECTOR_HEADER),
                    Json.mapper().valueToTree(data));
            app.subscribe("envelopes.foo", "env-foo", (FooSubscriber) keep::accept).validate(true);
            app.subscribe("envelopes.order", "env-order", (OrderV2Subscriber) keep::accept).validate(true);
            app.subscribe("envelopes.note", "env-note", (NoteSubscriber) keep::accept).validate(true);
            app.subscribe("envelopes.metric", "env-metric", (MetricSubscriber) keep::accept).validate(true);
            app.subscribe("envelopes.greeting", "env-greeting", (GreetingSubscriber) keep::accept).validate(true);
            app.initialize();

            awaitUntil(() -> v1.size() + v2.size() + logs.size() + deadLetters.size() >= pythonOutcome.size() + 1
                    && decoded.size() >= envelopes.get("vectors").size(), () -> "v1 " + v1.keySet() + ", v2 "
                    + v2.keySet() + ", logs " + logs.keySet() + ", dead letters " + deadLetters + ", envelopes "
                    + decoded.keySet());
        }

        // 3. Each Python record went where its schema version says: Java has classes for Interop:1 and :2 and the
        // log schema, none for Interop:3.
        Set<String> expectedV1 = new TreeSet<>();
        Set<String> expectedV2 = new TreeSet<>();
        Set<String> expectedLogs = new TreeSet<>();
        Set<String> expectedDead = new TreeSet<>(Set.of("py-overflow"));
        pythonOutcome.forEach((id, key) -> (switch (key) {
            case "Interop:1" -> expectedV1;
            case "Interop:2" -> expectedV2;
            case "PydanticLogModel:1" -> expectedLogs;
            default -> expectedDead;
        }).add(id));
        assertEquals(Set.of("py-bin", "py-bigcount", "py-1"), expectedV1, "the vector file's Interop:1 records");
        assertEquals(expectedV1, new TreeSet<>(v1.keySet()));
        assertEquals(expectedV2, new TreeSet<>(v2.keySet()));
        assertEquals(expectedLogs, new TreeSet<>(logs.keySet()));
        assertEquals(expectedDead, new TreeSet<>(deadLetters.keySet()));
        assertTrue(deadLetters.get("py-3").contains("Interop:3"), deadLetters.get("py-3"));
        String overflow = deadLetters.get("py-overflow");
        assertTrue(overflow.contains("the number at /count does not fit the Java type long (64 bits"), overflow);

        // 4. Values as Python meant them.
        assertEquals(3_000_000_000L, v1.get("py-bigcount").getCount(), "a 3e9 integer reaches the handler");
        for (Interop data : v1.values()) {
            assertEquals("Zürich ✓ 日本 😀 \"quoted\" back\\slash /slash\nnewline\ttab \u0001\u001f\u007f\u2028 end",
                    data.getText(), "unicode, escapes, control characters, DEL and U+2028 raw");
            assertEquals(9_007_199_254_740_993L, data.getBig(), "exact beyond 2^53");
            assertEquals(0.1, data.getRatio());
            assertEquals(1e20, data.getHuge(), "orjson's 1e20");
            assertEquals(1.5e-7, data.getTiny(), "orjson's 1.5e-7");
            assertEquals(39.0, data.getWhole());
            assertEquals(true, data.getFlag());
            assertEquals(OffsetDateTime.parse("2024-02-29T13:14:15.123456Z"), data.getAt(), "+00:00, six digits");
            assertEquals(OffsetDateTime.parse("2024-02-29T18:44:15.5+05:30"), data.getLocalAt(), "offset kept");
            assertEquals(List.of("a", "β", ""), data.getTags());
            assertEquals("inner ü", data.getNested().getName());
            assertEquals(-7L, data.getNested().getLevel());
            assertEquals(List.of(0.5, 2.0, 0.00001, 12345678.9), data.getNested().getWeights());
            assertNull(data.getNote(), "null kept by Python, read as null");
        }
        assertEquals(42L, v1.get("py-1").getCount());
        ConsumerRecord<byte[], byte[]> py1 = consumed.get("py-1");
        assertEquals("py-1", new String(py1.key(), StandardCharsets.UTF_8));
        assertEquals("req-py-1", header(py1, "x-request-id"));
        assertEquals("Zürich", header(py1, "x-utf8"));
        assertEquals("2", header(py1, "ot-tracer-traceid"));
        assertArrayEquals(HexFormat.of().parseHex("00fffe80"),
                consumed.get("py-bin").headers().lastHeader("x-bin").value(), "a binary header passes untouched");

        InteropV2 second = v2.get("py-2");
        assertEquals("Grüße 🎉", second.getText());
        assertEquals(InteropV2.Status.DONE, second.getStatus());
        assertEquals(LocalDate.of(2024, 12, 31), second.getDay());
        assertEquals(List.of("A-1 x2", "ß x1"), second.getItems().stream()
                .map((InteropV2Item i) -> i.getSku() + " x" + i.getQty()).toList());
        assertEquals(1234.5, second.getAmount());
        assertEquals(OffsetDateTime.parse("2024-06-01T00:00:00Z"), second.getAt(), "no fraction when it is zero");

        LogRecord log = logs.get("interop.pylog");
        assertEquals(Instant.parse("2026-12-02T05:11:17.355924Z"), LogTimestamps.parse(log.getTimestamp()));
        assertEquals("python log Grüße", log.getMessage());
        assertEquals(30L, log.getLevel());
        assertNull(log.getException());

        // 5. The envelope vectors: the data as Java holds it equals the vector's (Java leaves null fields out).
        for (JsonNode v : envelopes.get("vectors")) {
            String name = v.get("name").asString();
            ObjectNode expected = (ObjectNode) v.get("data").deepCopy();
            expected.properties().removeIf(e -> e.getValue().isNull());
            // Compared as written: Java holds 2 as a long where the vector's parse holds an int.
            assertEquals(Json.mapper().writeValueAsString(expected),
                    Json.mapper().writeValueAsString(decoded.get(name)), "vector " + name);
        }
    }

    /** A subscriber of any generated type, for the envelope vectors. */
    @FunctionalInterface
    private interface Envelopes {
        void accept(Object data, MessageContext context);
    }

    private static void awaitUntil(BooleanSupplier done, Supplier<String> state)
            throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not all vectors arrived within " + DEADLINE + ": " + state.get());
            }
            Thread.sleep(50);
        }
    }
}
