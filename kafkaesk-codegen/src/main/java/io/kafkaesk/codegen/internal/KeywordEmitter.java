package io.kafkaesk.codegen.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.codemodel.ClassType;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JType;
import io.kafkaesk.codegen.internal.DataClasses.Kind;
import io.kafkaesk.codegen.internal.DataClasses.Property;
import io.kafkaesk.codegen.internal.ValidatorGenerator.At;
import io.kafkaesk.codegen.internal.ValidatorGenerator.UnsupportedException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Writes the body of one generated check: the statements that decide each keyword of one schema location for a
 * value {@code v} of one static Java type, kind by kind (type, enum and const, strings, numbers, arrays, objects,
 * applicators). Which checks exist and where they live is {@link ValidatorGenerator}'s; a keyword that needs
 * another location's check asks its {@link Context} for the call.
 */
final class KeywordEmitter {
    static final ClassName CHECKS = ClassName.get("io.kafkaesk", "SchemaChecks");
    private static final ClassName VALUES = CHECKS.nestedClass("Values");
    private static final ClassName FORMAT_CHECK = CHECKS.nestedClass("FormatCheck");
    private static final ClassName BOUND = CHECKS.nestedClass("Bound");
    private static final TypeName PREDICATE_OF_STRING = ParameterizedTypeName.get(
            ClassName.get(Predicate.class), ClassName.get(String.class));
    private static final TypeName ANY_MAP = ParameterizedTypeName.get(ClassName.get(Map.class),
            WildcardTypeName.subtypeOf(Object.class), WildcardTypeName.subtypeOf(Object.class));
    private static final CodeBlock TRUE = CodeBlock.of("true");
    private static final CodeBlock FALSE = CodeBlock.of("false");
    /** Up to this many {@code enum} values are compared one by one rather than looked up. */
    private static final int DIRECT = 4;

    /** Keywords it does not read: the schema then gets no validator (see {@link ValidatorGenerator}). */
    static final Set<String> UNSUPPORTED = Set.of("$dynamicRef", "$dynamicAnchor", "$recursiveRef",
            "$recursiveAnchor", "$anchor", "$vocabulary", "unevaluatedProperties", "unevaluatedItems",
            "javaInterfaces", "existingJavaType", "extends", "extendsJavaClass", "customDateTimePattern",
            "customDatePattern", "customTimePattern", "customTimezone", "formatDateTime", "formatDate",
            "formatTime", "media", "javaJsonView");

    /** What a body needs from the generator: calls to the checks of other locations, and constants. */
    interface Context {
        /**
         * An expression that checks {@code arg} against the schema at {@code at} ({@code true} when that check
         * accepts everything). {@code argTyped}: {@code arg}'s static type is {@code type}, else it is
         * {@code Object} and is cast.
         */
        CodeBlock call(At at, @Nullable JType type, CodeBlock arg, boolean argTyped, boolean nonNull)
                throws UnsupportedException;

        /** An expression that checks one entry of a map against the property keywords at {@code at}. */
        CodeBlock entry(At at, @Nullable JType valueType, CodeBlock name, CodeBlock value)
                throws UnsupportedException;

        /** A static final constant of the class the check lives in, shared by every use of the same initializer. */
        String constant(String prefix, TypeName type, CodeBlock init);

        /** The location a {@code $ref} at {@code at} points to. */
        At ref(At at) throws UnsupportedException;
    }

    private final Context context;
    private final DataClasses classes;
    private CodeBlock.Builder b = CodeBlock.builder();
    private int locals;
    private At at;
    private @Nullable JType type;
    private Kind kind;
    private boolean nonNull;

    private KeywordEmitter(Context context, DataClasses classes, At at, @Nullable JType type, boolean nonNull) {
        this.context = context;
        this.classes = classes;
        this.at = at;
        this.type = type;
        this.kind = classes.kind(type);
        this.nonNull = nonNull && kind != Kind.OBJECT;
    }

    /** The body of {@code boolean check(T v)} for the schema at {@code at}, T the parameter of {@code type}. */
    static CodeBlock body(Context context, DataClasses classes, At at, @Nullable JType type, boolean nonNull)
            throws UnsupportedException {
        KeywordEmitter e = new KeywordEmitter(context, classes, at, type, nonNull);
        e.node();
        return e.b.build();
    }

    /** The body of {@code boolean check(String name, Object v)}: one map entry against the property keywords. */
    static CodeBlock entryBody(Context context, DataClasses classes, At at, @Nullable JType type)
            throws UnsupportedException {
        KeywordEmitter e = new KeywordEmitter(context, classes, at, type, false);
        e.entry();
        return e.b.build();
    }

