package io.kafkaesk.consume;

import io.kafkaesk.MessageSchema;

/**
 * Test data: version 2 of {@link Note}, which adds a required author, as a generated {@code NoteV2} would be. It
 * declares the same record key, so both versions of one note share a partition.
 */
public record NoteV2(String id, String text, String author) {
    /** The descriptor a generated {@code NoteV2Schema} would hold. */
    public static final MessageSchema<NoteV2> SCHEMA = MessageSchema.builder("Note", NoteV2.class)
            .version(2)
            .keyPointer("/id")
            .schemaJson("""
                    {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"Note","type":"object",
                     "properties":{"id":{"type":"string"},"text":{"type":"string","maxLength":100},
                                   "author":{"type":"string","maxLength":20}},
                     "required":["id","text","author"]}""")
            .build();
}
