package io.kafkaesk.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kafkaesk.MessageSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CompiledSchemaTest {
    private static CompiledSchema<JsonNode> keyedBy(String pointer) {
        return new CompiledSchema<>(MessageSchema.builder("K", JsonNode.class).schemaJson("{}").keyPointer(pointer)
                .build());
    }

    private static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    @Test
    void aStringKeyIsItsUtf8Bytes() {
        assertArrayEquals("Zürich".getBytes(UTF_8), keyedBy("/id").keyOf(json("{\"id\":\"Zürich\"}")));
    }

    @Test
    void otherValuesAreTheirJsonText() {
        assertArrayEquals("42".getBytes(UTF_8), keyedBy("/id").keyOf(json("{\"id\":42}")));
        assertArrayEquals("{\"a\":1}".getBytes(UTF_8), keyedBy("/id").keyOf(json("{\"id\":{\"a\":1}}")));
    }

    @Test
    void nestedPointersReachInsideTheData() {
        assertArrayEquals("c-7".getBytes(UTF_8),
                keyedBy("/customer/ids/0").keyOf(json("{\"customer\":{\"ids\":[\"c-7\",\"c-8\"]}}")));
    }

    @Test
    void aMissingOrNullValueGivesNoKey() {
        assertNull(keyedBy("/id").keyOf(json("{\"other\":1}")));
        assertNull(keyedBy("/id").keyOf(json("{\"id\":null}")));
    }

    @Test
    void aSchemaWithoutPointerGivesNoKey() {
        CompiledSchema<JsonNode> schema = new CompiledSchema<>(MessageSchema.builder("K", JsonNode.class)
                .schemaJson("{}").build());
        assertFalse(schema.hasKeyPointer());
        assertNull(schema.keyOf(json("{\"id\":\"x\"}")));
    }

    @Test
    void theValidatorIsCompiledOnceAndKept() {
        CompiledSchema<JsonNode> schema = keyedBy("/id");
        assertSame(schema.validator(), schema.validator());
    }
}
