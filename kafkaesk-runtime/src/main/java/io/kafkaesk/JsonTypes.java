package io.kafkaesk;

import java.net.URI;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.UUID;

/**
 * The JSON type kafkaesk's mapper writes each Java class as, for {@link SchemaChecks}'s type tests, worked out
 * once per class. Asking an object whether its class implements an interface that it does not ({@code v
 * instanceof Collection} for a map) makes the JVM scan the class's supertypes on every test: about 30 ns on Java 17,
 * several times per message in a generated validator that checks untyped values.
 */
enum JsonTypes {
    STRING,
    NUMBER,
    BOOLEAN,
    ARRAY,
    OBJECT,
    /** Arrays of objects: the generated classes never hold them, and no type test accepts them. */
    OTHER;

    private static final JsonTypes[] ALL = values();

    /**
     * Each class's type as its ordinal: the JDK's own cached {@code Integer}. The value a {@code ClassValue} keeps is
     * held by the class it describes, a JDK class such as {@code HashMap} here; a constant of this enum would tie
     * kafkaesk's class loader to that class, and the loader could never be unloaded (JDK-8136353).
     */
    private static final ClassValue<Integer> TYPES = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> c) {
            return typeOf(c).ordinal();
        }
    };

    /** The JSON type of {@code v}'s class. */
    static JsonTypes of(Object v) {
        return ALL[TYPES.get(v.getClass())];
    }

    private static JsonTypes typeOf(Class<?> c) {
        if (c == String.class || TemporalAccessor.class.isAssignableFrom(c) || c == UUID.class || c == URI.class
                || c == Character.class || Enum.class.isAssignableFrom(c)) {
            return STRING;
        }
        if (Number.class.isAssignableFrom(c)) {
            return NUMBER;
        }
        if (c == Boolean.class) {
            return BOOLEAN;
        }
        if (Collection.class.isAssignableFrom(c)) {
            return ARRAY;
        }
        return c.isArray() && !c.getComponentType().isPrimitive() ? OTHER : OBJECT;
    }
}