    static UnsupportedException unsupported(At at, String keyword) {
        return new UnsupportedException(new ValidatorGenerator.Unsupported(at.file(), at.pointer(), keyword));
    }

    private String local(String base) {
        return base + (++locals);
    }

    private CodeBlock call(At target, @Nullable JType t, CodeBlock arg, boolean argTyped, boolean argNonNull)
            throws UnsupportedException {
        return context.call(target, t, arg, argTyped, argNonNull);
    }

    /** Calls the check of {@code target} with this check's own value. */
    private CodeBlock self(At target) throws UnsupportedException {
        return call(target, type, CodeBlock.of("v"), kind != Kind.OBJECT, nonNull);
    }

    // ---- Conditions, folded when known at build time ----

    private void fail(CodeBlock condition) {
        if (condition.equals(FALSE)) {
            return;
        }
        b.beginControlFlow("if ($L)", condition).addStatement("return false").endControlFlow();
    }

    private static CodeBlock not(CodeBlock c) {
        if (c.equals(TRUE)) {
            return FALSE;
        }
        if (c.equals(FALSE)) {
            return TRUE;
        }
        String text = c.toString();
        if (text.matches("[\\w.()]+ != null")) {
            return CodeBlock.of("$L", text.replace(" != null", " == null"));
        }
        return text.matches("[\\w.]+\\([\\w.]*\\)") ? CodeBlock.of("!$L", c) : CodeBlock.of("!($L)", c);
    }

    private static CodeBlock any(List<CodeBlock> terms) {
        List<CodeBlock> kept = new ArrayList<>();
        for (CodeBlock t : terms) {
            if (t.equals(TRUE)) {
                return TRUE;
            }
            if (!t.equals(FALSE)) {
                kept.add(t);
            }
        }
        return kept.isEmpty() ? FALSE : CodeBlock.join(kept, " || ");
    }

    /** {@code v != null}, or true when the value is known to be present. */
    private CodeBlock present() {
        return nonNull ? TRUE : CodeBlock.of("v != null");
    }

    private CodeBlock absent() {
        return nonNull ? FALSE : CodeBlock.of("v == null");
    }

    /** Opens {@code if (v != null)} unless the value is known to be present; returns whether it did. */
    private boolean openPresent() {
        if (nonNull) {
            return false;
        }
        b.beginControlFlow("if (v != null)");
        return true;
    }

    // ---- One schema location ----

    private void node() throws UnsupportedException {
        JsonNode s = at.node();
        if (s.isBoolean()) {
            b.addStatement("return $L", s.asBoolean());
            return;
        }
        if (!s.isObject()) {
            throw unsupported(at, "a schema that is not an object or a boolean");
        }
        for (String keyword : s.propertyNames()) {
            if (UNSUPPORTED.contains(keyword)) {
                throw unsupported(at.child(keyword), keyword);
            }
            if (keyword.equals("$id") && !at.pointer().isEmpty()) {
                throw unsupported(at.child(keyword), "$id below the root");
            }
        }
        if (at.draft7() && s.has("$ref")) {
            // draft-07: a $ref's siblings are ignored.
            b.addStatement("return $L", self(context.ref(at)));
            return;
        }
        JDefinedClass defined = classes.defined(type);
        if (kind == Kind.OBJECT && defined != null && defined.getClassType() == ClassType.ENUM) {
            // An enum is written as its value.
            JMethod value = DataClasses.enumValue(defined);
            if (value == null) {
                throw unsupported(at, "an enum class without @JsonValue value()");
            }
            b.beginControlFlow("if (v instanceof $T e)", DataClasses.className(defined))
                    .addStatement("v = e.value()")
                    .endControlFlow();
            type = value.type();
        }
        type();
        if (s.has("const")) {
            enumeration(JsonNodeFactory.instance.arrayNode().add(s.get("const")));
        }
        if (s.has("enum")) {
            if (!s.get("enum").isArray()) {
                throw unsupported(at.child("enum"), "enum");
            }
            enumeration(s.get("enum"));
        }
        strings();
        numbers();
        arrays();
        objects();
        applicators();
        b.addStatement("return true");
    }

    private void type() throws UnsupportedException {
        JsonNode t = at.node().get("type");
        if (t == null) {
            return;
        }
        List<JsonNode> types = new ArrayList<>();
        if (t.isArray()) {
            t.forEach(types::add);
        } else {
            types.add(t);
        }
        List<CodeBlock> terms = new ArrayList<>();
        boolean nullable = false;
        for (JsonNode n : types) {
            String name = n.asString("");
            nullable |= name.equals("null");
            if (!Set.of("null", "boolean", "string", "integer", "number", "array", "object").contains(name)) {
                throw unsupported(at.child("type"), "type " + n);
            }
            terms.add(name.equals("null") ? absentValue() : isType(name));
        }
        fail(not(any(terms)));
        if (!nullable && kind != Kind.OBJECT) {
            nonNull = true;
        }
    }

