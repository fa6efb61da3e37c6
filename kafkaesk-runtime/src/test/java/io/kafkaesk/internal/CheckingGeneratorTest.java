package io.kafkaesk.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.SchemaValidationException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The check made while data is written never accepts what the full validator refuses (the quick check's cases,
 * written as trees and as Java objects, go through both), the key it picks up is the key a tree gives, and the
 * envelope it writes is the envelope written without it.
 */
class CheckingGeneratorTest {
    private static final String PRECISE = "{\"type\":\"object\",\"properties\":{"
            + "\"a\":{\"type\":\"integer\",\"exclusiveMaximum\":9007199254740996},"
            + "\"b\":{\"type\":\"integer\",\"minimum\":9007199254740993},"
            + "\"c\":{\"type\":\"number\",\"exclusiveMinimum\":0.1,\"maximum\":0.30000000000000004},"
            + "\"d\":{\"type\":\"number\",\"minimum\":-1.5,\"maximum\":1e3}}}";

    private static SchemaValidator validator(String json) {
        return SchemaValidator.compile(MessageSchema.builder("T", Object.class).schemaJson(json).build());
    }

    private static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    /** Writes a value through a checking generator; returns it, done. */
    private static CheckingGenerator write(@Nullable FastCheck check, String @Nullable [] keyPath, Object value) {
        CheckingGenerator checker = new CheckingGenerator(check, keyPath);
        EnvelopeCodec.encode(new byte[0], value, checker);
        return checker;
    }

    /** The rule of every case: accepted while written implies accepted by the full validator. */
    private static boolean assertNeverMoreLenient(SchemaValidator validator, Object value) {
        boolean accepted = write(validator.fastCheck(), null, value).conforms();
        if (accepted) {
            JsonNode written = Json.mapper().readTree(Json.mapper().writeValueAsBytes(value)); // what is sent
            assertTrue(validator.validateFully(written).isEmpty(),
                    () -> "accepted while written, refused by the full validator: " + written + " -> "
                            + validator.validateFully(written));
        }
        return accepted;
    }

    @Test
    void everyWritingMethodOfJsonGeneratorIsOverridden() {
        List<String> missing = new ArrayList<>();
        for (Method m : JsonGenerator.class.getMethods()) {
            int mod = m.getModifiers();
            boolean writes = m.getName().startsWith("write") || m.getName().startsWith("copy");
            if (!writes || Modifier.isStatic(mod) || Modifier.isFinal(mod)) {
                continue; // final convenience methods call the overridable ones
            }
            try {
                CheckingGenerator.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(m.getName() + Arrays.toString(m.getParameterTypes()));
            }
        }
        assertTrue(missing.isEmpty(), () -> "not overridden, so not seen by the check: " + missing);
    }

    @Test
    void acceptsOrdinaryConformingData() {
        SchemaValidator event = validator(FastCheckTest.EVENT);
        for (String doc : FastCheckTest.CONFORMING) {
            assertTrue(write(event.fastCheck(), null, json(doc)).conforms(), doc);
        }
    }

    @Test
    void neverAcceptsWhatTheFullValidatorRefuses() {
        SchemaValidator event = validator(FastCheckTest.EVENT);
        List<String> docs = new ArrayList<>(FastCheckTest.CONFORMING);
        docs.addAll(FastCheckTest.EDGES);
        int refused = 0;
        for (String doc : docs) {
            refused += assertNeverMoreLenient(event, json(doc)) ? 0 : 1;
        }
        assertTrue(refused >= FastCheckTest.EDGES.size() - 5, "most edge cases go to the full validator: " + refused);

        SchemaValidator precise = validator(PRECISE);
        for (String doc : List.of("{\"a\":9007199254740995}", "{\"a\":9007199254740993}",
                "{\"b\":9007199254740992}", "{\"b\":9007199254740994}", "{\"c\":0.1}",
                "{\"c\":0.1000000000000000001}", "{\"c\":0.3}", "{\"c\":0.30000000000000004}", "{\"c\":0.2}",
                "{\"a\":1,\"b\":9007199254740999,\"c\":0.2}", "{\"d\":-1.5}", "{\"d\":-1.6}", "{\"d\":1000}",
                "{\"d\":1000.0000000000001}", "{\"d\":-0.0}")) {
            assertNeverMoreLenient(precise, json(doc));
        }
        assertTrue(write(precise.fastCheck(), null, json("{\"a\":1,\"c\":0.2,\"d\":-1.4}")).conforms());

        SchemaValidator dateTime = validator("{\"type\":\"object\",\"properties\":{\"at\":"
                + "{\"type\":\"string\",\"format\":\"date-time\"}}}");
        for (String text : FastCheckTest.DATE_TIMES) {
            assertNeverMoreLenient(dateTime, Map.of("at", text));
        }
    }

