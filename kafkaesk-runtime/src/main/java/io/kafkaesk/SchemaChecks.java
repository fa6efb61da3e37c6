package io.kafkaesk;

import com.networknt.schema.format.Format;
import com.networknt.schema.regex.RegularExpression;
import io.kafkaesk.internal.AnchoredPattern;
import io.kafkaesk.internal.IsoDates;
import io.kafkaesk.internal.Json;
import io.kafkaesk.internal.SchemaValidator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;

/**
 * The runtime half of the validators the code generator writes from schema files ({@link
 * MessageSchema.Builder#validator}): what a JSON value looks like once kafkaesk's mapper writes a Java value
 * (its JSON type, its text, its exact number), and the keyword checks that are more than a comparison: string
 * length in code points, exact bounds and {@code multipleOf}, {@code format}, {@code pattern}, JSON equality for
 * {@code enum}, {@code const} and {@code uniqueItems}. Typed overloads take strings, integers, doubles, decimals
 * and enum constants as they are, so a generated check of a typed property neither boxes nor tests types.
 *
 * <p>Formats and regular expressions are networknt's own, configured as kafkaesk's validator configures them, so
 * the generated validator and networknt read {@code format} and {@code pattern} the same way.
 *
 * <p>It is one class of over 400 lines because generated code depends on it: every generated validator calls
 * these methods by this one name, so a helper's home is part of the generated code's contract. Each method is
 * small and stands alone.
 */
public final class SchemaChecks {
    private SchemaChecks() {}

    // ---- JSON types of Java values, as kafkaesk's mapper writes them ----

    /** Whether {@code v} is written as a JSON string. */
    public static boolean isString(@Nullable Object v) {
        return v instanceof String || v != null && JsonTypes.of(v) == JsonTypes.STRING;
    }

    /** Whether {@code v} is written as a JSON number (NaN and infinities are not). */
    public static boolean isNumber(@Nullable Object v) {
        if (v instanceof Double d) {
            return Double.isFinite(d);
        }
        if (v instanceof Float f) {
            return Float.isFinite(f);
        }
        return v instanceof Number;
    }

    /** Whether a {@code Double} is written as a JSON number (NaN and infinities are not). */
    public static boolean isNumber(@Nullable Double v) {
        return v != null && Double.isFinite(v);
    }

    /** Whether a {@code Double} is written as a number without a fractional part ({@code 1.0} is one). */
    public static boolean isInteger(@Nullable Double v) {
        if (v == null) {
            return false;
        }
        double d = v;
        return Double.isFinite(d) && d == Math.rint(d);
    }

    /** Whether a {@code BigDecimal} has no fractional part ({@code 1.0} has none). */
    public static boolean isInteger(@Nullable BigDecimal v) {
        return v != null && (v.signum() == 0 || v.stripTrailingZeros().scale() <= 0);
    }

