package io.kafkaesk.security;

import io.kafkaesk.MessageSchema;

/** The data the security tests publish. */
record Event(String id, String text) {
    static final MessageSchema<Event> SCHEMA = MessageSchema.builder("SecurityEvent", Event.class)
            .schemaJson("""
                    {
                      "type": "object",
                      "properties": { "id": { "type": "string" }, "text": { "type": "string" } },
                      "required": ["id", "text"]
                    }
                    """)
            .keyPointer("/id")
            .partitions(1)
            .build();
}
