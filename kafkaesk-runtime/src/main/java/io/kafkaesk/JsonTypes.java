package io.kafkaesk;

import io.kafkaesk.internal.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The JSON type kafkaesk's mapper writes each Java value as, for {@link SchemaChecks}'s type tests: worked out once
 * per class for the classes that generated classes and Jackson's own reading put in untyped properties (strings,
 * numbers, booleans, the java.time types of the formats, collections, maps), and asked of the mapper, value by
 * value, for any other class (a {@code Duration} or a {@code Locale} is written as a string, a {@code Year} as a
 * number, an {@code Optional} as what it holds, a record as an object). Asking an object whether its class
 * implements an interface that it does not ({@code v instanceof Collection} for a map) makes the JVM scan the
 * class's supertypes on every test: about 30 ns on Java 17, several times per message in a generated validator that
 * checks untyped values; the class's answer is looked up instead.
 */
enum JsonTypes {
    STRING,
    NUMBER,
    BOOLEAN,
    /** A collection: the type the generated classes hold arrays as, and the one the array checks iterate. */
    ARRAY,
    OBJECT,
    /**
     * JSON that no type test accepts: null, and arrays written from anything but a collection (a Java array), which
     * the generated classes never hold; the generated validator then leaves the value to networknt.
     */
    OTHER;

    private static final JsonTypes[] ALL = values();

    /** Stored for a class whose values are asked of the mapper one by one. */
    private static final int BY_VALUE = -1;

    private static final Set<Class<?>> STRINGS = Set.of(String.class, Character.class, UUID.class, URI.class,
            OffsetDateTime.class, LocalDate.class, LocalTime.class, LocalDateTime.class, Instant.class);

    private static final Set<Class<?>> NUMBERS = Set.of(Integer.class, Long.class, Short.class, Byte.class,
            Double.class, Float.class, BigDecimal.class, BigInteger.class);

    /**
     * Each class's type as its ordinal, or {@link #BY_VALUE}: the JDK's own cached {@code Integer}. The value a
     * {@code ClassValue} keeps is held by the class it describes, a JDK class such as {@code HashMap} here; a
     * constant of this enum would tie kafkaesk's class loader to that class, and the loader could never be unloaded
     * (JDK-8136353).
     */
    private static final ClassValue<Integer> TYPES = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> c) {
            JsonTypes type = typeOf(c);
            return type == null ? BY_VALUE : type.ordinal();
        }
    };

    /** The JSON type {@code v} is written as. */
    static JsonTypes of(Object v) {
        int type = TYPES.get(v.getClass());
        return type == BY_VALUE ? written(v) : ALL[type];
    }

    /** The type of every value of class {@code c}, or null when only the mapper can tell. */
    private static @Nullable JsonTypes typeOf(Class<?> c) {
        if (STRINGS.contains(c)) {
            return STRING;
        }
        if (NUMBERS.contains(c)) {
            return NUMBER;
        }
        if (c == Boolean.class) {
            return BOOLEAN;
        }
        if (Collection.class.isAssignableFrom(c)) {
            return ARRAY;
        }
        if (Map.class.isAssignableFrom(c)) {
            return OBJECT;
        }
        return null;
    }

    /** What the mapper writes {@code v} as. */
    private static JsonTypes written(Object v) {
        return switch (Json.mapper().valueToTree(v).getNodeType()) {
            case STRING, BINARY -> STRING;
            case NUMBER -> NUMBER;
            case BOOLEAN -> BOOLEAN;
            case OBJECT -> OBJECT;
            case ARRAY -> v instanceof Collection<?> ? ARRAY : OTHER;
            default -> OTHER;
        };
    }
}
