package io.kafkaesk.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.MessageSchema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The quick check never accepts what the full validator refuses (each case is run through both), and it does
 * accept the ordinary conforming data it exists for.
 */
class FastCheckTest {
    static final String EVENT = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Event",
              "x-kafkaesk": { "id": "Event", "streams": ["events"] },
              "javaType": "com.acme.Event",
              "type": "object",
              "properties": {
                "id": { "type": "string", "minLength": 1, "maxLength": 8 },
                "kind": { "type": "string", "enum": ["created", "edited"] },
                "qty": { "type": "integer", "minimum": 1, "maximum": 9007199254740993 },
                "price": { "type": "number", "exclusiveMinimum": 0.5, "exclusiveMaximum": 100 },
                "ok": { "type": ["boolean", "null"] },
                "at": { "type": "string", "format": "date-time" },
                "day": { "type": "string", "format": "date" },
                "ref": { "type": "string", "format": "uuid" },
                "mail": { "type": "string", "format": "email" },
                "code": { "type": "string", "pattern": "^[A-Z]+$" },
                "version": { "const": 2 },
                "tags": { "type": "array", "items": { "type": "string" }, "minItems": 1, "maxItems": 2 },
                "lines": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": { "sku": { "type": "string" }, "n": { "type": "integer" } },
                    "required": ["sku"],
                    "additionalProperties": false
                  }
                }
              },
              "required": ["id", "kind"],
              "additionalProperties": false
            }
            """;

    private static final String DRAFT_07 = """
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "type": "object",
              "properties": { "n": { "type": "integer", "exclusiveMinimum": 0 }, "s": { "type": "string" } },
              "required": ["n"]
            }
            """;

    static final String WITH_REF = """
            {
              "type": "object",
              "$defs": { "name": { "type": "string", "minLength": 2 } },
              "properties": { "name": { "$ref": "#/$defs/name" }, "n": { "type": "integer" } }
            }
            """;

    static final List<String> CONFORMING = List.of(
            "{\"id\":\"a\",\"kind\":\"created\"}",
            "{\"id\":\"abcdefgh\",\"kind\":\"edited\",\"qty\":1,\"price\":0.51,\"ok\":null,"
                    + "\"at\":\"2026-11-27T13:24:03.123Z\",\"day\":\"2024-02-29\","
                    + "\"ref\":\"123e4567-e89b-12d3-a456-426614174000\",\"version\":2,\"tags\":[\"x\",\"y\"],"
                    + "\"lines\":[{\"sku\":\"A\",\"n\":3},{\"sku\":\"B\"}]}",
            "{\"id\":\"a\",\"kind\":\"created\",\"qty\":9007199254740993,\"price\":99.99,\"ok\":true}",
            "{\"id\":\"a\",\"kind\":\"created\",\"at\":\"2026-11-27T13:24:03+01:00\"}",
            "{\"id\":\"a\",\"kind\":\"created\",\"at\":\"2026-11-27T13:24:03.123456789-05:30\"}");

    static final List<String> EDGES = List.of(
            // required, enum, lengths (code points), types
            "{\"kind\":\"created\"}", "{\"id\":\"a\"}", "{\"id\":\"\",\"kind\":\"created\"}",
            "{\"id\":\"abcdefghi\",\"kind\":\"created\"}", "{\"id\":\"a\",\"kind\":\"deleted\"}",
            "{\"id\":\"\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\",\"kind\":\"created\"}",
            "{\"id\":\"\uD83D\uDE00\",\"kind\":\"created\"}", "{\"id\":1,\"kind\":\"created\"}",
            "{\"id\":null,\"kind\":\"created\"}", "[]", "\"text\"", "null", "1",
            // numbers: bounds, exclusivity, 1.0 as an integer, big values
            "{\"id\":\"a\",\"kind\":\"created\",\"qty\":0}", "{\"id\":\"a\",\"kind\":\"created\",\"qty\":1.0}",
            "{\"id\":\"a\",\"kind\":\"created\",\"qty\":2.5}",
            "{\"id\":\"a\",\"kind\":\"created\",\"qty\":9007199254740994}",
            "{\"id\":\"a\",\"kind\":\"created\",\"qty\":123456789012345678901234567890}",
            "{\"id\":\"a\",\"kind\":\"created\",\"price\":0.5}", "{\"id\":\"a\",\"kind\":\"created\",\"price\":100}",
            "{\"id\":\"a\",\"kind\":\"created\",\"price\":1e2}", "{\"id\":\"a\",\"kind\":\"created\",\"price\":\"1\"}",
            "{\"id\":\"a\",\"kind\":\"created\",\"ok\":\"true\"}",
            // const, arrays, nested additional properties, unknown properties
            "{\"id\":\"a\",\"kind\":\"created\",\"version\":2.0}", "{\"id\":\"a\",\"kind\":\"created\",\"version\":3}",
            "{\"id\":\"a\",\"kind\":\"created\",\"tags\":[]}",
            "{\"id\":\"a\",\"kind\":\"created\",\"tags\":[\"a\",\"b\",\"c\"]}",
            "{\"id\":\"a\",\"kind\":\"created\",\"tags\":[1]}",
            "{\"id\":\"a\",\"kind\":\"created\",\"lines\":[{\"n\":1}]}",
            "{\"id\":\"a\",\"kind\":\"created\",\"lines\":[{\"sku\":\"A\",\"x\":1}]}",
            "{\"id\":\"a\",\"kind\":\"created\",\"extra\":1}",
            // keywords the quick check leaves to the full validator
            "{\"id\":\"a\",\"kind\":\"created\",\"mail\":\"a@example.com\"}",
            "{\"id\":\"a\",\"kind\":\"created\",\"mail\":\"nope\"}",
            "{\"id\":\"a\",\"kind\":\"created\",\"code\":\"ABC\"}", "{\"id\":\"a\",\"kind\":\"created\",\"code\":\"a\"}",
            // formats
            "{\"id\":\"a\",\"kind\":\"created\",\"day\":\"2023-02-29\"}",
            "{\"id\":\"a\",\"kind\":\"created\",\"day\":\"2026-13-01\"}",
            "{\"id\":\"a\",\"kind\":\"created\",\"day\":\"2026-1-01\"}",
            "{\"id\":\"a\",\"kind\":\"created\",\"ref\":\"123e4567-e89b-12d3-a456-42661417400\"}",
            "{\"id\":\"a\",\"kind\":\"created\",\"ref\":\"123e4567-e89b-12d3-a456-42661417400g\"}",
            "{\"id\":\"a\",\"kind\":\"created\",\"ref\":\"123E4567-E89B-12D3-A456-426614174000\"}");

    static final List<String> DATE_TIMES = List.of(
            "2026-11-27T13:24:03Z", "2026-11-27T13:24:03.1Z", "2026-11-27T13:24:03.123456789Z",
            "2026-11-27T13:24:03.1234567890Z", "2026-11-27T13:24:03+14:00", "2026-11-27T13:24:03+14:01",
            "2026-11-27T13:24:03-12:00", "2026-11-27T13:24:03+00:00", "2026-11-27T13:24:03-00:00",
            "2026-11-27T13:24:03+18:00", "2026-11-27T13:24:03+0100", "2026-11-27T13:24:03+1:00",
            "2026-11-27t13:24:03z", "2026-11-27 13:24:03Z", "2026-11-27T13:24:03", "2026-11-27T13:24Z",
            "2026-11-27T24:00:00Z", "2026-11-27T23:60:00Z", "2026-12-31T23:59:60Z", "2026-11-27T13:24:03.Z",
            "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
            "0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+14:00",
            "2026-04-31T00:00:00Z", "2026-11-27T13:24:03Zjunk", "2026-11-27T13:24:03.123+01:00junk",
            "2026-11-27T13:24:03,123Z", "+2026-11-27T13:24:03Z", "2026-11-27T13:24:03.123-23:59");

    private static SchemaValidator validator(String json) {
        return SchemaValidator.compile(MessageSchema.builder("T", Object.class).schemaJson(json).build());
    }

    private static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    /** The rule every case must keep: accepted by the quick check implies no violations for the full validator. */
    private static void assertNeverMoreLenient(SchemaValidator validator, JsonNode data) {
        FastCheck fast = validator.fastCheck();
        assertNotNull(fast);
        if (fast.accepts(data)) {
            assertTrue(validator.validateFully(data).isEmpty(),
                    () -> "quick check accepted what the full validator refuses: " + data + " -> "
                            + validator.validateFully(data));
        }
    }

    @Test
    void acceptsOrdinaryConformingData() {
        SchemaValidator event = validator(EVENT);
        for (String doc : CONFORMING) {
            assertTrue(validator(EVENT).validateFully(json(doc)).isEmpty(), doc);
            assertTrue(event.fastCheck().accepts(json(doc)), doc);
        }
        assertTrue(validator(DRAFT_07).fastCheck().accepts(json("{\"n\":1,\"s\":\"x\"}")));
    }

    @Test
    void neverAcceptsWhatTheFullValidatorRefuses() {
        SchemaValidator event = validator(EVENT);
        List<String> docs = new ArrayList<>(CONFORMING);
        docs.addAll(EDGES);
        for (String doc : docs) {
            assertNeverMoreLenient(event, json(doc));
        }
        SchemaValidator precise = validator("{\"type\":\"object\",\"properties\":{"
                + "\"a\":{\"type\":\"integer\",\"exclusiveMaximum\":9007199254740996},"
                + "\"b\":{\"type\":\"integer\",\"minimum\":9007199254740993},"
                + "\"c\":{\"type\":\"number\",\"exclusiveMinimum\":0.1,\"maximum\":0.30000000000000004}}}");
        for (String doc : List.of("{\"a\":9007199254740995}", "{\"a\":9007199254740993}",
                "{\"b\":9007199254740992}", "{\"b\":9007199254740994}", "{\"c\":0.1}",
                "{\"c\":0.1000000000000000001}", "{\"c\":0.3}", "{\"c\":0.30000000000000004}", "{\"c\":0.2}",
                "{\"a\":1,\"b\":9007199254740999,\"c\":0.2}")) {
            assertNeverMoreLenient(precise, json(doc));
        }
        assertTrue(precise.fastCheck().accepts(json("{\"a\":1,\"c\":0.2}")));
        SchemaValidator draft07 = validator(DRAFT_07);
        for (String doc : List.of("{\"n\":1}", "{\"n\":0}", "{\"n\":-1}", "{\"s\":\"x\"}", "{\"n\":1.5}")) {
            assertNeverMoreLenient(draft07, json(doc));
        }
    }

    @Test
    void dateTimesItAcceptsAreValidForTheFullValidator() {
        SchemaValidator dateTime = validator("{\"type\":\"string\",\"format\":\"date-time\"}");
        int accepted = 0;
        for (String text : DATE_TIMES) {
            JsonNode node = Json.mapper().getNodeFactory().stringNode(text);
            assertNeverMoreLenient(dateTime, node);
            accepted += dateTime.fastCheck().accepts(node) ? 1 : 0;
        }
        assertTrue(accepted >= 10, "the usual timestamps take the quick path: " + accepted);
    }

    @Test
    void everyViolationIsStillListedWhenTheQuickCheckDeclines() {
        SchemaValidator event = validator(EVENT);
        JsonNode bad = json("{\"id\":\"\",\"kind\":\"deleted\",\"at\":\"yesterday\",\"extra\":1}");
        assertFalse(event.fastCheck().accepts(bad));
        assertTrue(event.validate(bad).size() >= 4, () -> event.validate(bad).toString());
    }

    @Test
    void leavesReferencesToTheFullValidator() {
        SchemaValidator refs = validator(WITH_REF);
        assertFalse(refs.fastCheck().accepts(json("{\"name\":\"x\"}")));
        assertTrue(refs.fastCheck().accepts(json("{\"n\":1}")), "a reference that is not reached costs nothing");
        assertFalse(refs.validate(json("{\"name\":\"x\"}")).isEmpty());
        assertTrue(refs.validate(json("{\"name\":\"xy\"}")).isEmpty());
    }

    @Test
    void otherDialectsAreLeftToTheFullValidator() {
        assertNull(FastCheck.compile(json("{\"$schema\":\"http://json-schema.org/draft-04/schema#\"}")));
        assertNull(FastCheck.compile(json("true")));
    }
}