    /** Whether the value is written as null. */
    private CodeBlock absentValue() {
        return switch (kind) {
            case OBJECT -> CodeBlock.of("v == null");
            case ENUM -> nonNull ? CodeBlock.of("v.value() == null") : CodeBlock.of("v == null || v.value() == null");
            default -> absent();
        };
    }

    /** Whether the value is written as JSON type {@code name} (not null). */
    private CodeBlock isType(String name) {
        CodeBlock p = present();
        return switch (kind) {
            case OBJECT -> switch (name) {
                case "boolean" -> CodeBlock.of("v instanceof Boolean");
                case "string" -> CodeBlock.of("$T.isString(v)", CHECKS);
                case "integer" -> CodeBlock.of("$T.isInteger(v)", CHECKS);
                case "number" -> CodeBlock.of("$T.isNumber(v)", CHECKS);
                case "array" -> CodeBlock.of("$T.isArray(v)", CHECKS);
                default -> CodeBlock.of("$T.isObject(v)", CHECKS);
            };
            case STRING, TEXT -> name.equals("string") ? p : FALSE;
            case INTEGRAL -> name.equals("integer") || name.equals("number") ? p : FALSE;
            case DOUBLE -> switch (name) {
                case "number" -> CodeBlock.of("$T.isNumber(v)", CHECKS);
                case "integer" -> CodeBlock.of("$T.isInteger(v)", CHECKS);
                default -> FALSE;
            };
            case DECIMAL -> switch (name) {
                case "number" -> p;
                case "integer" -> CodeBlock.of("$T.isInteger(v)", CHECKS);
                default -> FALSE;
            };
            case BOOLEAN -> name.equals("boolean") ? p : FALSE;
            case ENUM -> name.equals("string")
                    ? nonNull ? CodeBlock.of("v.value() != null") : CodeBlock.of("v != null && v.value() != null")
                    : FALSE;
            case DATA -> name.equals("object") ? p : FALSE;
            case ARRAY -> name.equals("array") ? p : FALSE;
        };
    }

    /** {@code enum} and {@code const}: equal, as JSON, to one of {@code values}. */
    private void enumeration(JsonNode values) {
        boolean hasNull = false;
        List<String> strings = new ArrayList<>();
        List<Long> longs = new ArrayList<>();
        List<Boolean> booleans = new ArrayList<>();
        for (JsonNode n : values) {
            if (n.isNull()) {
                hasNull = true;
            } else if (n.isString()) {
                strings.add(n.asString());
            } else if (n.isBoolean()) {
                booleans.add(n.asBoolean());
            } else if (n.isNumber() && integral(n.decimalValue())) {
                longs.add(n.decimalValue().longValueExact());
            }
        }
        CodeBlock orNull = hasNull ? absent() : FALSE;
        CodeBlock p = present();
        List<CodeBlock> terms = new ArrayList<>();
        switch (kind) {
            case STRING -> {
                if (strings.size() > DIRECT) {
                    fail(CodeBlock.of("!$L.contains(v)", values(values)));
                    return;
                }
                strings.forEach(x -> terms.add(CodeBlock.of("$S.equals(v)", x)));
                fail(not(any(List.of(any(terms), orNull))));
            }
            case INTEGRAL -> {
                if (longs.size() > DIRECT) {
                    fail(CodeBlock.of("!$L.contains(v)", values(values)));
                    return;
                }
                longs.forEach(x -> terms.add(CodeBlock.of("v.longValue() == $LL", x)));
                CodeBlock some = any(terms);
                fail(not(any(List.of(some.equals(FALSE) || p.equals(TRUE) ? some : CodeBlock.of("v != null && ($L)",
                        some), orNull))));
            }
            case BOOLEAN -> {
                booleans.stream().distinct().forEach(x -> terms.add(CodeBlock.of(x ? "v" : "!v")));
                CodeBlock some = any(terms);
                fail(not(any(List.of(some.equals(FALSE) || p.equals(TRUE) ? some : CodeBlock.of("v != null && ($L)",
                        some), orNull))));
            }
            case ENUM -> {
                ClassName e = DataClasses.className(classes.defined(type));
                String set = context.constant("E", ParameterizedTypeName.get(ClassName.get(Set.class), e),
                        CodeBlock.of("$T.constants($T.class, $T::value, $L)", CHECKS, e, e, values(values)));
                fail(not(any(List.of(CodeBlock.of("$L.contains(v)", set), orNull))));
            }
            default -> fail(CodeBlock.of("!$L.contains(v)", values(values)));
        }
    }

