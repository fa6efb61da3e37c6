package io.kafkaesk;

import java.time.Duration;

/** Data classes and schema descriptors shared by the runtime's tests. */
final class TestSchemas {
    private TestSchemas() {}

    /** Fields in alphabetical order, so Jackson's property order and declaration order agree. */
    record Content(String foo, String id) {}

    record Order(String id, int qty) {}

    static final String CONTENT_JSON = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Content",
              "type": "object",
              "properties": {
                "id": { "type": "string", "minLength": 1 },
                "foo": { "type": "string" }
              },
              "required": ["id", "foo"]
            }
            """;

    static final String ORDER_JSON = """
            {
              "type": "object",
              "properties": {
                "id": { "type": "string" },
                "qty": { "type": "integer", "minimum": 1 }
              },
              "required": ["id", "qty"]
            }
            """;

    static MessageSchema<Content> content() {
        return MessageSchema.builder("Content", Content.class).schemaJson(CONTENT_JSON).keyPointer("/id").build();
    }

    static MessageSchema<Content> content(String... streams) {
        return MessageSchema.builder("Content", Content.class).schemaJson(CONTENT_JSON).keyPointer("/id")
                .streams(streams).build();
    }

    static MessageSchema<Order> order() {
        return MessageSchema.builder("Order", Order.class).schemaJson(ORDER_JSON).build();
    }

    static MessageSchema<Order> order(int partitions, Duration retention, String... streams) {
        return MessageSchema.builder("Order", Order.class).schemaJson(ORDER_JSON).partitions(partitions)
                .retention(retention).streams(streams).build();
    }
}
