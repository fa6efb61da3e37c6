package io.kafkaesk.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.PropertyWriter;

/**
 * Reads the record key a key pointer selects straight off a data object, through the property accessors
 * kafkaesk's mapper writes the object with, so publishing need not read the key back from the bytes written.
 *
 * <p>It answers only where its answer is the one {@link EnvelopeCodec#pick the bytes} would give: each segment
 * of the pointer a plain property (no custom serializer or format, nulls at most left out) of an object of
 * exactly the class it was prepared for, and the value a {@link String}, a {@link UUID}, an {@link Integer} or a
 * {@link Long}, whose JSON text is their own text. Anything else is {@link #UNKNOWN}, and the caller reads the
 * key from the bytes.
 */
final class KeyReader {
    /** The answer when the key cannot be read off the object: read it from the bytes written. */
    static final byte[] UNKNOWN = new byte[0];

    private final Class<?>[] owners;
    private final BeanPropertyWriter[] properties;

    private KeyReader(Class<?>[] owners, BeanPropertyWriter[] properties) {
        this.owners = owners;
        this.properties = properties;
    }

    /**
     * The reader of {@code path} on objects of {@code dataClass}, or null when a segment is not a plain property
     * of a bean class.
     */
    static @Nullable KeyReader of(Class<?> dataClass, String[] path) {
        SerializationConfig config = Json.mapper().serializationConfig();
        Class<?>[] owners = new Class<?>[path.length];
        BeanPropertyWriter[] properties = new BeanPropertyWriter[path.length];
        Class<?> owner = dataClass;
        try {
            for (int i = 0; i < path.length; i++) {
                ValueSerializer<Object> serializer = Json.mapper()._serializationContext().findValueSerializer(owner);
                if (serializer.usesObjectId() || serializer.isUnwrappingSerializer()) {
                    return null;
                }
                BeanPropertyWriter found = null;
                for (Iterator<PropertyWriter> it = serializer.properties(); it.hasNext(); ) {
                    if (it.next() instanceof BeanPropertyWriter p && p.getName().equals(path[i])) {
                        found = p;
                    }
                }
                if (found == null || !plain(found, config, owner)) {
                    return null;
                }
                owners[i] = owner;
                properties[i] = found;
                owner = found.getType().getRawClass();
            }
        } catch (RuntimeException e) {
            return null; // not a class kafkaesk's mapper can write as a bean: the bytes will say
        }
        return new KeyReader(owners, properties);
    }

    private static boolean plain(BeanPropertyWriter p, SerializationConfig config, Class<?> owner) {
        if (p.isUnwrapping() || p.getTypeSerializer() != null || p.getAnnotation(JsonSerialize.class) != null
                || p.getAnnotation(JsonFormat.class) != null || p.getAnnotation(JsonRawValue.class) != null) {
            return false;
        }
        JsonInclude.Include inclusion = p.findPropertyInclusion(config, owner).getValueInclusion();
        return inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.NON_NULL
                || inclusion == JsonInclude.Include.NON_ABSENT || inclusion == JsonInclude.Include.USE_DEFAULTS;
    }

    /**
     * The key of {@code data}: a string's UTF-8 bytes, null when the value or an object on the way is null, or
     * {@link #UNKNOWN} when it must be read from the bytes written.
     */
    byte @Nullable [] read(Object data) {
        Object value = data;
        for (int i = 0; i < properties.length; i++) {
            if (value == null) {
                return null;
            }
            if (value.getClass() != owners[i]) {
                return UNKNOWN;
            }
            try {
                value = properties[i].get(value);
            } catch (Exception e) {
                return UNKNOWN; // writing will fail the same way, and say so
            }
        }
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof UUID || value instanceof Integer || value instanceof Long) {
            return value.toString().getBytes(StandardCharsets.US_ASCII);
        }
        return UNKNOWN;
    }
}