    private static boolean integral(BigDecimal d) {
        BigDecimal t = d.stripTrailingZeros();
        return (d.signum() == 0 || t.scale() <= 0) && t.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                && t.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
    }

    private String values(JsonNode array) {
        return context.constant("V", VALUES, CodeBlock.of("$T.values($S)", CHECKS, array.toString()));
    }

    // ---- Strings ----

    private void strings() throws UnsupportedException {
        JsonNode s = at.node();
        if (!s.has("minLength") && !s.has("maxLength") && !s.has("pattern") && !s.has("format")) {
            return;
        }
        CodeBlock text;
        boolean opened = true;
        switch (kind) {
            case OBJECT -> {
                b.beginControlFlow("if ($T.isString(v))", CHECKS);
                text = CodeBlock.of("$L", local("s"));
                if (s.has("minLength") || s.has("maxLength") || s.has("pattern")) {
                    b.addStatement("String $L = $T.text(v)", text, CHECKS);
                }
            }
            case STRING -> {
                opened = openPresent();
                text = CodeBlock.of("v");
            }
            case TEXT -> {
                opened = openPresent();
                text = CodeBlock.of("$L", local("s"));
                if (s.has("minLength") || s.has("maxLength") || s.has("pattern")) {
                    b.addStatement("String $L = $T.text(v)", text, CHECKS);
                }
            }
            case ENUM -> {
                text = CodeBlock.of("$L", local("s"));
                b.addStatement("String $L = $L", text, nonNull ? CodeBlock.of("v.value()")
                        : CodeBlock.of("v == null ? null : v.value()"));
                b.beginControlFlow("if ($L != null)", text);
            }
            default -> {
                return;
            }
        }
        if (s.has("minLength") || s.has("maxLength")) {
            String length = local("n");
            b.addStatement("int $L = $T.length($L)", length, CHECKS, text);
            if (s.has("minLength")) {
                fail(CodeBlock.of("$L < $L", length, count(at, "minLength")));
            }
            if (s.has("maxLength")) {
                fail(CodeBlock.of("$L > $L", length, count(at, "maxLength")));
            }
        }
        if (s.has("pattern")) {
            fail(CodeBlock.of("!$L.test($L)", pattern(at.child("pattern")), text));
        }
        if (s.has("format")) {
            JsonNode f = s.get("format");
            if (!f.isString()) {
                throw unsupported(at.child("format"), "format");
            }
            String format = context.constant("F", FORMAT_CHECK, CodeBlock.of("$T.format($S)", CHECKS, f.asString()));
            fail(CodeBlock.of("!$L.test($L)", format, kind == Kind.OBJECT || kind == Kind.TEXT ? CodeBlock.of("v")
                    : text));
        }
        if (opened) {
            b.endControlFlow();
        }
    }

    private String pattern(At p) throws UnsupportedException {
        if (!p.node().isString()) {
            throw unsupported(p, "pattern");
        }
        return context.constant("P", PREDICATE_OF_STRING, CodeBlock.of("$T.pattern($S)", CHECKS, p.node().asString()));
    }

    private static long count(At at, String keyword) throws UnsupportedException {
        JsonNode v = at.node().get(keyword);
        if (v == null || !v.isNumber() || !v.canConvertToLong() || v.decimalValue().stripTrailingZeros().scale() > 0
                || v.longValue() < 0) {
            throw unsupported(at.child(keyword), keyword);
        }
        return v.longValue();
    }

    // ---- Numbers ----

    private void numbers() throws UnsupportedException {
        JsonNode s = at.node();
        List<String> bounds = List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");
        boolean any = s.has("multipleOf");
        for (String k : bounds) {
            any |= s.has(k);
        }
        if (!any) {
            return;
        }
        String n = local("n");
        boolean opened = true;
        switch (kind) {
            case OBJECT -> b.beginControlFlow("if ($T.isNumber(v))", CHECKS)
                    .addStatement("$T $L = ($T) v", Number.class, n, Number.class);
            case INTEGRAL -> {
                opened = openPresent();
                b.addStatement("long $L = v.longValue()", n);
            }
            case DOUBLE -> b.beginControlFlow("if ($T.isNumber(v))", CHECKS)
                    .addStatement("double $L = v.doubleValue()", n);
            case DECIMAL -> {
                opened = openPresent();
                b.addStatement("$T $L = v", BigDecimal.class, n);
            }
            default -> {
                return;
            }
        }
        for (String k : bounds) {
            JsonNode bound = s.get(k);
            if (bound == null) {
                continue;
            }
            if (!bound.isNumber()) {
                throw unsupported(at.child(k), k + " " + bound);
            }
            String op = switch (k) {
                case "minimum" -> "<";
                case "maximum" -> ">";
                case "exclusiveMinimum" -> "<=";
                default -> ">=";
            };
            String limit = context.constant("B", BOUND, CodeBlock.of("$T.bound($S)", CHECKS,
                    bound.decimalValue().toString()));
            fail(CodeBlock.of("$L.compare($L) $L 0", limit, n, op));
        }
        JsonNode divisor = s.get("multipleOf");
        if (divisor != null) {
            if (!divisor.isNumber() || divisor.decimalValue().signum() <= 0) {
                throw unsupported(at.child("multipleOf"), "multipleOf " + divisor);
            }
            String exact = context.constant("D", ClassName.get(BigDecimal.class), CodeBlock.of("$T.decimal($S)",
                    CHECKS, divisor.decimalValue().toString()));
            fail(CodeBlock.of("!$T.multipleOf($L, $L)", CHECKS, n, exact));
        }
        if (opened) {
            b.endControlFlow();
        }
    }

