package io.kafkaesk.internal;

import io.kafkaesk.internal.EnvelopeException.Reason;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the kafkaesk envelope, the record value every kafkaesk producer writes in any language:
 *
 * <pre>{@code {"schema":"Content:1","data":{"id":"a1","foo":"bar"}}}</pre>
 *
 * <p>Writing is canonical: compact UTF-8 JSON, {@code schema} first, non-ASCII characters as raw UTF-8, only
 * the escapes JSON requires ({@code /} is not escaped): the framing Python kafkaesk writes too. The values inside
 * {@code data} are not byte for byte Python's: floats ({@code 1.0E20} where Python writes {@code 1e20}), UTC
 * date-times ({@code Z} where Python writes {@code +00:00} with six fraction digits), absent fields (left out where
 * Python keeps {@code null}) and escaped control characters (<code>&#92;u001F</code> where Python writes
 * <code>&#92;u001f</code>) differ in representation only. Each language reads the other's bytes, which is the contract
 * ({@code schemas/README.md}). Reading is tolerant: any key order, any whitespace, unknown top-level keys ignored.
 * The test vectors in {@code schemas/test-vectors/envelopes.json} pin both directions, and
 * {@code python-kafkaesk-0.8.5.json} beside them holds what Python really wrote.
 *
 * <p>Thread-safe: each thread writes with a generator of its own.
 */
public final class EnvelopeCodec {
    private static final int INITIAL_BUFFER = 64;
    private static final byte[] NULL_DATA_END = "null}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];
    /**
     * Writes data of any class: flushing is left to the end of the envelope, so it reaches its output in one piece,
     * and one generator writes envelope after envelope with nothing between them.
     */
    private static final ObjectWriter ANY_DATA = Json.mapper().writer()
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .withRootValueSeparator("");
    /** Per thread, the generator {@link #encode(SerializableString, ObjectWriter, Object)} keeps open. */
    private static final ThreadLocal<@Nullable ThreadGenerator> THREAD_GENERATOR = new ThreadLocal<>();

    private EnvelopeCodec() {}

    /**
     * Encodes an envelope around data that is already JSON.
     *
     * @param schemaKey the key written as {@code schema}, {@code Id:version}
     * @param data the data node, written as is (callers validate this very node first)
     */
    public static byte[] encode(String schemaKey, JsonNode data) {
        return encode(prefix(schemaKey), data);
    }

    /**
     * Encodes an envelope around a data object, serializing it straight into the output (no tree).
     *
     * <p>Produces the same bytes as {@code encode(schemaKey, Json.mapper().valueToTree(data))}; used when the
     * data need not be validated or inspected first.
     */
    public static byte[] encodeObject(String schemaKey, @Nullable Object data) {
        return encode(prefix(schemaKey), data);
    }

    /**
     * The envelope's bytes before its data, {@code {"schema":"Content:1","data":}}, for {@link #encode(byte[],
     * Object)}. Computed once per schema (see {@link CompiledSchema#envelopePrefix()}).
     */
    public static byte[] prefix(String schemaKey) {
        JsonMapper mapper = Json.mapper();
        ByteArrayBuilder out = new ByteArrayBuilder(INITIAL_BUFFER);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("schema", schemaKey);
            g.writeName("data");
            g.writeNull();
            g.writeEndObject();
        }
        byte[] whole = out.toByteArray();
        return Arrays.copyOf(whole, whole.length - NULL_DATA_END.length); // drop "null}"
    }

    /**
     * Encodes an envelope from its {@link #prefix(String) prefix} and the data, a node or an object. The bytes are
     * those of {@link #encode(String, JsonNode)}.
     *
     * @param prefix the schema's envelope prefix, as {@link #prefix(String)} returns it
     * @param data a {@link JsonNode} (callers validate this very node first) or a data object
     */
    public static byte[] encode(byte[] prefix, @Nullable Object data) {
        return encode(new SerializedString(new String(prefix, StandardCharsets.UTF_8)), ANY_DATA, data);
    }

    /**
     * A writer of data objects for {@link #encode(SerializableString, ObjectWriter, Object)}: kafkaesk's mapper,
     * bound to {@code dataClass} when one is given (the serializer is then looked up once, not per message).
     * Writing through it gives the bytes kafkaesk's mapper writes for an object of exactly that class.
     */
    public static ObjectWriter dataWriter(@Nullable Class<?> dataClass) {
        return dataClass == null || dataClass == Object.class ? ANY_DATA : ANY_DATA.forType(dataClass);
    }

    /**
     * Encodes an envelope in one pass: a generator kept open by the calling thread writes the prefix, the data and
     * the closing brace into its buffer, and the record value is a copy of that buffer, the only copy made
     * (messages longer than the buffer are gathered from its flushes). Creating a generator per message cost as
     * much as writing a small message. The bytes are those of {@link #encode(String, JsonNode)}.
     *
     * @param prefix the schema's envelope prefix, as {@link #prefix(String)} returns it, as raw text
     * @param writer {@link #dataWriter(Class) the writer} of the data's class (or of any class)
     * @param data a {@link JsonNode} (callers validate this very node first) or a data object
     */
    public static byte[] encode(SerializableString prefix, ObjectWriter writer, @Nullable Object data) {
        ThreadGenerator kept = THREAD_GENERATOR.get();
        if (kept == null || kept.busy) {
            // The first envelope of this thread, or one written while writing another (a getter that publishes).
            ThreadGenerator fresh = new ThreadGenerator();
            if (kept == null) {
                THREAD_GENERATOR.set(fresh);
            }
            kept = fresh;
        }
        kept.busy = true;
        boolean written = false;
        try {
            JsonGenerator g = kept.generator;
            g.writeRaw(prefix);
            writer.writeValue(g, data);
            g.writeRaw('}');
            g.flush();
            byte[] value = kept.out.take();
            written = true;
            return value;
        } finally {
            kept.busy = false;
            if (!written && THREAD_GENERATOR.get() == kept) {
                // A failure leaves the generator mid-value: the thread's next envelope gets a new one.
                THREAD_GENERATOR.remove();
            }
        }
    }

    /**
     * A generator writing envelope after envelope (root values with no separator) to an output that hands each one
     * over as the record value.
     */
    private static final class ThreadGenerator {
        final ValueOutput out = new ValueOutput();
        final JsonGenerator generator = ANY_DATA.createGenerator(out);
        boolean busy;
    }

    /**
     * Where the generator's buffer goes when it is flushed: kept as the record value when it comes in one piece
     * (a value shorter than the generator's buffer, the usual case), gathered when it comes in several.
     */
    private static final class ValueOutput extends OutputStream {
        private byte[] bytes = EMPTY;
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (size == 0 && bytes.length == 0) {
                bytes = Arrays.copyOfRange(b, off, off + len);
                size = len;
                return;
            }
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, Math.max(64, bytes.length * 2)));
            }
        }

        /** The bytes written since the last call, and an empty output for the next value. */
        byte[] take() {
            byte[] value = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
            bytes = EMPTY;
            size = 0;
            return value;
        }
    }

    /**
     * The record key a key pointer selects in the data of an encoded envelope, read from its bytes without a
     * tree: a string as its UTF-8 bytes, any other value as its JSON text; null when the value is missing or
     * null.
     *
     * @param value the envelope's bytes
     * @param dataStart where the data starts (the length of the envelope's prefix)
     * @param path the key pointer's segments, from the data down
     */
    static byte @Nullable [] pick(byte[] value, int dataStart, String[] path) {
        JsonMapper mapper = Json.mapper();
        try (JsonParser p = mapper.createParser(value, dataStart, value.length - dataStart - 1)) {
            JsonToken t = p.nextToken();
            for (String segment : path) {
                if (t == JsonToken.START_OBJECT) {
                    t = null;
                    for (JsonToken n = p.nextToken(); n == JsonToken.PROPERTY_NAME; n = p.nextToken()) {
                        JsonToken v = p.nextToken();
                        if (segment.equals(p.currentName())) {
                            t = v;
                            break;
                        }
                        p.skipChildren();
                    }
                } else if (t == JsonToken.START_ARRAY && isIndex(segment)) {
                    int index = Integer.parseInt(segment);
                    t = p.nextToken();
                    for (int i = 0; i < index && t != null && t != JsonToken.END_ARRAY; i++) {
                        p.skipChildren();
                        t = p.nextToken();
                    }
                    if (t == JsonToken.END_ARRAY) {
                        t = null;
                    }
                } else {
                    t = null;
                }
                if (t == null) {
                    return null;
                }
            }
            return switch (t) {
                case VALUE_NULL -> null;
                case VALUE_STRING -> p.getString().getBytes(StandardCharsets.UTF_8);
                case START_OBJECT, START_ARRAY ->
                        p.readValueAsTree().toString().getBytes(StandardCharsets.UTF_8);
                default -> p.getString().getBytes(StandardCharsets.UTF_8);
            };
        }
    }

    private static boolean isIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 9 || (segment.length() > 1 && segment.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a record value.
     *
     * @param value the record value as consumed
     * @return the schema key and the data node
     * @throws EnvelopeException when the value is empty, not JSON, not an object, or lacks {@code schema}
     *     (a non-empty string) or {@code data}; its {@link EnvelopeException#reason() reason} says which
     */
    public static Envelope decode(byte @Nullable [] value) {
        if (value == null || value.length == 0) {
            throw new EnvelopeException(Reason.EMPTY, "Record value is empty: expected a kafkaesk envelope "
                    + "{\"schema\":\"Id:version\",\"data\":...}");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(value);
        } catch (JacksonException e) {
            throw new EnvelopeException(Reason.NOT_JSON,
                    "Record value is not JSON (" + e.getOriginalMessage() + "): " + preview(value), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new EnvelopeException(Reason.NOT_JSON, "Record value holds no JSON value, only whitespace: "
                    + "expected a kafkaesk envelope {\"schema\":\"Id:version\",\"data\":...}");
        }
        if (!root.isObject()) {
            String kind = root.getNodeType().toString().toLowerCase(Locale.ROOT);
            throw new EnvelopeException(Reason.NOT_AN_OBJECT, "Record value is JSON " + kind
                    + ", not a kafkaesk envelope object {\"schema\":...,\"data\":...}: " + preview(value));
        }
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isString() || schema.asString().isEmpty()) {
            throw new EnvelopeException(Reason.NO_SCHEMA, "Record value is a JSON object without a \"schema\" "
                    + "string, so it is not a kafkaesk envelope: " + preview(value));
        }
        JsonNode data = root.get("data");
        if (data == null) {
            throw new EnvelopeException(Reason.NO_DATA, "Envelope for schema " + schema.asString()
                    + " has no \"data\" field: " + preview(value));
        }
        return new Envelope(schema.asString(), data);
    }

    /**
     * Describes a value for error messages by its size only: messages reach logs, health reports and
     * dead-letter headers, and a record's content may be confidential. The dead-letter topic keeps the bytes.
     */
    static String preview(byte[] value) {
        return "a value of " + value.length + " bytes";
    }
}