    /** Whether {@code v} is written as a number without a fractional part ({@code 1.0} is one). */
    public static boolean isInteger(@Nullable Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return true;
        }
        if (v instanceof BigDecimal d) {
            return isInteger(d);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) && d == Math.rint(d);
        }
        return false;
    }

    /** Whether {@code v} is written as a JSON array (the generated classes hold lists and sets). */
    public static boolean isArray(@Nullable Object v) {
        return v != null && JsonTypes.of(v) == JsonTypes.ARRAY;
    }

    /** Whether {@code v} is written as a JSON object: a map, or a data object. */
    public static boolean isObject(@Nullable Object v) {
        return v != null && JsonTypes.of(v) == JsonTypes.OBJECT;
    }

    /**
     * Whether a data object's additional properties hold the name of one of its declared properties, which would
     * then be written twice.
     */
    public static boolean overlaps(Map<?, ?> additional, Set<String> declared) {
        for (Object name : additional.keySet()) {
            if (declared.contains(String.valueOf(name))) {
                return true;
            }
        }
        return false;
    }

    /** The text a value written as a JSON string holds. */
    public static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof UUID || v instanceof URI || v instanceof Character || v instanceof Enum<?>) {
            return v.toString();
        }
        // Dates and times in the ISO formats the mapper writes them with (SchemaChecksTest compares the two);
        // anything else as the mapper writes it.
        if (v instanceof OffsetDateTime t) {
            return IsoDates.format(t);
        }
        if (v instanceof LocalDate d) {
            return IsoDates.format(d);
        }
        if (v instanceof LocalTime t) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
        }
        if (v instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        JsonNode written = Json.mapper().valueToTree(v);
        return written.isString() || written.isBinary() ? written.asString() : written.toString();
    }

    // ---- Strings ----

    /** The length of a string in code points, as JSON Schema counts it. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * A regular expression compiled once, with the engine and options networknt's {@code pattern} uses; a plain
     * whole-string pattern is matched without the engine ({@link AnchoredPattern}), with the same answers.
     */
    public static Predicate<String> pattern(String regex) {
        RegularExpression compiled = SchemaValidator.regex(regex);
        AnchoredPattern plain = AnchoredPattern.compile(regex);
        return plain != null ? plain : compiled::matches;
    }

    /**
     * networknt's check of a {@code format}, as kafkaesk's validator asserts it, of values written as strings; a
     * format networknt does not know accepts everything (it is an annotation).
     */
    public static FormatCheck format(String name) {
        return new FormatCheck(SchemaValidator.format(name));
    }

    /**
     * A {@code format} check of a value written as a string. A date-time, a date or a UUID is written in a shape
     * whose validity depends only on the year's range and the offset (see {@link #shape}): networknt judges the
     * first value of each shape, and its answer is kept, so typed data is not formatted and parsed again per
     * message. Anything else is judged by networknt on the text written.
     */
    public static final class FormatCheck {
        private static final int MAX_SHAPES = 4096;
        private final @Nullable Format format;
        private final Map<Long, Boolean> shapes = new ConcurrentHashMap<>();
        /** The last shape judged, to spare the map for data whose dates all have one shape. */
        private volatile @Nullable Known last;

        private record Known(long shape, boolean valid) {}

        private FormatCheck(@Nullable Format format) {
            this.format = format;
        }

        /** Whether a string has the format. */
        public boolean test(String s) {
            Format f = format;
            return f == null || SchemaValidator.matches(f, s);
        }

        /** Whether the text a value is written as has the format. */
        public boolean test(Object v) {
            Format f = format;
            if (f == null) {
                return true;
            }
            long shape = shape(v);
            if (shape == NO_SHAPE) {
                return SchemaValidator.matches(f, text(v));
            }
            Known recent = last;
            if (recent != null && recent.shape == shape) {
                return recent.valid;
            }
            Boolean known = shapes.get(shape);
            if (known == null) {
                known = SchemaValidator.matches(f, text(v));
                if (shapes.size() < MAX_SHAPES) {
                    shapes.put(shape, known);
                }
            }
            last = new Known(shape, known);
            return known;
        }
    }

    private static final long NO_SHAPE = Long.MIN_VALUE;

    /**
     * What the validity of a typed value's text can depend on. The mapper writes an {@code OffsetDateTime} as
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+hh:mm[:ss])} (ISO-8601): the parts other than the year and the
     * offset are always two digits of a real date and time, so only a year outside 0..9999 (a sign, a fifth
     * digit) and the offset change its shape. A {@code LocalDate} likewise by its year; a UUID has one shape.
     * SchemaChecksTest compares this with networknt on random values. {@link #NO_SHAPE} for other values.
     */
    private static long yearShape(int year) {
        return year >= 1 && year <= 9999 ? 1_000_000_000L : year; // java.time's years lie within +-999,999,999
    }

    static long shape(Object v) {
        if (v instanceof OffsetDateTime t) {
            return 1 + (yearShape(t.getYear()) * 200_000 + t.getOffset().getTotalSeconds() + 100_000) * 4;
        }
        if (v instanceof LocalDate d) {
            return 2 + yearShape(d.getYear()) * 4;
        }
        if (v instanceof UUID) {
            return 3;
        }
        return NO_SHAPE;
    }

    // ---- Numbers ----

    /** A schema's number, exactly as written. */
    public static BigDecimal decimal(String text) {
        return new BigDecimal(text);
    }

    /** The exact value of a number as the mapper writes it (a double as its shortest decimal text). */
    private static BigDecimal exact(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.toString());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** A schema's numeric bound, read once, ready to be compared with numbers as the mapper writes them. */
    public static final class Bound {
        private final BigDecimal exact;
        private final double approximate;
        private final boolean whole;
        private final long asLong;

        private Bound(BigDecimal exact) {
            this.exact = exact;
            this.approximate = exact.doubleValue();
            boolean fits = exact.signum() == 0 || (exact.stripTrailingZeros().scale() <= 0
                    && exact.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    && exact.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0);
            this.whole = fits;
            this.asLong = fits ? exact.longValueExact() : 0;
        }

        /** Compares an integer with this bound: negative, zero or positive. */
        public int compare(long n) {
            if (whole) {
                return Long.compare(n, asLong);
            }
            return BigDecimal.valueOf(n).compareTo(exact);
        }

        /** Compares a finite double, as written, with this bound: negative, zero or positive. */
        public int compare(double d) {
            // Rounding to the nearest double keeps order: distinct doubles compare as their decimals do.
            int c = Double.compare(d, approximate);
            if (c != 0 && !(d == 0.0 && approximate == 0.0)) {
                return c;
            }
            return new BigDecimal(Double.toString(d)).compareTo(exact);
        }

        /** Compares a decimal with this bound: negative, zero or positive. */
        public int compare(BigDecimal d) {
            return d.compareTo(exact);
        }

        /** Compares a number, as written, with this bound: negative, zero or positive. */
        public int compare(Number n) {
            if (whole && (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte)) {
                return Long.compare(n.longValue(), asLong);
            }
            if (n instanceof Double d) {
                // Rounding to the nearest double keeps order: distinct doubles compare as their decimals do.
                int c = Double.compare(d, approximate);
                if (c != 0 && !(d == 0.0 && approximate == 0.0)) {
                    return c;
                }
            }
            return exact(n).compareTo(exact);
        }
    }

    /** A schema's numeric bound, exactly as written in the schema. */
    public static Bound bound(String text) {
        return new Bound(new BigDecimal(text));
    }

    /** Whether an integer is a multiple of {@code divisor} (exact decimal arithmetic). */
    public static boolean multipleOf(long n, BigDecimal divisor) {
        if (divisor.scale() <= 0 && divisor.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return n % divisor.longValue() == 0;
        }
        return BigDecimal.valueOf(n).remainder(divisor).signum() == 0;
    }

    /** Whether a finite double, as written, is a multiple of {@code divisor} (exact decimal arithmetic). */
    public static boolean multipleOf(double n, BigDecimal divisor) {
        return new BigDecimal(Double.toString(n)).remainder(divisor).signum() == 0;
    }

    /** Whether a number, as written, is a multiple of {@code divisor} (exact decimal arithmetic). */
    public static boolean multipleOf(Number n, BigDecimal divisor) {
        if ((n instanceof Integer || n instanceof Long) && divisor.scale() <= 0
                && divisor.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return n.longValue() % divisor.longValue() == 0;
        }
        return exact(n).remainder(divisor).signum() == 0;
    }

    // ---- JSON equality (enum, const, uniqueItems) ----

    /** Values compared as JSON: a set of constants, built once from their JSON text. */
    public static final class Values {
        private final Set<Object> values = new HashSet<>();
        /** The string constants, for looking strings up without building their canonical form. */
        private final Set<String> strings = new HashSet<>();
        /** The integral constants that fit a long, for looking integers up without boxing them as decimals. */
        private final Set<Long> longs = new HashSet<>();

        private Values(String json) {
            JsonNode array = Json.mapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(json);
            for (JsonNode node : array) {
                values.add(canonical(Json.mapper().treeToValue(node, Object.class)));
                if (node.isString()) {
                    strings.add(node.asString());
                }
                if (node.isNumber() && isInteger(node.decimalValue())) {
                    BigDecimal whole = node.decimalValue();
                    if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                            && whole.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
                        longs.add(whole.longValue());
                    }
                }
            }
        }

        /** Whether a string (or null) equals one of the values. */
        public boolean contains(@Nullable String s) {
            return s == null ? values.contains(NULL) : strings.contains(s);
        }

        /** Whether an integer (or null) equals one of the values ({@code 1} equals {@code 1.0}). */
        public boolean contains(@Nullable Long n) {
            return n == null ? values.contains(NULL) : longs.contains(n);
        }

        /** Whether an integer (or null) equals one of the values ({@code 1} equals {@code 1.0}). */
        public boolean contains(@Nullable Integer n) {
            return n == null ? values.contains(NULL) : longs.contains(n.longValue());
        }

        /** Whether {@code v}, written as JSON, equals one of the values. */
        public boolean contains(@Nullable Object v) {
            if (isString(v)) {
                return strings.contains(text(v));
            }
            return values.contains(canonical(v));
        }
    }

    /** The constants of a JSON array, for {@code enum} ({@code const} is a list of one). */
    public static Values values(String jsonArray) {
        return new Values(jsonArray);
    }

    /**
     * The constants of a generated enum whose JSON value is one of {@code allowed}: {@code enum} and
     * {@code const} are then decided by the constant itself.
     */
    public static <E extends Enum<E>> Set<E> constants(Class<E> type, Function<E, ?> value, Values allowed) {
        Set<E> out = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if (allowed.contains(value.apply(e))) {
                out.add(e);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * Whether the items of an array are all different, for items whose {@code equals} is JSON equality (strings,
     * integers of one type, booleans, enums).
     */
    public static boolean distinct(Collection<?> array) {
        int n = array.size();
        if (n < 2) {
            return true;
        }
        if (n > SMALL_ARRAY) {
            return new HashSet<Object>(array).size() == n;
        }
        // A short array, such as a list of tags, is compared item with item: no set to build.
        Object[] items = array.toArray();
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (Objects.equals(items[i], items[j])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The size up to which {@link #distinct} compares every pair of items rather than hashing them. */
    private static final int SMALL_ARRAY = 16;

    /** Whether the items of an array, written as JSON, are all different. */
    public static boolean unique(Collection<?> array) {
        Set<Object> seen = new HashSet<>();
        for (Object item : array) {
            if (!seen.add(canonical(item))) {
                return false;
            }
        }
        return true;
    }

    private static final Object NULL = new Object();

    /**
     * A value that equals another exactly when both are written as the same JSON value: numbers by their value
     * ({@code 1} equals {@code 1.0}), strings by their text, arrays item by item, objects by their members.
     */
    private static Object canonical(@Nullable Object v) {
        if (v == null) {
            return NULL;
        }
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number n) {
            BigDecimal d = exact(n);
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (isString(v)) {
            return List.of("s", text(v));
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object item : c) {
                out.add(canonical(item));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(Objects.toString(e.getKey()), canonical(e.getValue()));
            }
            return Set.copyOf(out.entrySet());
        }
        return canonical(Json.mapper().convertValue(v, Object.class));
    }
}