    // ---- Arrays ----

    private void arrays() throws UnsupportedException {
        JsonNode s = at.node();
        boolean tuple = at.draft7() && s.path("items").isArray();
        if (!at.draft7() && s.path("items").isArray()) {
            throw unsupported(at.child("items"), "items as an array in draft 2020-12");
        }
        String prefixKey = at.draft7() ? (tuple ? "items" : null) : "prefixItems";
        String restKey = at.draft7() ? (tuple ? "additionalItems" : "items") : "items";
        boolean hasPrefix = prefixKey != null && s.has(prefixKey);
        boolean hasRest = s.has(restKey) && (!at.draft7() || restKey.equals("items") || tuple);
        if (!s.has("minItems") && !s.has("maxItems") && !s.has("uniqueItems") && !s.has("contains") && !hasPrefix
                && !hasRest) {
            return;
        }
        String a;
        boolean opened = true;
        if (kind == Kind.OBJECT) {
            a = local("a");
            b.beginControlFlow("if (v instanceof $T $L)", DataClasses.ANY_COLLECTION, a);
        } else if (kind == Kind.ARRAY) {
            a = "v";
            opened = openPresent();
        } else {
            return;
        }
        JType item = DataClasses.itemType(type);
        if (s.has("minItems")) {
            fail(CodeBlock.of("$L.size() < $L", a, count(at, "minItems")));
        }
        if (s.has("maxItems")) {
            fail(CodeBlock.of("$L.size() > $L", a, count(at, "maxItems")));
        }
        if (s.path("uniqueItems").asBoolean(false)) {
            fail(CodeBlock.of("!$T.$L($L)", CHECKS, classes.equalsIsJsonEquality(item) ? "distinct" : "unique", a));
        }
        boolean contains = s.has("contains");
        if (hasPrefix || hasRest || contains) {
            String i = local("i");
            String x = local("x");
            String found = local("c");
            CodeBlock xv = CodeBlock.of("$L", x);
            if (hasPrefix) {
                b.addStatement("int $L = 0", i);
            }
            if (contains) {
                b.addStatement("int $L = 0", found);
            }
            b.beginControlFlow("for (Object $L : $L)", x, a);
            if (hasPrefix) {
                JsonNode prefix = s.get(prefixKey);
                if (!prefix.isArray()) {
                    throw unsupported(at.child(prefixKey), prefixKey);
                }
                b.beginControlFlow("switch ($L)", i);
                for (int k = 0; k < prefix.size(); k++) {
                    b.add("case $L:\n", k).indent();
                    fail(not(call(at.child(prefixKey, Integer.toString(k)), item, xv, false, false)));
                    b.addStatement("break").unindent();
                }
                b.add("default:\n").indent();
                if (hasRest) {
                    fail(not(call(at.child(restKey), item, xv, false, false)));
                }
                b.addStatement("break").unindent();
                b.endControlFlow();
            } else if (hasRest) {
                fail(not(call(at.child(restKey), item, xv, false, false)));
            }
            if (contains) {
                b.beginControlFlow("if ($L)", call(at.child("contains"), item, xv, false, false))
                        .addStatement("$L++", found).endControlFlow();
            }
            if (hasPrefix) {
                b.addStatement("$L++", i);
            }
            b.endControlFlow();
            if (contains) {
                long min = s.has("minContains") ? count(at, "minContains") : 1;
                fail(CodeBlock.of("$L < $L", found, min));
                if (s.has("maxContains")) {
                    fail(CodeBlock.of("$L > $L", found, count(at, "maxContains")));
                }
            }
        }
        if (opened) {
            b.endControlFlow();
        }
    }

    // ---- Objects ----

