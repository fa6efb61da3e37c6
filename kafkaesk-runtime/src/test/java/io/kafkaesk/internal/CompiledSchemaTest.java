package io.kafkaesk.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.SchemaValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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

    @Test
    void encodingPicksTheKeyTheTreeWouldGive() {
        java.util.List<String> docs = List.of("{\"id\":\"Zürich\"}", "{\"id\":42}", "{\"id\":-1.5e3}",
                "{\"id\":true}", "{\"id\":{\"a\":[1,2]}}", "{\"id\":null}", "{\"other\":{\"id\":1},\"id\":\"x\"}",
                "{\"customer\":{\"ids\":[\"c-7\",\"c-8\"]}}", "{\"customer\":{\"ids\":[]}}",
                "{\"customer\":[{\"ids\":1}]}", "{\"a/b\":{\"~\":\"t\"}}", "[1]", "\"text\"", "{}");
        for (String pointer : List.of("/id", "/customer/ids/1", "/customer/ids/0", "/customer/0/ids",
                "/a~1b/~0", "/0", "")) {
            CompiledSchema<JsonNode> schema = keyedBy(pointer);
            for (String doc : docs) {
                JsonNode data = json(doc);
                byte[] expected = schema.keyOf(data);
                byte[] actual = schema.encode(data, false, true).key();
                assertArrayEquals(expected, actual, () -> pointer + " in " + doc);
            }
        }
    }

    /** A data class whose properties cover what the key is read off directly, and what it is not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Order {
        public enum Kind { @JsonProperty("a-b") AB }

        private final Object id;
        private final @Nullable Order parent;
        private final String label;
        private final Kind kind = Kind.AB;

        Order(Object id, @Nullable Order parent, String label) {
            this.id = id;
            this.parent = parent;
            this.label = label;
        }

        @JsonProperty("id")
        public @Nullable Object getId() {
            return id;
        }

        @JsonProperty("parent")
        public @Nullable Order getParent() {
            return parent;
        }

        @JsonProperty("label")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        public String getLabel() {
            return label;
        }

        @JsonProperty("kind")
        public Kind getKind() {
            return kind;
        }
    }

    /** A subclass: the key is then read from the bytes, which hold what the subclass writes. */
    public static class SpecialOrder extends Order {
        SpecialOrder(Object id) {
            super(id, null, "");
        }

        @Override
        @JsonProperty("id")
        public Object getId() {
            return "special-" + super.getId();
        }
    }

    @Test
    void keysReadOffTheObjectAreTheKeysTheBytesHold() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        List<Order> orders = new ArrayList<>();
        for (Object id : new Object[] {"Zürich", "", 42, 7L, uuid, 1.5, true, List.of("x"), Map.of("a", 1)}) {
            orders.add(new Order(id, null, ""));
            orders.add(new Order("child", new Order(id, null, "p"), "c"));
        }
        orders.add(new Order(null, null, "")); // getters may return null for a required property before validation
        orders.add(new SpecialOrder("s"));
        for (String pointer : List.of("/id", "/parent/id", "/label", "/kind", "/parent/label", "/parent", "/x")) {
            CompiledSchema<Order> schema = new CompiledSchema<>(MessageSchema.builder("O", Order.class)
                    .schemaJson("{}").keyPointer(pointer).build());
            for (Order order : orders) {
                CompiledSchema.Encoded encoded = schema.encode(order, false, true);
                JsonNode written = Json.mapper().readTree(encoded.value()).get("data");
                assertArrayEquals(schema.keyOf(written), encoded.key(), () -> pointer + " in " + written);
            }
        }
    }

    @Test
    void dataTheGeneratedValidatorAcceptsIsWrittenWithoutAnotherValidation() {
        // The schema refuses {"x":1}; a validator that accepts it is not second-guessed: it decides.
        CompiledSchema<JsonNode> schema = new CompiledSchema<>(MessageSchema.builder("K", JsonNode.class)
                .schemaJson("{\"type\":\"object\",\"required\":[\"id\"]}")
                .validator(d -> true).build());
        assertArrayEquals("{\"schema\":\"K:1\",\"data\":{\"x\":1}}".getBytes(UTF_8),
                schema.encode(json("{\"x\":1}"), true, false).value());
    }

    @Test
    void dataTheGeneratedValidatorRefusesIsListedByTheSchemaValidator() {
        CompiledSchema<JsonNode> schema = new CompiledSchema<>(MessageSchema.builder("K", JsonNode.class)
                .schemaJson("{\"type\":\"object\",\"required\":[\"id\"]}")
                .validator(d -> d.has("id")).build());
        assertArrayEquals("{\"schema\":\"K:1\",\"data\":{\"id\":1}}".getBytes(UTF_8),
                schema.encode(json("{\"id\":1}"), true, false).value());
        SchemaValidationException e = assertThrows(
                SchemaValidationException.class, () -> schema.encode(json("{\"x\":1}"), true, false));
        assertEquals("required", e.violations().get(0).keyword());
    }
}
