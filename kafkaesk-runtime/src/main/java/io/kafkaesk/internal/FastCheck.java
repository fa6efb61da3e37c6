package io.kafkaesk.internal;

import io.kafkaesk.QuickChecks;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A quick, conservative check that data conforms to a JSON Schema, for the publish hot path.
 *
 * <p>It understands the keywords event schemas are mostly made of ({@code type}, {@code properties},
 * {@code required}, {@code additionalProperties: false}, {@code enum}, {@code const}, string lengths, numeric
 * bounds, {@code items}, array sizes, and the {@code date-time}, {@code date} and {@code uuid} formats) and
 * answers {@code true} only when it is sure the data conforms. Whenever it is not sure (a keyword it does not
 * know, such as {@code $ref} or {@code pattern}, a value at the edge of a rule, an invalid value) it answers
 * {@code false}, and {@link SchemaValidator} asks the full validator, which then decides and lists the
 * violations. So it can only make validation faster, never more lenient: every value it accepts is one the full
 * validator accepts (its tests check that, case by case, against the full validator).
 *
 * <p>Thread-safe and immutable once compiled.
 */
final class FastCheck {
    private static final int OBJECT = 1;
    private static final int ARRAY = 2;
    private static final int STRING = 4;
    private static final int INTEGER = 8;
    private static final int NUMBER = 16;
    static final int BOOLEAN = 32;
    static final int NULL = 64;

    /** A comparison result that is none of -1, 0 and 1, so no bound accepts it. */
    private static final int UNDECIDED = 2;

    private static final int FORMAT_NONE = 0;
    private static final int FORMAT_DATE_TIME = 1;
    private static final int FORMAT_DATE = 2;
    private static final int FORMAT_UUID = 3;
    private static final int FORMAT_OTHER = 4;

    /** Keywords that never fail a value (annotations), and kafkaesk's or jsonschema2pojo's own keywords. */
    private static final Set<String> IGNORED = Set.of("$schema", "$comment", "$defs", "definitions", "$anchor",
            "title", "description", "examples", "default", "deprecated",
            "javaType", "existingJavaType", "javaName", "javaEnumNames", "javaEnums", "javaInterfaces",
            "javaJsonView", "excludedFromEqualsAndHashCode", "customDateTimePattern", "customDatePattern",
            "customTimePattern", "customTimezone", "formatPattern", "javaOptional");

    private static final Set<String> DIALECTS = Set.of(
            "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#",
            "http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-07/schema");

    private final Rule root;

    private FastCheck(Rule root) {
        this.root = root;
    }

    /**
     * Prepares the check for a schema document.
     *
     * @return null when the document names a dialect other than draft 2020-12 or draft-07, or is not a schema
     *     object; the full validator then does all the work
     */
    static @Nullable FastCheck compile(JsonNode document) {
        if (!document.isObject()) {
            return null;
        }
        JsonNode dialect = document.get("$schema");
        if (dialect != null && (!dialect.isString() || !DIALECTS.contains(dialect.asString()))) {
            return null;
        }
        return new FastCheck(rule(document));
    }

    /** True only when {@code data} certainly conforms; false when it does not, or when this check cannot tell. */
    boolean accepts(JsonNode data) {
        return root.accepts(data);
    }

    /** The rules of the document's root, for checking data as it is written ({@link CheckingGenerator}). */
    Rule root() {
        return root;
    }

