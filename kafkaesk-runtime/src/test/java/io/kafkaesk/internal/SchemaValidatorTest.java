package io.kafkaesk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.KafkaeskException;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.SchemaValidationException;
import io.kafkaesk.SchemaValidationException.Violation;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SchemaValidatorTest {
    private static final String ORDER = """
            {
              "type": "object",
              "properties": {
                "id": { "type": "string" },
                "placed": { "type": "string", "format": "date-time" },
                "lines": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": { "sku": { "type": "string" }, "qty": { "type": "integer", "minimum": 1 } },
                    "required": ["sku", "qty"]
                  }
                }
              },
              "required": ["id", "lines"]
            }
            """;

    private static SchemaValidator validator(String json) {
        return SchemaValidator.compile(MessageSchema.builder("Order", Object.class).schemaJson(json).build());
    }

    private static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    @Test
    void acceptsConformingData() {
        assertEquals(List.of(), validator(ORDER).validate(json(
                "{\"id\":\"o1\",\"placed\":\"2026-11-27T10:15:30+01:00\",\"lines\":[{\"sku\":\"A\",\"qty\":2}]}")));
    }

    @Test
    void listsEveryViolationWithItsPathAndKeyword() {
        List<Violation> violations = validator(ORDER).validate(json(
                "{\"placed\":\"yesterday\",\"lines\":[{\"sku\":\"A\",\"qty\":0},{\"qty\":1}]}"));
        Set<String> found = violations.stream().map(v -> v.path() + " " + v.keyword()).collect(Collectors.toSet());
        assertEquals(Set.of("$ required", "$.placed format", "$.lines[0].qty minimum", "$.lines[1] required"), found,
                violations.toString());
        assertTrue(violations.stream().allMatch(v -> !v.message().isBlank()));
    }

    @Test
    void exceptionMessageNamesTheSchemaAndEveryPath() {
        SchemaValidationException e = assertThrows(SchemaValidationException.class,
                () -> validator(ORDER).validateOrThrow(json("{\"id\":5,\"lines\":[{\"sku\":\"A\",\"qty\":0}]}")));
        assertEquals("Order:1", e.schemaKey());
        assertEquals(2, e.violations().size());
        assertTrue(e.getMessage().startsWith("Data for schema Order:1 does not match its JSON schema (2 violations)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("$.id: type: "), e.getMessage());
        assertTrue(e.getMessage().contains("$.lines[0].qty: minimum: "), e.getMessage());
    }

    @Test
    void assertsFormatsUnderDraft2020() {
        String schema = """
                {"$schema":"https://json-schema.org/draft/2020-12/schema",
                 "type":"object","properties":{"mail":{"type":"string","format":"email"}}}
                """;
        assertEquals("format", validator(schema).validate(json("{\"mail\":\"not an address\"}")).get(0).keyword());
        assertEquals(List.of(), validator(schema).validate(json("{\"mail\":\"a@example.com\"}")));
    }

    @Test
    void usesDraft07WhenTheDocumentSaysSoAndDraft2020Otherwise() {
        // "prefixItems" exists only in 2020-12: draft-07 ignores it as an unknown keyword.
        String body = "\"type\":\"array\",\"prefixItems\":[{\"type\":\"string\"}]}";
        String draft07 = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\"," + body;
        String undeclared = "{" + body;
        JsonNode numberFirst = json("[1]");
        assertEquals(List.of(), validator(draft07).validate(numberFirst));
        List<Violation> violations = validator(undeclared).validate(numberFirst);
        assertEquals("$[0] type", violations.get(0).path() + " " + violations.get(0).keyword());
    }

    @Test
    void refusesASchemaThatIsNotJson() {
        KafkaeskException e = assertThrows(KafkaeskException.class, () -> validator("{\"type\": "));
        assertTrue(e.getMessage().contains("Order:1"), e.getMessage());
    }

    @Test
    void kafkaeskAndGeneratorKeywordsAreReadAsAnnotationsWithoutWarnings() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        // slf4j-simple looks System.err up on every line, so the logs of this block land in `captured`.
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        List<Violation> draft07;
        List<Violation> draft2020;
        try {
            draft07 = validator("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"x-kafkaesk\":{\"id\":\"A\"},"
                    + "\"javaType\":\"com.acme.A\",\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\","
                    + "\"exclusiveMinimum\":0,\"x-note\":1}}}").validate(Json.mapper().readTree("{\"n\":0}"));
            draft2020 = validator("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"x-kafkaesk\":{},"
                    + "\"type\":\"object\",\"properties\":{\"at\":{\"type\":\"string\",\"format\":\"date-time\"}}}")
                    .validate(Json.mapper().readTree("{\"at\":\"yesterday\"}"));
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(logs.isEmpty(), logs);
        assertEquals(Set.of("exclusiveMinimum"), draft07.stream().map(Violation::keyword).collect(Collectors.toSet()),
                "draft-07 keywords still validate");
        assertEquals(Set.of("format"), draft2020.stream().map(Violation::keyword).collect(Collectors.toSet()),
                "formats are still asserted");
    }
}
