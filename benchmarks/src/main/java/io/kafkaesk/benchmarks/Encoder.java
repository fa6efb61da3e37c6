package io.kafkaesk.benchmarks;

import io.kafkaesk.MessageSchema;
import io.kafkaesk.internal.CompiledSchema;

/**
 * kafkaesk's encoding of a record value, from the data object to the envelope's bytes, exactly as publishing does
 * it (with the key pointer's key picked up when the schema names one), but without Kafka. The one place the
 * harness reaches into the runtime's internal encode path.
 */
final class Encoder<T> {
    private final CompiledSchema<T> compiled;
    private final boolean pickKey;

    private Encoder(MessageSchema<T> schema) {
        this.compiled = new CompiledSchema<>(schema);
        this.pickKey = compiled.hasKeyPointer();
    }

    /** The encoder of a descriptor as given (the generated one carries its generated check). */
    static <T> Encoder<T> of(MessageSchema<T> schema) {
        return new Encoder<>(schema);
    }

    /**
     * The encoder of a descriptor with the same schema and nothing generated beside it, as a hand-written
     * descriptor would be: what the runtime does with the schema file alone.
     */
    static <T> Encoder<T> schemaOnly(MessageSchema<T> s) {
        MessageSchema.Builder<T> b = MessageSchema.builder(s.id(), s.dataClass()).version(s.version())
                .schemaJson(s.schemaJson());
        s.keyPointer().ifPresent(b::keyPointer);
        return new Encoder<>(b.build());
    }

    /**
     * The record value of {@code data}.
     *
     * @throws io.kafkaesk.SchemaValidationException when validating and the data does not conform
     */
    byte[] encode(T data, boolean validate) {
        return compiled.encode(data, validate, pickKey).value();
    }
}
