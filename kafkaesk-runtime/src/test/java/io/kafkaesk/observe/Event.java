package io.kafkaesk.observe;

import io.kafkaesk.MessageSchema;

/** Test data shaped like a generated data class. */
public record Event(String id) {
    /** The descriptor a generated {@code EventSchema} would hold. */
    public static final MessageSchema<Event> SCHEMA = MessageSchema.builder("ObservedEvent", Event.class)
            .schemaJson("""
                    {"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}""")
            .build();
}