    /** Java values reach the generator through other methods than a tree's: each one is judged soundly. */
    @Test
    void javaValuesOfEveryKindAreJudgedSoundly() {
        SchemaValidator precise = validator(PRECISE);
        List<Map<String, Object>> values = List.of(
                Map.of("a", 1), Map.of("a", 9007199254740995L), Map.of("a", (short) 3),
                Map.of("a", new BigInteger("9007199254740995")), Map.of("a", new BigInteger("9007199254740996")),
                Map.of("a", new BigDecimal("7")), Map.of("a", new BigDecimal("7.0")), Map.of("a", 7.0),
                Map.of("b", Long.MAX_VALUE), Map.of("b", 9007199254740993L), Map.of("b", 9007199254740992L),
                Map.of("c", 0.2f), Map.of("c", 0.2), Map.of("c", new BigDecimal("0.1")),
                Map.of("c", new BigDecimal("0.10000000000000001")), Map.of("c", Double.NaN),
                Map.of("d", Double.POSITIVE_INFINITY), Map.of("d", -0.0), Map.of("d", 1000.0), Map.of("d", 1e3f),
                Map.of("a", "1"), Map.of("a", true), Map.of("a", List.of(1)), Map.of("a", Map.of()),
                Map.of("a", new char[] {'1'}), Map.of("a", new int[] {1}), Map.of("a", new byte[] {1}));
        int accepted = 0;
        for (Map<String, Object> value : values) {
            try {
                accepted += assertNeverMoreLenient(precise, value) ? 1 : 0;
            } catch (tools.jackson.core.JacksonException e) {
                // NaN and infinities are not JSON: Jackson refuses to write them, so nothing is sent either way
                assertTrue(value.containsValue(Double.NaN) || value.containsValue(Double.POSITIVE_INFINITY), e::toString);
            }
        }
        assertTrue(accepted >= 6, "plain numbers take the quick path: " + accepted);
        for (Map<String, Object> plain : List.of(Map.<String, Object>of("a", 1), Map.<String, Object>of("a", (short) 3),
                Map.<String, Object>of("b", 9007199254740993L), Map.<String, Object>of("c", 0.2),
                Map.<String, Object>of("a", new BigDecimal("7")), Map.<String, Object>of("d", -0.0))) {
            assertTrue(write(precise.fastCheck(), null, plain).conforms(), plain::toString);
        }
    }