    private static boolean hasObjectKeywords(JsonNode s) {
        for (String k : List.of("properties", "required", "additionalProperties", "patternProperties",
                "propertyNames", "minProperties", "maxProperties", "dependentRequired", "dependentSchemas",
                "dependencies")) {
            if (s.has(k)) {
                return true;
            }
        }
        return false;
    }

    private void objects() throws UnsupportedException {
        if (!hasObjectKeywords(at.node())) {
            return;
        }
        if (kind == Kind.DATA) {
            // A subclass of a data class may write more: not sure then.
            boolean opened = openPresent();
            JDefinedClass cls = classes.defined(type);
            fail(CodeBlock.of("v.getClass() != $T.class", DataClasses.className(cls)));
            typedObject(cls, "v");
            if (opened) {
                b.endControlFlow();
            }
            return;
        }
        if (kind != Kind.OBJECT) {
            return;
        }
        JDefinedClass cls = classes.defined(type);
        if (cls != null && cls.getClassType() == ClassType.CLASS) {
            // Only a data class with a superclass is not of kind DATA.
            throw unsupported(at, "a data class with a superclass");
        }
        b.beginControlFlow("if (v instanceof $T m)", ANY_MAP);
        mapObject();
        // A data object the static type does not announce (a subclass, or one put in a map): not sure.
        b.nextControlFlow("else if ($T.isObject(v))", CHECKS).addStatement("return false").endControlFlow();
    }

    private void typedObject(JDefinedClass cls, String c) throws UnsupportedException {
        JsonNode s = at.node();
        List<Property> props;
        try {
            props = DataClasses.properties(cls);
        } catch (DataClasses.MissingGetter e) {
            throw unsupported(at, e.getMessage());
        }
        JMethod any = DataClasses.anyGetter(cls);
        if (any != null && (!any.params().isEmpty() || !any.type().erasure().fullName().equals("java.util.Map"))) {
            throw unsupported(at, "an any-getter that is not a map");
        }
        JType anyValue = any != null && any.type() instanceof JClass mc && mc.getTypeParameters().size() == 2
                ? mc.getTypeParameters().get(1) : null;
        boolean counted = s.has("minProperties") || s.has("maxProperties");
        String count = local("k");
        if (counted) {
            b.addStatement("int $L = 0", count);
        }
        Map<String, String> present = new HashMap<>();
        boolean names = namesChecked(s);
        for (Property p : props) {
            String value = local("p");
            CodeBlock checks = CodeBlock.of("");
            if (names) {
                CodeBlock.Builder outer = b;
                b = CodeBlock.builder();
                nameChecks(CodeBlock.of("$S", p.name()), CodeBlock.of("$L", value), !p.type().isPrimitive(),
                        p.type(), p.name());
                checks = b.build();
                b = outer;
            }
            if (checks.isEmpty() && !counted) {
                // Nothing to check of its value: only whether it is there, if that matters.
                present.put(p.name(), c + "." + p.getter() + "() != null");
                continue;
            }
            b.addStatement("$L $L = $L.$L()", p.type().isPrimitive() ? "Object" : "var", value, c, p.getter());
            present.put(p.name(), value + " != null");
            b.beginControlFlow("if ($L != null)", value);
            if (counted) {
                b.addStatement("$L++", count);
            }
            b.add(checks).endControlFlow();
        }
        String map = null;
        if (any != null) {
            map = local("m");
            b.addStatement("$T $L = $L.$L()", ANY_MAP, map, c, any.name());
            if (counted) {
                b.addStatement("$L += $L.size()", count, map);
            }
            boolean entries = s.has("patternProperties") || s.has("additionalProperties") || s.has("propertyNames");
            for (String declared : s.path("properties").propertyNames()) {
                entries |= !present.containsKey(declared);
            }
            if (!props.isEmpty() || entries) {
                b.beginControlFlow("if (!$L.isEmpty())", map);
                if (!props.isEmpty()) {
                    // A property's name among the additional ones is written twice: not sure then.
                    CodeBlock.Builder set = CodeBlock.builder().add("$T.of(", Set.class);
                    for (int i = 0; i < props.size(); i++) {
                        set.add(i == 0 ? "$S" : ", $S", props.get(i).name());
                    }
                    String declared = context.constant("N", ParameterizedTypeName.get(Set.class, String.class),
                            set.add(")").build());
                    fail(CodeBlock.of("$T.overlaps($L, $L)", CHECKS, map, declared));
                }
                if (entries) {
                    String e = local("e");
                    b.beginControlFlow("for ($T.Entry<?, ?> $L : $L.entrySet())", Map.class, e, map);
                    fail(not(context.entry(at, anyValue, CodeBlock.of("String.valueOf($L.getKey())", e),
                            CodeBlock.of("$L.getValue()", e))));
                    b.endControlFlow();
                }
                b.endControlFlow();
            }
        }
        String mapName = map;
        objectCounts(count, n -> {
            String field = present.get(n);
            if (field != null) {
                return CodeBlock.of("$L", field);
            }
            return mapName == null ? FALSE : CodeBlock.of("$L.containsKey($S)", mapName, n);
        });
    }