    private static Rule rule(JsonNode schema) {
        Rule r = new Rule();
        if (schema.isBoolean()) {
            r.unsure = !schema.booleanValue();
            return r;
        }
        if (!schema.isObject()) {
            r.unsure = true;
            return r;
        }
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            String keyword = e.getKey();
            JsonNode v = e.getValue();
            if (keyword.startsWith("x-") || IGNORED.contains(keyword)) {
                continue;
            }
            boolean understood = switch (keyword) {
                case "type" -> types(r, v);
                case "properties" -> properties(r, v);
                case "required" -> required(r, v);
                case "additionalProperties" -> {
                    if (v.isBoolean()) {
                        r.noAdditional = !v.booleanValue();
                        yield true;
                    }
                    yield false;
                }
                case "enum" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        yield false;
                    }
                    r.enumValues = v.values().toArray(new JsonNode[0]);
                    r.enumTexts = enumTexts(r.enumValues);
                    yield true;
                }
                case "const" -> {
                    r.constValue = v;
                    yield true;
                }
                case "minLength" -> (r.minLength = count(v)) >= 0;
                case "maxLength" -> (r.maxLength = count(v)) >= 0;
                case "minItems" -> (r.minItems = count(v)) >= 0;
                case "maxItems" -> (r.maxItems = count(v)) >= 0;
                case "minimum" -> (r.minimum = bound(v)) != null;
                case "maximum" -> (r.maximum = bound(v)) != null;
                case "exclusiveMinimum" -> (r.exclusiveMinimum = bound(v)) != null;
                case "exclusiveMaximum" -> (r.exclusiveMaximum = bound(v)) != null;
                case "items" -> {
                    if (!v.isObject() && !v.isBoolean()) {
                        yield false; // draft-07 tuple form
                    }
                    r.items = rule(v);
                    yield true;
                }
                case "format" -> {
                    r.format = !v.isString() ? FORMAT_OTHER : switch (v.asString()) {
                        case "date-time" -> FORMAT_DATE_TIME;
                        case "date" -> FORMAT_DATE;
                        case "uuid" -> FORMAT_UUID;
                        default -> FORMAT_OTHER;
                    };
                    yield true;
                }
                default -> false;
            };
            if (!understood) {
                r.unsure = true;
            }
        }
        members(r);
        return r;
    }

    /**
     * Maps the names an object rule knows (its properties and its required names) to their rules and numbers them
     * for a streaming check: one bit each, so the names seen in an object fit in a {@code long}. More than 64
     * names leave the rule to the tree check ({@link Rule#streamable} false).
     */
    private static void members(Rule r) {
        Map<String, Member> members = new HashMap<>();
        int bit = 0;
        for (int i = 0; i < r.propertyNames.length; i++) {
            members.put(r.propertyNames[i], new Member(r.propertyRules[i], bit++));
        }
        for (String name : r.required) {
            if (!members.containsKey(name)) {
                members.put(name, new Member(null, bit++));
            }
        }
        r.members = members;
        if (bit > Long.SIZE) {
            r.streamable = false;
            return;
        }
        long mask = 0;
        for (String name : r.required) {
            mask |= 1L << members.get(name).bit();
        }
        r.requiredMask = mask;
    }

    private static String @Nullable [] enumTexts(JsonNode[] values) {
        String[] texts = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!values[i].isString()) {
                return null;
            }
            texts[i] = values[i].asString();
        }
        return texts;
    }

    private static boolean types(Rule r, JsonNode v) {
        if (v.isString()) {
            int t = type(v.asString());
            r.types = t;
            return t != 0;
        }
        if (!v.isArray() || v.isEmpty()) {
            return false;
        }
        int mask = 0;
        for (JsonNode t : v) {
            int one = t.isString() ? type(t.asString()) : 0;
            if (one == 0) {
                return false;
            }
            mask |= one;
        }
        r.types = mask;
        return true;
    }

    private static int type(String name) {
        return switch (name) {
            case "object" -> OBJECT;
            case "array" -> ARRAY;
            case "string" -> STRING;
            case "integer" -> INTEGER;
            case "number" -> NUMBER;
            case "boolean" -> BOOLEAN;
            case "null" -> NULL;
            default -> 0;
        };
    }

    private static boolean properties(Rule r, JsonNode v) {
        if (!v.isObject()) {
            return false;
        }
        int n = v.size();
        r.propertyNames = new String[n];
        r.propertyRules = new Rule[n];
        int i = 0;
        for (Map.Entry<String, JsonNode> p : v.properties()) {
            r.propertyNames[i] = p.getKey();
            r.propertyRules[i++] = rule(p.getValue());
        }
        return true;
    }

    private static boolean required(Rule r, JsonNode v) {
        if (!v.isArray()) {
            return false;
        }
        String[] names = new String[v.size()];
        for (int i = 0; i < names.length; i++) {
            JsonNode n = v.get(i);
            if (!n.isString()) {
                return false;
            }
            names[i] = n.asString();
        }
        r.required = names;
        return true;
    }

    /** A non-negative integer keyword value, or -1 when it is anything else. */
    private static int count(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= 0 ? v.intValue() : -1;
    }

    private static @Nullable BigDecimal bound(JsonNode v) {
        if (!v.isNumber() || (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue()))) {
            return null; // draft-04's boolean exclusiveMinimum among others
        }
        return v.decimalValue();
    }

    /**
     * A name an object rule knows: its rule ({@code null} for a required name that has no property schema) and
     * its bit in the set of names seen.
     */
    record Member(@Nullable Rule rule, int bit) {}

    /**
     * Names already looked up under an object rule, by identity, in the order first seen, with their members.
     * Jackson writes a class's property names from the same {@code String} instances every time, in the same
     * order, so the name at position {@code i} of an object is usually {@code names[i]}: one reference comparison
     * instead of a hash lookup. A null member stands for a name the rule does not know. Immutable; replaced
     * whole.
     */
    record NameCache(String[] names, Member[] members) {
        static final NameCache EMPTY = new NameCache(new String[0], new Member[0]);
    }

    /** The compiled rules of one schema object. */
    static final class Rule {
        /** A rule with no constraint, for values the schema says nothing about. */
        static final Rule ANY = new Rule();

        boolean unsure;
        boolean streamable = true;
        @Nullable Map<String, Member> members;
        long requiredMask;
        /** See {@link NameCache}; a hint read and replaced without locking (a lost update costs a lookup). */
        private volatile NameCache nameCache = NameCache.EMPTY;
        /** The enum's values when they are all strings, for checking text without nodes. */
        String @Nullable [] enumTexts;
        int types;
        String[] propertyNames = new String[0];
        Rule[] propertyRules = new Rule[0];
        String[] required = new String[0];
        boolean noAdditional;
        JsonNode @Nullable [] enumValues;
        @Nullable JsonNode constValue;
        int minLength = -1;
        int maxLength = -1;
        int minItems = -1;
        int maxItems = -1;
        @Nullable BigDecimal minimum;
        @Nullable BigDecimal maximum;
        @Nullable BigDecimal exclusiveMinimum;
        @Nullable BigDecimal exclusiveMaximum;
        @Nullable Rule items;
        int format = FORMAT_NONE;

        boolean accepts(JsonNode node) {
            if (unsure) {
                return false;
            }
            if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
                return false;
            }
            if (types != 0 && (types & typeOf(node)) == 0) {
                return false;
            }
            if (enumValues != null && !oneOf(node, enumValues)) {
                return false;
            }
            if (constValue != null && !constValue.equals(node)) {
                return false;
            }
            if (node.isString()) {
                return acceptsString(node.asString());
            }
            if (node.isNumber()) {
                return acceptsNumber(node);
            }
            if (node.isObject()) {
                return acceptsObject(node);
            }
            if (node.isArray()) {
                return acceptsArray(node);
            }
            return true;
        }

        /**
         * The instance type bits {@code node} certainly has. A number with a fraction, or a floating-point node,
         * is only a number: whether 1.0 is an integer is left to the full validator.
         */
        private static int typeOf(JsonNode node) {
            if (node.isString()) {
                return STRING;
            }
            if (node.isIntegralNumber()) {
                return INTEGER | NUMBER;
            }
            if (node.isNumber()) {
                return NUMBER;
            }
            if (node.isObject()) {
                return OBJECT;
            }
            if (node.isArray()) {
                return ARRAY;
            }
            if (node.isBoolean()) {
                return BOOLEAN;
            }
            if (node.isNull()) {
                return NULL;
            }
            return 0;
        }

        private static boolean oneOf(JsonNode node, JsonNode[] values) {
            for (JsonNode v : values) {
                if (v.equals(node)) {
                    return true;
                }
            }
            return false;
        }

        boolean acceptsString(String s) {
            if (minLength >= 0 || maxLength >= 0) {
                // Lengths count code points; with surrogate pairs in play the full validator decides.
                int length = s.length();
                if (s.codePointCount(0, length) != length) {
                    return false;
                }
                if ((minLength >= 0 && length < minLength) || (maxLength >= 0 && length > maxLength)) {
                    return false;
                }
            }
            return switch (format) {
                case FORMAT_NONE -> true;
                case FORMAT_DATE_TIME -> QuickChecks.dateTime(s);
                case FORMAT_DATE -> QuickChecks.date(s);
                case FORMAT_UUID -> QuickChecks.uuid(s);
                default -> false;
            };
        }

        private boolean acceptsNumber(JsonNode node) {
            return withinBounds(minimum == null ? 0 : compare(node, minimum), maximum == null ? 0 : compare(node, maximum),
                    exclusiveMinimum == null ? 0 : compare(node, exclusiveMinimum),
                    exclusiveMaximum == null ? 0 : compare(node, exclusiveMaximum));
        }

        /**
         * The sign of {@code node - bound} (-1, 0 or 1) when it is certain whatever arithmetic the full validator
         * uses, else {@link #UNDECIDED}, which no bound accepts: values at the edge of double precision are left to
         * the full validator.
         */
        private static int compare(JsonNode node, BigDecimal bound) {
            if (node.isInt() || node.isLong()) {
                return compare(node.longValue(), bound);
            }
            if (node.isDouble()) {
                return compare(node.doubleValue(), bound);
            }
            if (node.isFloat()) {
                return UNDECIDED; // its JSON text and its value as a double differ; rare enough to leave
            }
            return compare(node.decimalValue(), bound);
        }

        /** {@link #compare(JsonNode, BigDecimal)} for a whole number: exact and double arithmetic must agree. */
        static int compare(long value, BigDecimal bound) {
            int exact;
            if (bound.scale() <= 0 && bound.precision() - bound.scale() < 19) {
                exact = Long.compare(value, bound.longValueExact());
            } else {
                exact = Integer.signum(BigDecimal.valueOf(value).compareTo(bound));
            }
            int approximate = Integer.signum(Double.compare((double) value, bound.doubleValue()));
            return exact == approximate ? exact : UNDECIDED;
        }

        /** {@link #compare(JsonNode, BigDecimal)} for an exact decimal: exact and double arithmetic must agree. */
        static int compare(BigDecimal value, BigDecimal bound) {
            int exact = Integer.signum(value.compareTo(bound));
            int approximate = Integer.signum(Double.compare(value.doubleValue(), bound.doubleValue()));
            return exact == approximate ? exact : UNDECIDED;
        }

        /**
         * {@link #compare(JsonNode, BigDecimal)} for a double, whose JSON text may be any decimal that rounds to
         * it: when the bound rounds to another double, every such decimal lies on the same side of the bound as
         * the double (rounding is monotonic); when it rounds to the same double, nothing is certain.
         */
        static int compare(double value, BigDecimal bound) {
            double b = bound.doubleValue();
            return value < b ? -1 : value > b ? 1 : UNDECIDED;
        }

        /** Whether the signs of a value's comparison with each bound (see {@code compare}) satisfy the bounds. */
        private boolean withinBounds(int toMinimum, int toMaximum, int toExclusiveMinimum, int toExclusiveMaximum) {
            return (minimum == null || toMinimum == 0 || toMinimum == 1)
                    && (maximum == null || toMaximum == 0 || toMaximum == -1)
                    && (exclusiveMinimum == null || toExclusiveMinimum == 1)
                    && (exclusiveMaximum == null || toExclusiveMaximum == -1);
        }

        // ---- Checks of single values as they are written, for CheckingGenerator ----

        /** Whether a value of one of these instance types may stand here, as far as type and certainty go. */
        private boolean allows(int typeBits) {
            return !unsure && (types == 0 || (types & typeBits) != 0);
        }

        /**
         * The member called {@code name}, null when the rule does not know the name; {@code position} is the
         * name's position in the object being written, a hint for the {@link NameCache}.
         */
        @Nullable Member member(String name, int position) {
            NameCache cache = nameCache;
            String[] names = cache.names();
            if (position < names.length && names[position] == name) {
                return cache.members()[position];
            }
            for (int i = 0; i < names.length; i++) {
                if (names[i] == name) {
                    return cache.members()[i];
                }
            }
            Map<String, Member> known = members;
            Member member = known == null ? null : known.get(name);
            if (known != null && names.length < 2 * known.size() + 8) { // unknown names too, as null
                String[] moreNames = java.util.Arrays.copyOf(names, names.length + 1);
                Member[] moreMembers = java.util.Arrays.copyOf(cache.members(), names.length + 1);
                moreNames[names.length] = name;
                moreMembers[names.length] = member;
                nameCache = new NameCache(moreNames, moreMembers);
            }
            return member;
        }

        /** Whether an object or array may start here; its content is checked as it is written. */
        boolean opens(boolean array) {
            return allows(array ? ARRAY : OBJECT) && streamable && enumValues == null && constValue == null;
        }

        /** Whether an array of {@code size} items, each accepted, is accepted. */
        boolean acceptsSize(int size) {
            return (minItems < 0 || size >= minItems) && (maxItems < 0 || size <= maxItems);
        }

        boolean acceptsText(String s) {
            if (!allows(STRING)) {
                return false;
            }
            if (enumValues != null) {
                String[] texts = enumTexts;
                if (texts == null) {
                    return false; // an enum of other values than strings: left to the tree check
                }
                boolean found = false;
                for (String t : texts) {
                    if (t.equals(s)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            if (constValue != null && !(constValue.isString() && constValue.asString().equals(s))) {
                return false;
            }
            return acceptsString(s);
        }

        /** A whole number written as a Java {@code long} (or narrower). */
        boolean acceptsWhole(long v) {
            if (!allows(INTEGER | NUMBER)) {
                return false;
            }
            if (enumValues != null) {
                boolean found = false;
                for (JsonNode e : enumValues) {
                    found |= sameWhole(e, v);
                }
                if (!found) {
                    return false;
                }
            }
            if (constValue != null && !sameWhole(constValue, v)) {
                return false;
            }
            return withinBounds(minimum == null ? 0 : compare(v, minimum), maximum == null ? 0 : compare(v, maximum),
                    exclusiveMinimum == null ? 0 : compare(v, exclusiveMinimum),
                    exclusiveMaximum == null ? 0 : compare(v, exclusiveMaximum));
        }

        /** Whether a schema value is the whole number {@code v}; other numeric forms are left undecided. */
        private static boolean sameWhole(JsonNode schemaValue, long v) {
            return (schemaValue.isInt() || schemaValue.isLong()) && schemaValue.longValue() == v;
        }

        /** A number written from a Java {@code double}. Numeric enums and consts are left to the tree check. */
        boolean acceptsDouble(double v) {
            if (!Double.isFinite(v) || !allows(NUMBER) || enumValues != null || constValue != null) {
                return false;
            }
            return withinBounds(minimum == null ? 0 : compare(v, minimum), maximum == null ? 0 : compare(v, maximum),
                    exclusiveMinimum == null ? 0 : compare(v, exclusiveMinimum),
                    exclusiveMaximum == null ? 0 : compare(v, exclusiveMaximum));
        }

        /**
         * A number written from an exact decimal. Only whole numbers of scale 0 count as integers: whether
         * {@code 1.0} is one is left to the full validator.
         */
        boolean acceptsDecimal(BigDecimal v, boolean whole) {
            if (!allows(whole ? INTEGER | NUMBER : NUMBER) || enumValues != null || constValue != null) {
                return false;
            }
            return withinBounds(minimum == null ? 0 : compare(v, minimum), maximum == null ? 0 : compare(v, maximum),
                    exclusiveMinimum == null ? 0 : compare(v, exclusiveMinimum),
                    exclusiveMaximum == null ? 0 : compare(v, exclusiveMaximum));
        }

        /** {@code true}, {@code false} or {@code null}, given as the node they equal. */
        boolean acceptsLiteral(JsonNode literal, int type) {
            if (enumValues == null && constValue == null) {
                return allows(type);
            }
            return accepts(literal);
        }


        private boolean acceptsObject(JsonNode node) {
            for (String name : required) {
                if (node.get(name) == null) {
                    return false;
                }
            }
            if (noAdditional) {
                Map<String, Member> known = members;
                Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    Member member = known == null ? null : known.get(field.getKey());
                    Rule rule = member == null ? null : member.rule();
                    if (rule == null || !rule.accepts(field.getValue())) {
                        return false;
                    }
                }
                return true;
            }
            for (int i = 0; i < propertyNames.length; i++) {
                JsonNode value = node.get(propertyNames[i]);
                if (value != null && !propertyRules[i].accepts(value)) {
                    return false;
                }
            }
            return true;
        }

        private boolean acceptsArray(JsonNode node) {
            int size = node.size();
            if ((minItems >= 0 && size < minItems) || (maxItems >= 0 && size > maxItems)) {
                return false;
            }
            if (items != null) {
                for (int i = 0; i < size; i++) {
                    if (!items.accepts(node.get(i))) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
