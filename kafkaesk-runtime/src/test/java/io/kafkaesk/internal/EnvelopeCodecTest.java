package io.kafkaesk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.internal.EnvelopeException.Reason;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

class EnvelopeCodecTest {
    /** The language-agnostic vectors in the repository's top-level schemas/ folder. */
    static final Path VECTORS = Path.of(System.getProperty("basedir", "."))
            .resolve("../schemas/test-vectors/envelopes.json").normalize();

    static List<JsonNode> vectors() throws IOException {
        JsonNode root = Json.mapper().readTree(Files.readString(VECTORS, StandardCharsets.UTF_8));
        List<JsonNode> list = new ArrayList<>();
        root.get("vectors").forEach(list::add);
        return list;
    }

    @TestFactory
    Stream<DynamicTest> writesCanonicalVectorsByteForByte() throws IOException {
        return vectors().stream().filter(v -> v.get("canonical").asBoolean()).map(v -> DynamicTest.dynamicTest(
                v.get("name").asString(), () -> {
                    byte[] expected = v.get("value").asString().getBytes(StandardCharsets.UTF_8);
                    byte[] written = EnvelopeCodec.encode(v.get("schema").asString(), v.get("data"));
                    assertEquals(v.get("value").asString(), new String(written, StandardCharsets.UTF_8));
                    assertArrayEquals(expected, written);
                }));
    }

    @TestFactory
    Stream<DynamicTest> readsEveryVector() throws IOException {
        return vectors().stream().map(v -> DynamicTest.dynamicTest(v.get("name").asString(), () -> {
            Envelope envelope = EnvelopeCodec.decode(v.get("value").asString().getBytes(StandardCharsets.UTF_8));
            assertEquals(v.get("schema").asString(), envelope.schemaKey());
            assertEquals(v.get("data"), envelope.data());
        }));
    }

    @Test
    void vectorsCoverEveryCase() throws IOException {
        List<JsonNode> vectors = vectors();
        assertEquals(6, vectors.size(), "a vector was added or lost: " + VECTORS);
        assertTrue(vectors.stream().anyMatch(v -> !v.get("canonical").asBoolean()));
    }