    private void mapObject() throws UnsupportedException {
        String count = "m.size()";
        if (namesChecked(at.node())) {
            String e = local("e");
            b.beginControlFlow("for ($T.Entry<?, ?> $L : m.entrySet())", Map.class, e);
            fail(not(context.entry(at, null, CodeBlock.of("String.valueOf($L.getKey())", e),
                    CodeBlock.of("$L.getValue()", e))));
            b.endControlFlow();
        }
        objectCounts(count, n -> CodeBlock.of("m.containsKey($S)", n));
    }

    /** required, min/maxProperties, dependentRequired, dependentSchemas (and draft-07's dependencies). */
    private void objectCounts(String count, Function<String, CodeBlock> present) throws UnsupportedException {
        JsonNode s = at.node();
        JsonNode required = s.get("required");
        if (required != null) {
            if (!required.isArray()) {
                throw unsupported(at.child("required"), "required");
            }
            for (JsonNode r : required) {
                fail(not(present.apply(r.asString())));
            }
        }
        if (s.has("minProperties")) {
            fail(CodeBlock.of("$L < $L", count, count(at, "minProperties")));
        }
        if (s.has("maxProperties")) {
            fail(CodeBlock.of("$L > $L", count, count(at, "maxProperties")));
        }
        Map<String, At> dependentSchemas = new LinkedHashMap<>();
        Map<String, JsonNode> dependentRequired = new LinkedHashMap<>();
        if (s.has("dependentRequired") && !at.draft7()) {
            s.get("dependentRequired").properties().forEach(e -> dependentRequired.put(e.getKey(), e.getValue()));
        }
        if (s.has("dependentSchemas") && !at.draft7()) {
            for (String n : s.get("dependentSchemas").propertyNames()) {
                dependentSchemas.put(n, at.child("dependentSchemas", n));
            }
        }
        if (s.has("dependencies") && at.draft7()) {
            for (Map.Entry<String, JsonNode> e : s.get("dependencies").properties()) {
                if (e.getValue().isArray()) {
                    dependentRequired.put(e.getKey(), e.getValue());
                } else {
                    dependentSchemas.put(e.getKey(), at.child("dependencies", e.getKey()));
                }
            }
        }
        for (Map.Entry<String, JsonNode> e : dependentRequired.entrySet()) {
            List<CodeBlock> missing = new ArrayList<>();
            for (JsonNode r : e.getValue()) {
                missing.add(not(present.apply(r.asString())));
            }
            CodeBlock anyMissing = any(missing);
            CodeBlock has = present.apply(e.getKey());
            if (!anyMissing.equals(FALSE) && !has.equals(FALSE)) {
                fail(CodeBlock.of("($L) && ($L)", has, anyMissing));
            }
        }
        for (Map.Entry<String, At> e : dependentSchemas.entrySet()) {
            CodeBlock has = present.apply(e.getKey());
            CodeBlock ok = self(e.getValue());
            if (!has.equals(FALSE) && !ok.equals(TRUE)) {
                fail(CodeBlock.of("($L) && !$L", has, ok));
            }
        }
    }

    private static boolean namesChecked(JsonNode s) {
        return s.has("properties") || s.has("patternProperties") || s.has("additionalProperties")
                || s.has("propertyNames");
    }

    /**
     * The checks of one present property whose name is known at build time: its {@code properties} schema, the
     * {@code patternProperties} schemas whose pattern matches it (decided once, when the class loads), else
     * {@code additionalProperties}, and {@code propertyNames}.
     */
    private void nameChecks(CodeBlock nameLiteral, CodeBlock value, boolean valueTyped, @Nullable JType valueType,
            String name) throws UnsupportedException {
        JsonNode s = at.node();
        boolean declared = s.path("properties").has(name);
        if (declared) {
            fail(not(call(at.child("properties", name), valueType, value, valueTyped, true)));
        }
        List<String> matched = new ArrayList<>();
        if (s.has("patternProperties")) {
            for (String pattern : s.get("patternProperties").propertyNames()) {
                At p = at.child("patternProperties", pattern);
                String matches = context.constant("M", TypeName.BOOLEAN, CodeBlock.of("$L.test($L)",
                        context.constant("P", PREDICATE_OF_STRING, CodeBlock.of("$T.pattern($S)", CHECKS, pattern)),
                        nameLiteral));
                matched.add(matches);
                CodeBlock ok = call(p, valueType, value, valueTyped, true);
                if (!ok.equals(TRUE)) {
                    fail(CodeBlock.of("$L && !$L", matches, ok));
                }
            }
        }
        if (s.has("additionalProperties") && !declared) {
            CodeBlock ok = call(at.child("additionalProperties"), valueType, value, valueTyped, true);
            if (!ok.equals(TRUE)) {
                fail(matched.isEmpty() ? not(ok) : CodeBlock.of("!($L) && !$L", String.join(" || ", matched), ok));
            }
        }
        if (s.has("propertyNames")) {
            fail(not(call(at.child("propertyNames"), null, nameLiteral, false, true)));
        }
    }

