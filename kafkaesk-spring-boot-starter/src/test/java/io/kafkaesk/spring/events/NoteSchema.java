package io.kafkaesk.spring.events;

import io.kafkaesk.MessageSchema;

/** The descriptor of {@link Note}, written the way the plugin generates one. */
public final class NoteSchema {
    /** Schema {@code Note:1} on stream {@code notes}. */
    public static final MessageSchema<Note> DESCRIPTOR = MessageSchema.builder("Note", Note.class)
            .version(1)
            .streams("notes")
            .partitions(2)
            .keyPointer("/id")
            .schemaJson("""
                    {
                      "$schema": "https://json-schema.org/draft/2020-12/schema",
                      "title": "Note",
                      "type": "object",
                      "properties": {"id": {"type": "string"}, "text": {"type": "string", "minLength": 1}},
                      "required": ["id", "text"]
                    }
                    """)
            .build();

    private NoteSchema() {}
}
