package io.kafkaesk.codegen.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.codemodel.ClassType;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JType;
import io.kafkaesk.codegen.internal.ClassModel.Kind;
import io.kafkaesk.codegen.internal.ValidatorGenerator.At;
import io.kafkaesk.codegen.internal.ValidatorGenerator.UnsupportedException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Writes the body of one generated check: the statements that decide each keyword of one schema location for a
 * value {@code v} of one static Java type, kind by kind (type, enum and const, strings, numbers, arrays,
 * applicators; the object keywords through {@link ObjectKeywords}). Which checks exist and where they live is
 * {@link ValidatorGenerator}'s; a keyword that needs another location's check asks its {@link Context} for the call.
 *
 * <p>Over 400 lines because it is the one reading of every non-object keyword for published data: one small method a
 * keyword kind, which a split would only scatter (the object keywords already live in {@link ObjectKeywords}).
 */
final class KeywordEmitter {
    static final ClassName CHECKS = ClassName.get("io.kafkaesk", "SchemaChecks");
    private static final ClassName VALUES = CHECKS.nestedClass("Values");
    private static final ClassName FORMAT_CHECK = CHECKS.nestedClass("FormatCheck");
    private static final ClassName BOUND = CHECKS.nestedClass("Bound");
    static final TypeName PREDICATE_OF_STRING = ParameterizedTypeName.get(
            ClassName.get(Predicate.class), ClassName.get(String.class));
    static final TypeName ANY_MAP = ParameterizedTypeName.get(ClassName.get(Map.class),
            WildcardTypeName.subtypeOf(Object.class), WildcardTypeName.subtypeOf(Object.class));
    static final CodeBlock TRUE = CodeBlock.of("true");
    static final CodeBlock FALSE = CodeBlock.of("false");
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

    final Context context;
    final ClassModel classes;
    private final CodeBlock.Builder b = CodeBlock.builder();
    private int locals;
    final At at;
    @Nullable JType type;
    final Kind kind;
    boolean nonNull;

    private KeywordEmitter(Context context, ClassModel classes, At at, @Nullable JType type, boolean nonNull) {
        this.context = context;
        this.classes = classes;
        this.at = at;
        this.type = type;
        this.kind = classes.kind(type);
        this.nonNull = nonNull && kind != Kind.OBJECT;
    }

    /** The body of {@code boolean check(T v)} for the schema at {@code at}, T the parameter of {@code type}. */
    static CodeBlock body(Context context, ClassModel classes, At at, @Nullable JType type, boolean nonNull)
            throws UnsupportedException {
        KeywordEmitter e = new KeywordEmitter(context, classes, at, type, nonNull);
        e.node();
        return e.b.build();
    }

    /** The body of {@code boolean check(String name, Object v)}: one map entry against the property keywords. */
    static CodeBlock entryBody(Context context, ClassModel classes, At at, @Nullable JType type)
            throws UnsupportedException {
        KeywordEmitter e = new KeywordEmitter(context, classes, at, type, false);
        new ObjectKeywords(e, e.b).entry();
        return e.b.build();
    }

    static UnsupportedException unsupported(At at, String keyword) {
        return new UnsupportedException(new ValidatorGenerator.Unsupported(at.file(), at.pointer(), keyword));
    }

    String local(String base) {
        return base + (++locals);
    }

    CodeBlock call(At target, @Nullable JType t, CodeBlock arg, boolean argTyped, boolean argNonNull)
            throws UnsupportedException {
        return context.call(target, t, arg, argTyped, argNonNull);
    }

    /** Calls the check of {@code target} with this check's own value. */
    CodeBlock self(At target) throws UnsupportedException {
        return call(target, type, CodeBlock.of("v"), kind != Kind.OBJECT, nonNull);
    }

    /**
     * Refuses a value held as {@code Object} that is not of its static type (a list filled through a raw type):
     * the typed check it is handed to could not take it, and the JSON Schema validator decides instead.
     */
    void refuseOtherTypes(CodeBlock value, @Nullable JType staticType) {
        if (classes.kind(staticType) != Kind.OBJECT) {
            fail(CodeBlock.of("$L != null && !($L instanceof $T)", value, value, classes.parameter(staticType)));
        }
    }

    // ---- Conditions, folded when known at build time ----

    private void fail(CodeBlock condition) {
        if (condition.equals(FALSE)) {
            return;
        }
        b.beginControlFlow("if ($L)", condition).addStatement("return false").endControlFlow();
    }

    static CodeBlock not(CodeBlock c) {
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

    static CodeBlock any(List<CodeBlock> terms) {
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
            JMethod value = ClassModel.enumValue(defined);
            if (value == null) {
                throw unsupported(at, "an enum class without @JsonValue value()");
            }
            b.beginControlFlow("if (v instanceof $T e)", ClassModel.className(defined))
                    .addStatement("v = e.value()")
                    .endControlFlow();
            type = value.type();
            refuseOtherTypes(CodeBlock.of("v"), type);
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
        new ObjectKeywords(this, b).objects();
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
                ClassName e = ClassModel.className(classes.defined(type));
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

    static long count(At at, String keyword) throws UnsupportedException {
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
            if (kind == Kind.INTEGRAL && integral(bound.decimalValue())) {
                // A long against a whole bound within long's range: Java's own comparison is exact.
                fail(CodeBlock.of("$L $L $LL", n, op, bound.decimalValue().toBigIntegerExact()));
                continue;
            }
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
            b.beginControlFlow("if (v instanceof $T $L)", ClassModel.ANY_COLLECTION, a);
        } else if (kind == Kind.ARRAY) {
            a = "v";
            opened = openPresent();
        } else {
            return;
        }
        JType item = ClassModel.itemType(type);
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
            refuseOtherTypes(xv, item);
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
