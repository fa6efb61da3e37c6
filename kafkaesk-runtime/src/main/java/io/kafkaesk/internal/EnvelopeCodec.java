package io.kafkaesk.internal;

import io.kafkaesk.internal.EnvelopeException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.JsonNode;
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
 * <p>Thread-safe and stateless.
 */
public final class EnvelopeCodec {
    private static final int INITIAL_BUFFER = 64;
    private static final byte[] NULL_DATA_END = "null}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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
     * Encodes an envelope from its {@link #prefix(String) prefix} and the data, a node or an object: Jackson
     * writes the data with its own recycled buffers, and the envelope is that output between the prefix and a
     * closing brace. The bytes are those of {@link #encode(String, JsonNode)}.
     *
     * @param prefix the schema's envelope prefix, as {@link #prefix(String)} returns it
     * @param data a {@link JsonNode} (callers validate this very node first) or a data object
     */
    public static byte[] encode(byte[] prefix, @Nullable Object data) {
        // The value is assembled in one of Jackson's recycled buffers: prefix, data, closing brace.
        JsonMapper mapper = Json.mapper();
        BufferRecycler recycler = mapper.tokenStreamFactory()._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            out.write(prefix);
            try (JsonGenerator g = mapper.createGenerator(out)) {
                mapper.writeValue(g, data);
            }
            out.write('}');
            return out.getClearAndRelease();
        } finally {
            recycler.releaseToPool();
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
            String kind = root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
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