    enum Kind { created, edited, deleted }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(String sku, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Integer n) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String id, Kind kind, @Nullable Long qty, @Nullable Double price, @Nullable Boolean ok,
            @Nullable String at, @Nullable List<String> tags, @Nullable List<Line> lines) {}

    @Test
    void dataObjectsAreCheckedAsTheyAreWritten() {
        SchemaValidator event = validator(FastCheckTest.EVENT);
        Event good = new Event("a1", Kind.created, 2L, 9.5, true, "2026-11-27T13:24:03Z", List.of("x"),
                List.of(new Line("A", 1)));
        assertTrue(write(event.fastCheck(), null, good).conforms());
        for (Event bad : List.of(
                new Event("a1", Kind.deleted, null, null, null, null, null, null),
                new Event("", Kind.created, null, null, null, null, null, null),
                new Event("a1", Kind.created, 0L, null, null, null, null, null),
                new Event("a1", Kind.created, null, 0.5, null, null, null, null),
                new Event("a1", Kind.created, null, null, null, "yesterday", null, null),
                new Event("a1", Kind.created, null, null, null, null, List.of(), null),
                new Event("a1", Kind.created, null, null, null, null, List.of("a", "b", "c"), null),
                new Event("a1", Kind.created, null, null, null, null, null, List.of(new Line("A", null))))) {
            assertFalse(assertNeverMoreLenient(event, bad), () -> "refused: " + bad);
            assertFalse(event.validateFully(Json.mapper().valueToTree(bad)).isEmpty(), () -> "invalid: " + bad);
        }
    }

    record Raw(String id, @JsonRawValue String payload) {}

    @Test
    void rawJsonIsLeftToTheFullValidator() {
        String schema = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
                + "\"payload\":{\"type\":\"object\",\"required\":[\"n\"]}},\"required\":[\"id\"]}";
        CompiledSchema<Raw> compiled = new CompiledSchema<>(MessageSchema.builder("Raw", Raw.class)
                .schemaJson(schema).build());
        assertFalse(write(compiled.validator().fastCheck(), null, new Raw("a", "{\"n\":1}")).conforms());
        assertNotNull(compiled.encode(new Raw("a", "{\"n\":1}"), true, false).value());
        SchemaValidationException e = assertThrows(SchemaValidationException.class,
                () -> compiled.encode(new Raw("a", "{\"m\":1}"), true, false));
        assertTrue(e.getMessage().contains("n"), e.getMessage());
    }

    @Test
    void invalidDataIsRefusedWithEveryViolation() {
        CompiledSchema<JsonNode> compiled = new CompiledSchema<>(MessageSchema.builder("E", JsonNode.class)
                .schemaJson(FastCheckTest.EVENT).build());
        JsonNode bad = json("{\"id\":\"\",\"kind\":\"deleted\",\"at\":\"yesterday\",\"extra\":1}");
        SchemaValidationException e = assertThrows(SchemaValidationException.class,
                () -> compiled.encode(bad, true, true));
        assertEquals(compiled.validator().validate(bad).size(), e.violations().size());
        assertTrue(e.violations().size() >= 4, e::getMessage);
    }

    @Test
    void theEnvelopeIsTheOneWrittenWithoutChecking() {
        CompiledSchema<JsonNode> compiled = new CompiledSchema<>(MessageSchema.builder("E", JsonNode.class)
                .schemaJson(FastCheckTest.EVENT).keyPointer("/id").build());
        for (String doc : FastCheckTest.CONFORMING) {
            byte[] plain = EnvelopeCodec.encode(compiled.envelopePrefix(), json(doc));
            CompiledSchema.Encoded checked = compiled.encode(json(doc), true, true);
            assertArrayEquals(plain, checked.value(), doc);
            assertArrayEquals(compiled.keyOf(json(doc)), checked.key(), doc);
        }
    }

    @Test
    void theKeyPickedUpIsTheKeyATreeGives() {
        List<String> pointers = List.of("/id", "/customer/id", "/customer/ids/0", "/n", "/big", "/flag", "/d",
                "/obj", "/missing", "/customer/missing/x", "/id/deeper", "/", "/a~1b", "/0");
        List<String> docs = List.of(
                "{\"id\":\"Zürich\",\"customer\":{\"id\":\"c-1\",\"ids\":[\"c-7\",\"c-8\"]},\"n\":42,"
                        + "\"big\":123456789012345678901234567890,\"flag\":true,\"d\":1.5,\"obj\":{\"a\":1},"
                        + "\"\":\"empty\",\"a/b\":\"slash\",\"0\":\"zero\"}",
                "{\"customer\":{\"id\":null},\"id\":null,\"n\":-7}",
                "{\"customer\":[{\"id\":\"in-array\"}],\"id\":{\"id\":\"nested\"}}",
                "{\"nested\":{\"id\":\"not-the-key\"},\"id\":\"the-key\"}",
                "{\"nested\":{\"customer\":{\"id\":\"deep\"}},\"customer\":{\"other\":{\"id\":\"x\"}}}",
                "[{\"id\":\"root array\"}]");
        int picked = 0;
        for (String pointer : pointers) {
            CompiledSchema<JsonNode> compiled = new CompiledSchema<>(MessageSchema.builder("K", JsonNode.class)
                    .schemaJson("{}").keyPointer(pointer).build());
            for (String doc : docs) {
                JsonNode data = json(doc);
                String where = pointer + " in " + doc;
                assertArrayEquals(compiled.keyOf(data), compiled.encode(data, false, true).key(), where);
                assertArrayEquals(compiled.keyOf(data), compiled.encode(data, true, true).key(), where);
                CheckingGenerator checker = write(null, pointer.substring(1).split("/", -1), data);
                if (checker.keyKnown() && pointer.indexOf('~') < 0) {
                    picked++;
                    assertArrayEquals(compiled.keyOf(data), checker.key(), where);
                }
            }
        }
        assertTrue(picked >= 40, "most keys are picked up while writing: " + picked);
        assertArrayEquals("the-key".getBytes(UTF_8), new CompiledSchema<>(MessageSchema.builder("K", JsonNode.class)
                .schemaJson("{}").keyPointer("/id").build()).encode(json(docs.get(3)), false, true).key());
    }

    /** Bounds and enum values the schema writes with more digits than a double holds are compared exactly. */
    @Test
    void decimalsOfTheSchemaAreNotRoundedToDoubles() {
        SchemaValidator precise = validator("{\"type\":\"object\",\"properties\":{"
                + "\"a\":{\"type\":\"integer\",\"minimum\":1.0000000000000000001},"
                + "\"b\":{\"type\":\"integer\",\"maximum\":0.99999999999999999999},"
                + "\"c\":{\"type\":\"number\",\"minimum\":1e-400},"
                + "\"d\":{\"enum\":[0.1000000000000000000001]},"
                + "\"e\":{\"const\":0.1000000000000000000001}}}");
        for (String doc : List.of("{\"a\":1}", "{\"b\":1}", "{\"c\":0}", "{\"d\":0.1}", "{\"e\":0.1}")) {
            JsonNode data = json(doc);
            assertFalse(precise.validateFully(data).isEmpty(), doc);
            assertFalse(precise.fastCheck().accepts(data), () -> "tree check accepted " + doc);
            assertFalse(write(precise.fastCheck(), null, data).conforms(), () -> "stream check accepted " + doc);
        }
    }

    record Meta(String k) {}

    /** Writes {@code meta} twice: as a property and again from its any-getter. */
    record Twice(String code, Meta meta) {
        @com.fasterxml.jackson.annotation.JsonAnyGetter
        Map<String, Object> extra() {
            return Map.of("meta", "x");
        }
    }

    @Test
    void aKeyWhoseNameIsWrittenTwiceIsTheOneTheTreeKeeps() {
        CompiledSchema<Twice> compiled = new CompiledSchema<>(MessageSchema.builder("T", Twice.class)
                .schemaJson("{\"properties\":{\"code\":{\"pattern\":\"^[A-Z]$\"}}}").keyPointer("/meta/k").build());
        Twice data = new Twice("A", new Meta("1"));
        for (boolean validate : new boolean[] {true, false}) {
            CompiledSchema.Encoded encoded = compiled.encode(data, validate, true);
            byte[] value = encoded.value();
            int prefix = compiled.envelopePrefix().length;
            JsonNode written = Json.mapper().readTree(value, prefix, value.length - prefix - 1);
            assertEquals(2, new String(value, UTF_8).split("\"meta\"", -1).length - 1, "written twice");
            assertArrayEquals(compiled.keyOf(written), encoded.key(), "validate " + validate);
        }
    }
}
