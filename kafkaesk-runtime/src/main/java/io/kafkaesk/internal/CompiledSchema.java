package io.kafkaesk.internal;

import io.kafkaesk.MessageSchema;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A registered {@link MessageSchema} with everything the hot path needs prepared once: its key string, its key
 * pointer, its envelope prefix, and (on first use) its compiled validator.
 *
 * @param <T> the data class
 */
public final class CompiledSchema<T> {
    private final MessageSchema<T> schema;
    private final String key;
    private final @Nullable JsonPointer keyPointer;
    private final byte[] envelopePrefix;
    private volatile @Nullable SchemaValidator validator;

    /** Prepares a schema; the validator is compiled on first use. */
    public CompiledSchema(MessageSchema<T> schema) {
        this.schema = schema;
        this.key = schema.key();
        this.keyPointer = schema.keyPointer().map(JsonPointer::compile).orElse(null);
        this.envelopePrefix = EnvelopeCodec.prefix(key);
    }

    /** The descriptor. */
    public MessageSchema<T> schema() {
        return schema;
    }

    /** {@code Id:version}, computed once. */
    public String key() {
        return key;
    }

    /**
     * The envelope's bytes before the data, {@code {"schema":"Id:v","data":}}, computed once; shared, so callers
     * must not change it. See {@link EnvelopeCodec#encode(byte[], Object)}.
     */
    public byte[] envelopePrefix() {
        return envelopePrefix;
    }

    /** Whether the schema names a key pointer. */
    public boolean hasKeyPointer() {
        return keyPointer != null;
    }

    /** The schema's validator, compiled on first call and kept. */
    public SchemaValidator validator() {
        SchemaValidator v = validator;
        if (v == null) {
            synchronized (this) {
                v = validator;
                if (v == null) {
                    v = SchemaValidator.compile(schema);
                    validator = v;
                }
            }
        }
        return v;
    }

    /**
     * The record key the schema's key pointer selects in {@code data}: a string as its UTF-8 bytes, any other
     * value as its JSON text; null when the schema has no pointer or the value is missing or null.
     */
    public byte @Nullable [] keyOf(JsonNode data) {
        if (keyPointer == null) {
            return null;
        }
        JsonNode value = data.at(keyPointer);
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.isString() ? value.asString() : value.toString();
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
