package io.kafkaesk.consume;

import io.kafkaesk.MessageSchema;

/** Test data: a note with an id and a text, as a generated data class would be. */
public record Note(String id, String text) {
    /** The descriptor a generated {@code NoteSchema} would hold. */
    public static final MessageSchema<Note> SCHEMA = MessageSchema.builder("Note", Note.class)
            .version(1)
            .keyPointer("/id")
            .schemaJson("""
                    {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"Note","type":"object",
                     "properties":{"id":{"type":"string"},"text":{"type":"string","maxLength":100}},
                     "required":["id","text"]}""")
            .build();
}
