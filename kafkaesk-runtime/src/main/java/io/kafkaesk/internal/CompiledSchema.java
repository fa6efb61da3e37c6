package io.kafkaesk.internal;

import io.kafkaesk.MessageSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/**
 * A registered {@link MessageSchema} with everything the hot path needs prepared once: its key string, its key
 * pointer and the reader of its key off data objects, its envelope prefix, the writer of its data class, and (on
 * first use) its compiled JSON Schema validator.
 *
 * @param <T> the data class
 */
public final class CompiledSchema<T> {
    private final MessageSchema<T> schema;
    private final String key;
    private final @Nullable JsonPointer keyPointer;
    /** The key pointer's segments, for picking up the key while writing; null without pointer or for "". */
    private final String @Nullable [] keyPath;
    private final byte[] envelopePrefix;
    /** The same prefix as raw text for the generator, which keeps its bytes. */
    private final SerializedString rawPrefix;
    /** Writes objects of exactly the data class, its serializer looked up once. */
    private final ObjectWriter dataWriter;
    /** Reads the key off data objects of the data class; null when it is read from the bytes written. */
    private final @Nullable KeyReader keyReader;
    private final @Nullable Predicate<? super T> validator;
    private volatile @Nullable SchemaValidator fullValidator;

    /** Prepares a schema; the validator is compiled on first use. */
    public CompiledSchema(MessageSchema<T> schema) {
        this.schema = schema;
        this.key = schema.key();
        this.keyPointer = schema.keyPointer().map(JsonPointer::compile).orElse(null);
        this.keyPath = keyPointer == null ? null : segments(keyPointer);
        this.envelopePrefix = EnvelopeCodec.prefix(key);
        this.rawPrefix = new SerializedString(new String(envelopePrefix, StandardCharsets.UTF_8));
        this.dataWriter = EnvelopeCodec.dataWriter(schema.dataClass());
        this.keyReader = keyPath == null ? null : KeyReader.of(schema.dataClass(), keyPath);
        this.validator = schema.validator().orElse(null);
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

    /** The schema's JSON Schema validator, compiled on first call and kept. */
    public SchemaValidator validator() {
        SchemaValidator v = fullValidator;
        if (v == null) {
            synchronized (this) {
                v = fullValidator;
                if (v == null) {
                    v = SchemaValidator.compile(schema);
                    fullValidator = v;
                }
            }
        }
        return v;
    }

    /**
     * A record value and the record key its data selects.
     *
     * @param value the envelope's bytes
     * @param key the key the schema's key pointer selects, null when none was asked for or found
     */
    public record Encoded(byte[] value, byte @Nullable [] key) {}

    /**
     * Writes data's envelope, validating the data first, and its key: the data is serialized once, with no tree,
     * when it is valid, and the key is read off the data object's properties (from the bytes written where it
     * cannot be, see {@link KeyReader}). Published data is decided by the schema's generated
     * {@link MessageSchema#validator() validator}; data it refuses, and data of a schema without one, is read back
     * from the bytes written and validated by the JSON Schema validator, which lists the violations (so the
     * bytes checked are the bytes sent either way).
     *
     * @param data the data object
     * @param validate whether to validate the data against the schema
     * @param pickKey whether to pick up the key the schema's key pointer selects
     * @throws io.kafkaesk.SchemaValidationException when the data does not conform
     * @throws tools.jackson.core.JacksonException when the data cannot be written as JSON
     */
    public Encoded encode(T data, boolean validate, boolean pickKey) {
        boolean decided = !validate || (validator != null && validator.test(data));
        boolean exact = data != null && data.getClass() == schema.dataClass();
        byte[] value = EnvelopeCodec.encode(rawPrefix, exact ? dataWriter : EnvelopeCodec.dataWriter(null), data);
        if (!decided) {
            validator().validateOrThrow(Json.mapper().readTree(value, envelopePrefix.length,
                    value.length - envelopePrefix.length - 1));
        }
        byte[] key = null;
        if (pickKey && keyPointer != null) {
            key = exact && keyReader != null ? keyReader.read(data) : KeyReader.UNKNOWN;
            if (key == KeyReader.UNKNOWN) {
                key = keyPath != null ? EnvelopeCodec.pick(value, envelopePrefix.length, keyPath)
                        : keyOf(Json.mapper().readTree(value, envelopePrefix.length,
                                value.length - envelopePrefix.length - 1));
            }
        }
        return new Encoded(value, key);
    }

    private static String @Nullable [] segments(JsonPointer pointer) {
        List<String> names = new ArrayList<>();
        for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
            names.add(p.getMatchingProperty());
        }
        return names.isEmpty() ? null : names.toArray(new String[0]);
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