    @Test
    void writingAnObjectGivesTheSameBytesAsWritingItsTree() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", "o-1");
        data.put("lines", List.of(Map.of("sku", "A"), Map.of("sku", "B")));
        data.put("shipping", Map.of("city", "Zürich"));
        data.put("big", new BigInteger("9007199254740993"));
        byte[] viaTree = EnvelopeCodec.encode("Order:2", Json.mapper().valueToTree(data));
        byte[] direct = EnvelopeCodec.encodeObject("Order:2", data);
        assertArrayEquals(viaTree, direct);
        assertEquals("{\"schema\":\"Order:2\",\"data\":{\"id\":\"o-1\",\"lines\":[{\"sku\":\"A\"},{\"sku\":\"B\"}],"
                + "\"shipping\":{\"city\":\"Zürich\"},\"big\":9007199254740993}}",
                new String(direct, StandardCharsets.UTF_8));
    }

    /** Data whose writing fails part way, after the envelope and a property are written. */
    public static final class Failing {
        public String getA() {
            return "a";
        }

        public String getB() {
            throw new IllegalStateException("cannot read b");
        }
    }

    /** Data whose getter writes an envelope of its own while the outer one is being written. */
    public static final class Nesting {
        public String getInner() {
            return new String(EnvelopeCodec.encodeObject("In:1", Map.of("x", 1)), StandardCharsets.UTF_8);
        }
    }

    @Test
    void envelopesStayWholeAfterAFailedWriteAWriteWithinAWriteAndValuesLongerThanTheBuffer() {
        assertThrows(RuntimeException.class, () -> EnvelopeCodec.encodeObject("F:1", new Failing()));
        assertEquals("{\"schema\":\"M:1\",\"data\":{\"id\":1}}",
                new String(EnvelopeCodec.encodeObject("M:1", Map.of("id", 1)), StandardCharsets.UTF_8));
        assertEquals("{\"schema\":\"N:1\",\"data\":{\"inner\":\"{\\\"schema\\\":\\\"In:1\\\",\\\"data\\\":"
                + "{\\\"x\\\":1}}\"}}",
                new String(EnvelopeCodec.encodeObject("N:1", new Nesting()), StandardCharsets.UTF_8));
        for (int length : new int[] {7_990, 8_000, 20_000, 3}) {
            String text = "é".repeat(length);
            assertEquals("{\"schema\":\"B:1\",\"data\":{\"t\":\"" + text + "\"}}",
                    new String(EnvelopeCodec.encodeObject("B:1", Map.of("t", text)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPrefixIsTheEnvelopeUpToItsDataWithTheKeyEscaped() {
        byte[] prefix = EnvelopeCodec.prefix("Odd\"Kéy\\:1");
        assertEquals("{\"schema\":\"Odd\\\"Kéy\\\\:1\",\"data\":", new String(prefix, StandardCharsets.UTF_8));
        JsonNode data = Json.mapper().readTree("{\"a\":[1,\"x\"]}");
        assertArrayEquals(EnvelopeCodec.encode("Odd\"Kéy\\:1", data), EnvelopeCodec.encode(prefix, data));
        assertEquals("{\"schema\":\"M:1\",\"data\":null}",
                new String(EnvelopeCodec.encode(EnvelopeCodec.prefix("M:1"), null), StandardCharsets.UTF_8));
    }

    @Test
    void keepsIntegersBeyondLongExact() {
        byte[] value = "{\"schema\":\"M:1\",\"data\":{\"n\":123456789012345678901234567890}}"
                .getBytes(StandardCharsets.UTF_8);
        Envelope envelope = EnvelopeCodec.decode(value);
        assertEquals(new BigInteger("123456789012345678901234567890"), envelope.data().get("n").bigIntegerValue());
        assertArrayEquals(value, EnvelopeCodec.encode(envelope.schemaKey(), envelope.data()));
    }

    @Test
    void rejectsEmptyValue() {
        assertEquals(Reason.EMPTY,
                assertThrows(EnvelopeException.class, () -> EnvelopeCodec.decode(new byte[0])).reason());
        assertEquals(Reason.EMPTY, assertThrows(EnvelopeException.class, () -> EnvelopeCodec.decode(null)).reason());
    }

    @Test
    void rejectsValueThatIsNotJson() {
        EnvelopeException e = assertThrows(EnvelopeException.class, () -> decode("{\"schema\":\"Foo:1\",\"data\":"));
        assertEquals(Reason.NOT_JSON, e.reason());
        assertTrue(e.getMessage().startsWith("Record value is not JSON"), e.getMessage());
        assertEquals(Reason.NOT_JSON, assertThrows(EnvelopeException.class, () -> decode("hello")).reason());
        assertEquals(Reason.NOT_JSON, assertThrows(EnvelopeException.class, () -> decode("{} {}")).reason());
        assertEquals(Reason.NOT_JSON, assertThrows(EnvelopeException.class, () -> decode("  \n ")).reason());
    }

    @Test
    void rejectsJsonThatIsNotAnEnvelope() {
        assertEquals(Reason.NOT_AN_OBJECT, assertThrows(EnvelopeException.class, () -> decode("[1,2]")).reason());
        assertEquals(Reason.NOT_AN_OBJECT, assertThrows(EnvelopeException.class, () -> decode("\"x\"")).reason());
        assertEquals(Reason.NO_SCHEMA, assertThrows(EnvelopeException.class, () -> decode("{\"data\":{}}")).reason());
        assertEquals(Reason.NO_SCHEMA,
                assertThrows(EnvelopeException.class, () -> decode("{\"schema\":1,\"data\":{}}")).reason());
        EnvelopeException noData = assertThrows(EnvelopeException.class, () -> decode("{\"schema\":\"Foo:1\"}"));
        assertEquals(Reason.NO_DATA, noData.reason());
        assertTrue(noData.getMessage().contains("Foo:1"), noData.getMessage());
    }

    @Test
    void acceptsNullData() {
        assertTrue(decode("{\"schema\":\"Foo:1\",\"data\":null}").data().isNull());
    }

    @Test
    void splitsTheSchemaIdFromTheKey() {
        assertEquals("Foo", decode("{\"schema\":\"Foo:12\",\"data\":{}}").schemaId());
        assertEquals("Foo", decode("{\"schema\":\"Foo\",\"data\":{}}").schemaId());
    }

    private static Envelope decode(String value) {
        return EnvelopeCodec.decode(value.getBytes(StandardCharsets.UTF_8));
    }
}