    /** One present property of a map (see nameChecks): {@code name} and {@code v} are the parameters. */
    private void entry() throws UnsupportedException {
        JsonNode s = at.node();
        CodeBlock value = CodeBlock.of("v");
        boolean matching = s.has("additionalProperties");
        if (matching) {
            b.addStatement("boolean matched = false");
        }
        if (s.has("properties")) {
            if (!s.get("properties").isObject()) {
                throw unsupported(at.child("properties"), "properties");
            }
            b.beginControlFlow("switch (name)");
            for (String n : s.get("properties").propertyNames()) {
                b.add("case $S:\n", n).indent();
                if (matching) {
                    b.addStatement("matched = true");
                }
                fail(not(call(at.child("properties", n), type, value, false, false)));
                b.addStatement("break").unindent();
            }
            b.add("default:\n").indent().addStatement("break").unindent();
            b.endControlFlow();
        }
        if (s.has("patternProperties")) {
            for (String pattern : s.get("patternProperties").propertyNames()) {
                String compiled = context.constant("P", PREDICATE_OF_STRING,
                        CodeBlock.of("$T.pattern($S)", CHECKS, pattern));
                b.beginControlFlow("if ($L.test(name))", compiled);
                if (matching) {
                    b.addStatement("matched = true");
                }
                fail(not(call(at.child("patternProperties", pattern), type, value, false, false)));
                b.endControlFlow();
            }
        }
        if (matching) {
            CodeBlock ok = call(at.child("additionalProperties"), type, value, false, false);
            if (!ok.equals(TRUE)) {
                fail(CodeBlock.of("!matched && !$L", ok));
            }
        }
        if (s.has("propertyNames")) {
            fail(not(call(at.child("propertyNames"), null, CodeBlock.of("name"), false, true)));
        }
        b.addStatement("return true");
    }

    // ---- Applicators ----

    private void applicators() throws UnsupportedException {
        JsonNode s = at.node();
        if (s.has("$ref")) {
            fail(not(self(context.ref(at))));
        }
        if (s.has("allOf")) {
            for (int i = 0; i < list("allOf").size(); i++) {
                fail(not(self(at.child("allOf", Integer.toString(i)))));
            }
        }
        if (s.has("anyOf")) {
            List<CodeBlock> any = new ArrayList<>();
            for (int i = 0; i < list("anyOf").size(); i++) {
                any.add(self(at.child("anyOf", Integer.toString(i))));
            }
            fail(not(any(any)));
        }
        if (s.has("oneOf")) {
            String n = local("one");
            b.addStatement("int $L = 0", n);
            for (int i = 0; i < list("oneOf").size(); i++) {
                CodeBlock ok = self(at.child("oneOf", Integer.toString(i)));
                if (ok.equals(TRUE)) {
                    b.addStatement("$L++", n);
                } else {
                    b.beginControlFlow("if ($L)", ok).addStatement("$L++", n).endControlFlow();
                }
            }
            fail(CodeBlock.of("$L != 1", n));
        }
        if (s.has("not")) {
            fail(self(at.child("not")));
        }
        if (s.has("if") && (s.has("then") || s.has("else"))) {
            CodeBlock condition = self(at.child("if"));
            CodeBlock then = s.has("then") ? self(at.child("then")) : TRUE;
            CodeBlock otherwise = s.has("else") ? self(at.child("else")) : TRUE;
            if (!then.equals(TRUE) || !otherwise.equals(TRUE)) {
                b.beginControlFlow("if ($L)", condition);
                fail(not(then));
                b.nextControlFlow("else");
                fail(not(otherwise));
                b.endControlFlow();
            }
        }
    }

    private JsonNode list(String keyword) throws UnsupportedException {
        JsonNode v = at.node().get(keyword);
        if (!v.isArray() || v.isEmpty()) {
            throw unsupported(at.child(keyword), keyword);
        }
        return v;
    }
}
