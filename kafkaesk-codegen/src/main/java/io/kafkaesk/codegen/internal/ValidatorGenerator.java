package io.kafkaesk.codegen.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.codemodel.ClassType;
import com.sun.codemodel.JAnnotationUse;
import com.sun.codemodel.JAnnotationValue;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JFieldVar;
import com.sun.codemodel.JFormatter;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JType;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Writes the validator of a message schema: plain Java over the getters of the classes jsonschema2pojo generated,
 * which decides whether a data object, written as JSON by kafkaesk's mapper, conforms to the schema file. It is
 * the one reading of JSON Schema's keywords for published data; what is more than a comparison (formats,
 * regular expressions, exact numbers, JSON equality) it leaves to the runtime's {@code io.kafkaesk.SchemaChecks}.
 *
 * <p>Each schema location it reaches with a Java type becomes one static method {@code boolean sN(Object v)},
 * so a {@code $ref} (within a file or to another file) is a call, and a recursive schema a recursive call. A
 * value is judged by what it is when written: a data class by its getters and its additional properties, a map
 * by its entries, an enum by its {@code @JsonValue}, a date by its text. What it cannot be sure of at run time
 * (a subclass of a data class, a data object where a map was expected) it refuses, and the runtime's JSON Schema
 * validator then has the last word.
 *
 * <p>A schema that uses a keyword it does not read ({@code $dynamicRef}, {@code unevaluatedProperties}, an
 * anchor, a nested {@code $id}, ...) gets no validator: {@link #generate} names the file, pointer and keyword.
 */
public final class ValidatorGenerator {
    private static final ClassName CHECKS = ClassName.get("io.kafkaesk", "SchemaChecks");
    private static final ClassName VALUES = CHECKS.nestedClass("Values");
    private static final ClassName FORMAT_CHECK = CHECKS.nestedClass("FormatCheck");
    private static final ClassName BOUND = CHECKS.nestedClass("Bound");
    private static final TypeName PREDICATE_OF_STRING = ParameterizedTypeName.get(
            ClassName.get("java.util.function", "Predicate"), ClassName.get(String.class));
    private static final TypeName ANY_COLLECTION = ParameterizedTypeName.get(
            ClassName.get(Collection.class), WildcardTypeName.subtypeOf(Object.class));
    private static final TypeName ANY_MAP = ParameterizedTypeName.get(ClassName.get(Map.class),
            WildcardTypeName.subtypeOf(Object.class), WildcardTypeName.subtypeOf(Object.class));

    private static final String JSON_PROPERTY = "com.fasterxml.jackson.annotation.JsonProperty";
    private static final String JSON_IGNORE = "com.fasterxml.jackson.annotation.JsonIgnore";
    private static final String JSON_ANY_GETTER = "com.fasterxml.jackson.annotation.JsonAnyGetter";
    private static final String JSON_VALUE = "com.fasterxml.jackson.annotation.JsonValue";

    /** Keywords that never make a value invalid (annotations), and jsonschema2pojo's that change nothing written. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$comment", "$defs", "definitions", "title",
            "description", "examples", "default", "deprecated", "readOnly", "writeOnly", "contentMediaType",
            "contentEncoding", "contentSchema", "x-kafkaesk", "javaType", "javaName", "javaEnumNames", "javaEnums",
            "excludedFromEqualsAndHashCode", "$id");

    /**
     * Keywords it does not read: the schema then gets no validator. Besides JSON Schema's dynamic references,
     * anchors and unevaluated*, jsonschema2pojo's keywords that change what is written.
     */
    private static final Set<String> UNSUPPORTED = Set.of("$dynamicRef", "$dynamicAnchor", "$recursiveRef",
            "$recursiveAnchor", "$anchor", "$vocabulary", "unevaluatedProperties", "unevaluatedItems",
            "javaInterfaces", "existingJavaType", "extends", "extendsJavaClass", "customDateTimePattern",
            "customDatePattern", "customTimePattern", "customTimezone", "formatDateTime", "formatDate",
            "formatTime", "media", "javaJsonView");

    /** A keyword the generator does not read, and where it is. */
    public record Unsupported(String file, String pointer, String keyword) {}

    /** The fields and methods of a validator; {@code conforms(data)} is its entry point. */
    public record Code(List<FieldSpec> fields, List<MethodSpec> methods) {}

    /** The validator of one message schema, or where the keyword it cannot read is. */
    public record Result(@Nullable Code code, @Nullable Unsupported unsupported) {}

    private static final class UnsupportedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Unsupported where;

        UnsupportedException(Unsupported where) {
            super(where.toString(), null, false, false);
            this.where = where;
        }
    }

    /** A schema location: a file and a JSON pointer in it. */
    private record At(String file, String pointer, JsonNode node, boolean draft7) {
        At child(String... segments) {
            String p = pointer;
            JsonNode n = node;
            for (String s : segments) {
                p = p + "/" + s.replace("~", "~0").replace("/", "~1");
                n = n.isArray() ? n.get(Integer.parseInt(s)) : n.get(s);
            }
            return new At(file, p, n, draft7);
        }
    }

    private record Pending(String name, At at, @Nullable JType type, boolean entry) {}

    private final JCodeModel model;
    private final Map<String, SchemaDocument> docs;
    private final Map<String, String> methodNames = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final List<MethodSpec> methods = new ArrayList<>();
    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
    private final Map<String, String> fieldNames = new HashMap<>();
    private int locals;

    private ValidatorGenerator(JCodeModel model, Map<String, SchemaDocument> docs) {
        this.model = model;
        this.docs = docs;
    }

    /** Writes the validator of a message schema over its data class in {@code model}. */
    public static Result generate(JCodeModel model, Map<String, SchemaDocument> docs, MessageModel message) {
        JDefinedClass root = model._getClass(message.qualifiedClassName());
        if (root == null) {
            return new Result(null, new Unsupported(message.doc().file(), "", "javaType"));
        }
        ValidatorGenerator g = new ValidatorGenerator(model, docs);
        try {
            JsonNode schema = message.doc().root();
            At at = new At(message.doc().file(), "", schema, draft7(schema));
            String first = g.method(at, root, false);
            g.drain();
            TypeName data = className(root);
            MethodSpec conforms = MethodSpec.methodBuilder("conforms")
                    .addJavadoc("Whether {@code data}, written as JSON, conforms to the schema file: generated from "
                            + "it, see {@link $T}.\n", CHECKS)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(boolean.class)
                    .addParameter(data, "data")
                    .addStatement("return $L(data)", first)
                    .build();
            List<MethodSpec> all = new ArrayList<>();
            all.add(conforms);
            all.addAll(g.methods);
            return new Result(new Code(List.copyOf(g.fields.values()), all), null);
        } catch (UnsupportedException e) {
            return new Result(null, e.where);
        }
    }

    private static boolean draft7(JsonNode root) {
        return root.path("$schema").asString("").contains("draft-07");
    }

    private void drain() throws UnsupportedException {
        while (!pending.isEmpty()) {
            Pending p = pending.pop();
            methods.add(p.entry ? entryMethod(p) : nodeMethod(p));
        }
    }

    /** The name of the method that checks values of static type {@code type} against the schema at {@code at}. */
    private String method(At at, @Nullable JType type, boolean entry) {
        String key = (entry ? "e " : "s ") + at.file + "#" + at.pointer + " " + (type == null ? "" : type.fullName());
        String name = methodNames.get(key);
        if (name == null) {
            name = (entry ? "e" : "s") + (methodNames.size() + 1);
            methodNames.put(key, name);
            pending.add(new Pending(name, at, type, entry));
        }
        return name;
    }

    private String local(String base) {
        return base + (++locals);
    }

    /** A static final constant, shared by every use of the same initializer. */
    private String constant(String prefix, TypeName type, CodeBlock init) {
        String key = type + "=" + init;
        String name = fieldNames.get(key);
        if (name == null) {
            name = prefix + (fieldNames.size() + 1);
            fieldNames.put(key, name);
            fields.put(name, FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer(init).build());
        }
        return name;
    }

    private static UnsupportedException unsupported(At at, String keyword) {
        return new UnsupportedException(new Unsupported(at.file, at.pointer, keyword));
    }

    // ---- One schema location ----

    private MethodSpec nodeMethod(Pending p) throws UnsupportedException {
        MethodSpec.Builder m = MethodSpec.methodBuilder(p.name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(boolean.class)
                .addParameter(Object.class, "v");
        if (!p.at.pointer.isEmpty() || !p.at.file.isEmpty()) {
            m.addComment("$L#$L", p.at.file, p.at.pointer);
        }
        CodeBlock.Builder b = CodeBlock.builder();
        node(b, p.at, p.type);
        return m.addCode(b.build()).build();
    }

    private void node(CodeBlock.Builder b, At at, @Nullable JType type) throws UnsupportedException {
        JsonNode s = at.node;
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
            if (keyword.equals("$id") && !at.pointer.isEmpty()) {
                throw unsupported(at.child(keyword), "$id below the root");
            }
        }
        if (at.draft7 && s.has("$ref")) {
            // draft-07: a $ref's siblings are ignored.
            b.addStatement("return $L(v)", method(ref(at), type, false));
            return;
        }
        // An enum is written as its value.
        JDefinedClass defined = defined(type);
        if (defined != null && defined.getClassType() == ClassType.ENUM) {
            JMethod value = defined.getMethod("value", new JType[0]);
            if (value == null || !annotated(value.annotations(), JSON_VALUE)) {
                throw unsupported(at, "an enum class without @JsonValue value()");
            }
            b.beginControlFlow("if (v instanceof $T e)", className(defined))
                    .addStatement("v = e.value()")
                    .endControlFlow();
            type = value.type();
        }
        type(b, at);
        if (s.has("const")) {
            JsonNode values = JsonNodeFactory.instance.arrayNode().add(s.get("const"));
            fail(b, CodeBlock.of("!$L.contains(v)", values(values)));
        }
        if (s.has("enum")) {
            if (!s.get("enum").isArray()) {
                throw unsupported(at.child("enum"), "enum");
            }
            fail(b, CodeBlock.of("!$L.contains(v)", values(s.get("enum"))));
        }
        strings(b, at);
        numbers(b, at);
        arrays(b, at, type);
        objects(b, at, type);
        applicators(b, at, type);
        b.addStatement("return true");
    }

    private String values(JsonNode array) {
        return constant("V", VALUES, CodeBlock.of("$T.values($S)", CHECKS, array.toString()));
    }

    private static void fail(CodeBlock.Builder b, CodeBlock condition) {
        b.beginControlFlow("if ($L)", condition).addStatement("return false").endControlFlow();
    }

    private static @Nullable JDefinedClass definedOrNull(JCodeModel model, @Nullable JType type) {
        if (type == null) {
            return null;
        }
        if (type instanceof JDefinedClass d) {
            return d;
        }
        return model._getClass(type.erasure().fullName());
    }

    private @Nullable JDefinedClass defined(@Nullable JType type) {
        return definedOrNull(model, type);
    }

    private void type(CodeBlock.Builder b, At at) throws UnsupportedException {
        JsonNode t = at.node.get("type");
        if (t == null) {
            return;
        }
        List<JsonNode> types = new ArrayList<>();
        if (t.isArray()) {
            t.forEach(types::add);
        } else {
            types.add(t);
        }
        List<CodeBlock> any = new ArrayList<>();
        for (JsonNode n : types) {
            any.add(switch (n.asString("")) {
                case "null" -> CodeBlock.of("v == null");
                case "boolean" -> CodeBlock.of("v instanceof Boolean");
                case "string" -> CodeBlock.of("$T.isString(v)", CHECKS);
                case "integer" -> CodeBlock.of("$T.isInteger(v)", CHECKS);
                case "number" -> CodeBlock.of("$T.isNumber(v)", CHECKS);
                case "array" -> CodeBlock.of("$T.isArray(v)", CHECKS);
                case "object" -> CodeBlock.of("$T.isObject(v)", CHECKS);
                default -> throw unsupported(at.child("type"), "type " + n);
            });
        }
        fail(b, CodeBlock.of("!($L)", CodeBlock.join(any, " || ")));
    }

    private void strings(CodeBlock.Builder b, At at) throws UnsupportedException {
        JsonNode s = at.node;
        if (!s.has("minLength") && !s.has("maxLength") && !s.has("pattern") && !s.has("format")) {
            return;
        }
        String text = local("s");
        b.beginControlFlow("if ($T.isString(v))", CHECKS);
        if (s.has("minLength") || s.has("maxLength") || s.has("pattern")) {
            b.addStatement("String $L = $T.text(v)", text, CHECKS);
        }
        if (s.has("minLength") || s.has("maxLength")) {
            String length = local("n");
            b.addStatement("int $L = $T.length($L)", length, CHECKS, text);
            if (s.has("minLength")) {
                fail(b, CodeBlock.of("$L < $L", length, count(at, "minLength")));
            }
            if (s.has("maxLength")) {
                fail(b, CodeBlock.of("$L > $L", length, count(at, "maxLength")));
            }
        }
        if (s.has("pattern")) {
            fail(b, CodeBlock.of("!$L.test($L)", pattern(at.child("pattern")), text));
        }
        if (s.has("format")) {
            JsonNode f = s.get("format");
            if (!f.isString()) {
                throw unsupported(at.child("format"), "format");
            }
            String format = constant("F", FORMAT_CHECK, CodeBlock.of("$T.format($S)", CHECKS, f.asString()));
            fail(b, CodeBlock.of("!$L.test(v)", format));
        }
        b.endControlFlow();
    }

    private String pattern(At at) throws UnsupportedException {
        if (!at.node.isString()) {
            throw unsupported(at, "pattern");
        }
        return constant("P", PREDICATE_OF_STRING, CodeBlock.of("$T.pattern($S)", CHECKS, at.node.asString()));
    }

    private static long count(At at, String keyword) throws UnsupportedException {
        JsonNode v = at.node.get(keyword);
        if (v == null || !v.isNumber() || !v.canConvertToLong() || v.decimalValue().stripTrailingZeros().scale() > 0
                || v.longValue() < 0) {
            throw unsupported(at.child(keyword), keyword);
        }
        return v.longValue();
    }

    private void numbers(CodeBlock.Builder b, At at) throws UnsupportedException {
        JsonNode s = at.node;
        List<String> bounds = List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");
        boolean any = s.has("multipleOf");
        for (String k : bounds) {
            any |= s.has(k);
        }
        if (!any) {
            return;
        }
        String n = local("n");
        b.beginControlFlow("if ($T.isNumber(v))", CHECKS).addStatement("$T $L = ($T) v", Number.class, n,
                Number.class);
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
            String limit = constant("B", BOUND, CodeBlock.of("$T.bound($S)", CHECKS,
                    bound.decimalValue().toString()));
            fail(b, CodeBlock.of("$L.compare($L) $L 0", limit, n, op));
        }
        JsonNode divisor = s.get("multipleOf");
        if (divisor != null) {
            if (!divisor.isNumber() || divisor.decimalValue().signum() <= 0) {
                throw unsupported(at.child("multipleOf"), "multipleOf " + divisor);
            }
            fail(b, CodeBlock.of("!$T.multipleOf($L, $L)", CHECKS, n, decimal(divisor)));
        }
        b.endControlFlow();
    }

    private String decimal(JsonNode number) {
        BigDecimal exact = number.decimalValue();
        return constant("B", ClassName.get(BigDecimal.class), CodeBlock.of("$T.decimal($S)", CHECKS,
                exact.toString()));
    }

    private void arrays(CodeBlock.Builder b, At at, @Nullable JType type) throws UnsupportedException {
        JsonNode s = at.node;
        boolean tuple = at.draft7 && s.path("items").isArray();
        if (!at.draft7 && s.path("items").isArray()) {
            throw unsupported(at.child("items"), "items as an array in draft 2020-12");
        }
        String prefixKey = at.draft7 ? (tuple ? "items" : null) : "prefixItems";
        String restKey = at.draft7 ? (tuple ? "additionalItems" : "items") : "items";
        boolean hasPrefix = prefixKey != null && s.has(prefixKey);
        boolean hasRest = s.has(restKey) && (!at.draft7 || restKey.equals("items") || tuple);
        if (!s.has("minItems") && !s.has("maxItems") && !s.has("uniqueItems") && !s.has("contains") && !hasPrefix
                && !hasRest) {
            return;
        }
        JType item = itemType(type);
        String a = local("a");
        b.beginControlFlow("if (v instanceof $T $L)", ANY_COLLECTION, a);
        if (s.has("minItems")) {
            fail(b, CodeBlock.of("$L.size() < $L", a, count(at, "minItems")));
        }
        if (s.has("maxItems")) {
            fail(b, CodeBlock.of("$L.size() > $L", a, count(at, "maxItems")));
        }
        if (s.path("uniqueItems").asBoolean(false)) {
            fail(b, CodeBlock.of("!$T.unique($L)", CHECKS, a));
        }
        boolean contains = s.has("contains");
        if (hasPrefix || hasRest || contains) {
            String i = local("i");
            String x = local("x");
            String found = local("c");
            b.addStatement("int $L = 0", i);
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
                    fail(b, CodeBlock.of("!$L($L)", method(at.child(prefixKey, Integer.toString(k)), item, false),
                            x));
                    b.addStatement("break").unindent();
                }
                b.add("default:\n").indent();
                if (hasRest) {
                    fail(b, CodeBlock.of("!$L($L)", method(at.child(restKey), item, false), x));
                }
                b.addStatement("break").unindent();
                b.endControlFlow();
            } else if (hasRest) {
                fail(b, CodeBlock.of("!$L($L)", method(at.child(restKey), item, false), x));
            }
            if (contains) {
                b.beginControlFlow("if ($L($L))", method(at.child("contains"), item, false), x)
                        .addStatement("$L++", found).endControlFlow();
            }
            b.addStatement("$L++", i);
            b.endControlFlow();
            if (contains) {
                long min = s.has("minContains") ? count(at, "minContains") : 1;
                fail(b, CodeBlock.of("$L < $L", found, min));
                if (s.has("maxContains")) {
                    fail(b, CodeBlock.of("$L > $L", found, count(at, "maxContains")));
                }
            }
        }
        b.endControlFlow();
    }

    private static @Nullable JType itemType(@Nullable JType type) {
        if (type instanceof JClass c && c.getTypeParameters().size() == 1) {
            String raw = c.erasure().fullName();
            if (raw.equals("java.util.List") || raw.equals("java.util.Set")) {
                return c.getTypeParameters().get(0);
            }
        }
        return null;
    }

    // ---- Objects ----

    /** A property a data class writes: its JSON name, its getter and its type. */
    private record Property(String name, String getter, JType type) {}

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

    private void objects(CodeBlock.Builder b, At at, @Nullable JType type) throws UnsupportedException {
        JsonNode s = at.node;
        if (!hasObjectKeywords(s)) {
            return;
        }
        JDefinedClass cls = defined(type);
        if (cls != null && cls.getClassType() != ClassType.CLASS) {
            cls = null;
        }
        if (cls != null) {
            // A value of a data class's type is that class or a subclass, which may write more: not sure then.
            ClassName name = className(cls);
            b.beginControlFlow("if (v != null && v.getClass() == $T.class)", name);
            typedObject(b, at, cls, name);
        } else {
            b.beginControlFlow("if (v instanceof $T m)", ANY_MAP);
            mapObject(b, at);
        }
        // A data object the static type does not announce (a subclass, or one put in a map): not sure.
        b.nextControlFlow("else if ($T.isObject(v))", CHECKS).addStatement("return false").endControlFlow();
    }

    private List<Property> properties(At at, JDefinedClass cls) throws UnsupportedException {
        if (!cls._extends().fullName().equals("java.lang.Object")) {
            throw unsupported(at, "a data class with a superclass");
        }
        List<Property> out = new ArrayList<>();
        for (JFieldVar field : cls.fields().values()) {
            if ((field.mods().getValue() & JMod.STATIC) != 0 || annotated(field.annotations(), JSON_IGNORE)) {
                continue;
            }
            String name = jsonName(field.annotations());
            JMethod getter = null;
            for (JMethod m : cls.methods()) {
                if (m.params().isEmpty() && name != null && name.equals(jsonName(m.annotations()))
                        && m.name().startsWith("get") || m.params().isEmpty() && name != null
                        && name.equals(jsonName(m.annotations())) && m.name().startsWith("is")) {
                    getter = m;
                }
            }
            if (name == null || getter == null) {
                throw unsupported(at, "a field of " + cls.name() + " without @JsonProperty getter");
            }
            out.add(new Property(name, getter.name(), getter.type()));
        }
        return out;
    }

    private static @Nullable JMethod anyGetter(JDefinedClass cls) {
        for (JMethod m : cls.methods()) {
            if (annotated(m.annotations(), JSON_ANY_GETTER)) {
                return m;
            }
        }
        return null;
    }

    private void typedObject(CodeBlock.Builder b, At at, JDefinedClass cls, ClassName name)
            throws UnsupportedException {
        JsonNode s = at.node;
        String c = local("o");
        b.addStatement("$T $L = ($T) v", name, c, name);
        List<Property> props = properties(at, cls);
        JMethod any = anyGetter(cls);
        if (any != null && (!any.params().isEmpty() || !any.type().erasure().fullName().equals("java.util.Map"))) {
            throw unsupported(at, "an any-getter that is not a map");
        }
        JType anyValue = any != null && any.type() instanceof JClass mc && mc.getTypeParameters().size() == 2
                ? mc.getTypeParameters().get(1) : null;
        String count = local("k");
        b.addStatement("int $L = 0", count);
        Map<String, String> present = new HashMap<>();
        boolean names = namesChecked(s);
        for (Property p : props) {
            String value = local("p");
            b.addStatement("Object $L = $L.$L()", value, c, p.getter);
            present.put(p.name, value + " != null");
            b.beginControlFlow("if ($L != null)", value).addStatement("$L++", count);
            if (names) {
                nameChecks(b, at, CodeBlock.of("$S", p.name), value, p.type, p.name);
            }
            b.endControlFlow();
        }
        String map = null;
        if (any != null) {
            map = local("m");
            b.addStatement("$T $L = $L.$L()", ANY_MAP, map, c, any.name());
            b.addStatement("$L += $L.size()", count, map);
            if (names) {
                String e = local("e");
                b.beginControlFlow("if (!$L.isEmpty())", map);
                b.beginControlFlow("for ($T.Entry<?, ?> $L : $L.entrySet())", Map.class, e, map);
                fail(b, CodeBlock.of("!$L(String.valueOf($L.getKey()), $L.getValue())",
                        method(at, anyValue, true), e, e));
                b.endControlFlow();
                b.endControlFlow();
            }
        }
        String mapName = map;
        objectCounts(b, at, count, n -> {
            String field = present.get(n);
            if (field != null) {
                return CodeBlock.of("$L", field);
            }
            return mapName == null ? CodeBlock.of("false") : CodeBlock.of("$L.containsKey($S)", mapName, n);
        }, cls);
    }

    private void mapObject(CodeBlock.Builder b, At at) throws UnsupportedException {
        JsonNode s = at.node;
        String count = local("k");
        b.addStatement("int $L = m.size()", count);
        if (namesChecked(s)) {
            String e = local("e");
            b.beginControlFlow("for ($T.Entry<?, ?> $L : m.entrySet())", Map.class, e);
            fail(b, CodeBlock.of("!$L(String.valueOf($L.getKey()), $L.getValue())", method(at, null, true), e, e));
            b.endControlFlow();
        }
        objectCounts(b, at, count, n -> CodeBlock.of("m.containsKey($S)", n), null);
    }

    private interface Presence {
        CodeBlock of(String name);
    }

    /** required, min/maxProperties, dependentRequired, dependentSchemas (and draft-07's dependencies). */
    private void objectCounts(CodeBlock.Builder b, At at, String count, Presence present,
            @Nullable JDefinedClass cls) throws UnsupportedException {
        JsonNode s = at.node;
        JsonNode required = s.get("required");
        if (required != null) {
            if (!required.isArray()) {
                throw unsupported(at.child("required"), "required");
            }
            for (JsonNode r : required) {
                fail(b, CodeBlock.of("!($L)", present.of(r.asString())));
            }
        }
        if (s.has("minProperties")) {
            fail(b, CodeBlock.of("$L < $L", count, count(at, "minProperties")));
        }
        if (s.has("maxProperties")) {
            fail(b, CodeBlock.of("$L > $L", count, count(at, "maxProperties")));
        }
        Map<String, At> dependentSchemas = new LinkedHashMap<>();
        Map<String, JsonNode> dependentRequired = new LinkedHashMap<>();
        if (s.has("dependentRequired") && !at.draft7) {
            s.get("dependentRequired").properties().forEach(e -> dependentRequired.put(e.getKey(), e.getValue()));
        }
        if (s.has("dependentSchemas") && !at.draft7) {
            for (String n : s.get("dependentSchemas").propertyNames()) {
                dependentSchemas.put(n, at.child("dependentSchemas", n));
            }
        }
        if (s.has("dependencies") && at.draft7) {
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
                missing.add(CodeBlock.of("!($L)", present.of(r.asString())));
            }
            if (!missing.isEmpty()) {
                fail(b, CodeBlock.of("($L) && ($L)", present.of(e.getKey()), CodeBlock.join(missing, " || ")));
            }
        }
        for (Map.Entry<String, At> e : dependentSchemas.entrySet()) {
            fail(b, CodeBlock.of("($L) && !$L(v)", present.of(e.getKey()), method(e.getValue(), cls, false)));
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
    private void nameChecks(CodeBlock.Builder b, At at, CodeBlock nameLiteral, String value, @Nullable JType type,
            String name) throws UnsupportedException {
        JsonNode s = at.node;
        boolean declared = s.path("properties").has(name);
        if (declared) {
            fail(b, CodeBlock.of("!$L($L)", method(at.child("properties", name), type, false), value));
        }
        List<String> matched = new ArrayList<>();
        if (s.has("patternProperties")) {
            for (String pattern : s.get("patternProperties").propertyNames()) {
                At p = at.child("patternProperties", pattern);
                String matches = constant("M", TypeName.BOOLEAN, CodeBlock.of("$L.test($L)",
                        constant("P", PREDICATE_OF_STRING, CodeBlock.of("$T.pattern($S)", CHECKS, pattern)),
                        nameLiteral));
                matched.add(matches);
                fail(b, CodeBlock.of("$L && !$L($L)", matches, method(p, type, false), value));
            }
        }
        if (s.has("additionalProperties") && !declared) {
            String additional = method(at.child("additionalProperties"), type, false);
            if (matched.isEmpty()) {
                fail(b, CodeBlock.of("!$L($L)", additional, value));
            } else {
                fail(b, CodeBlock.of("!($L) && !$L($L)", String.join(" || ", matched), additional, value));
            }
        }
        if (s.has("propertyNames")) {
            fail(b, CodeBlock.of("!$L($L)", method(at.child("propertyNames"), null, false), nameLiteral));
        }
    }

    /** {@code boolean eN(String name, Object v)}: the checks of one present property of a map (see nameChecks). */
    private MethodSpec entryMethod(Pending p) throws UnsupportedException {
        JsonNode s = p.at.node;
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("boolean matched = false");
        if (s.has("properties")) {
            if (!s.get("properties").isObject()) {
                throw unsupported(p.at.child("properties"), "properties");
            }
            b.beginControlFlow("switch (name)");
            for (String n : s.get("properties").propertyNames()) {
                b.add("case $S:\n", n).indent();
                b.addStatement("matched = true");
                fail(b, CodeBlock.of("!$L(v)", method(p.at.child("properties", n), p.type, false)));
                b.addStatement("break").unindent();
            }
            b.add("default:\n").indent().addStatement("break").unindent();
            b.endControlFlow();
        }
        if (s.has("patternProperties")) {
            for (String pattern : s.get("patternProperties").propertyNames()) {
                String compiled = constant("P", PREDICATE_OF_STRING, CodeBlock.of("$T.pattern($S)", CHECKS, pattern));
                b.beginControlFlow("if ($L.test(name))", compiled).addStatement("matched = true");
                fail(b, CodeBlock.of("!$L(v)", method(p.at.child("patternProperties", pattern), p.type, false)));
                b.endControlFlow();
            }
        }
        if (s.has("additionalProperties")) {
            fail(b, CodeBlock.of("!matched && !$L(v)", method(p.at.child("additionalProperties"), p.type, false)));
        }
        if (s.has("propertyNames")) {
            fail(b, CodeBlock.of("!$L(name)", method(p.at.child("propertyNames"), null, false)));
        }
        b.addStatement("return true");
        return MethodSpec.methodBuilder(p.name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(boolean.class)
                .addParameter(String.class, "name")
                .addParameter(Object.class, "v")
                .addComment("the properties of $L#$L", p.at.file, p.at.pointer)
                .addCode(b.build())
                .build();
    }

    // ---- Applicators ----

    private void applicators(CodeBlock.Builder b, At at, @Nullable JType type) throws UnsupportedException {
        JsonNode s = at.node;
        if (s.has("$ref")) {
            fail(b, CodeBlock.of("!$L(v)", method(ref(at), type, false)));
        }
        if (s.has("allOf")) {
            for (int i = 0; i < list(at, "allOf").size(); i++) {
                fail(b, CodeBlock.of("!$L(v)", method(at.child("allOf", Integer.toString(i)), type, false)));
            }
        }
        if (s.has("anyOf")) {
            List<CodeBlock> any = new ArrayList<>();
            for (int i = 0; i < list(at, "anyOf").size(); i++) {
                any.add(CodeBlock.of("$L(v)", method(at.child("anyOf", Integer.toString(i)), type, false)));
            }
            fail(b, CodeBlock.of("!($L)", CodeBlock.join(any, " || ")));
        }
        if (s.has("oneOf")) {
            String n = local("one");
            b.addStatement("int $L = 0", n);
            for (int i = 0; i < list(at, "oneOf").size(); i++) {
                b.beginControlFlow("if ($L(v))", method(at.child("oneOf", Integer.toString(i)), type, false))
                        .addStatement("$L++", n).endControlFlow();
            }
            fail(b, CodeBlock.of("$L != 1", n));
        }
        if (s.has("not")) {
            fail(b, CodeBlock.of("$L(v)", method(at.child("not"), type, false)));
        }
        if (s.has("if") && (s.has("then") || s.has("else"))) {
            b.beginControlFlow("if ($L(v))", method(at.child("if"), type, false));
            if (s.has("then")) {
                fail(b, CodeBlock.of("!$L(v)", method(at.child("then"), type, false)));
            }
            b.nextControlFlow("else");
            if (s.has("else")) {
                fail(b, CodeBlock.of("!$L(v)", method(at.child("else"), type, false)));
            }
            b.endControlFlow();
        }
    }

    private static JsonNode list(At at, String keyword) throws UnsupportedException {
        JsonNode v = at.node.get(keyword);
        if (!v.isArray() || v.isEmpty()) {
            throw unsupported(at.child(keyword), keyword);
        }
        return v;
    }

    /** The location a {@code $ref} points to: in the same file, or in another schema file relative to it. */
    private At ref(At at) throws UnsupportedException {
        JsonNode r = at.node.get("$ref");
        At here = at.child("$ref");
        if (!r.isString()) {
            throw unsupported(here, "$ref");
        }
        String ref = r.asString();
        int hash = ref.indexOf('#');
        String filePart = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : URLDecoder.decode(ref.substring(hash + 1).replace("+", "%2B"),
                StandardCharsets.UTF_8);
        String file = at.file;
        if (!filePart.isEmpty()) {
            if (filePart.contains(":")) {
                throw unsupported(here, "$ref to " + ref);
            }
            String folder = at.file.contains("/") ? at.file.substring(0, at.file.lastIndexOf('/')) : "";
            file = Path.of(folder).resolve(filePart).normalize().toString().replace('\\', '/');
        }
        SchemaDocument doc = docs.get(file);
        if (doc == null || (!fragment.isEmpty() && !fragment.startsWith("/"))) {
            throw unsupported(here, "$ref to " + ref);
        }
        JsonNode target = doc.root().at(fragment);
        if (target == null || target.isMissingNode()) {
            throw unsupported(here, "$ref to " + ref);
        }
        return new At(file, fragment, target, draft7(doc.root()));
    }

    // ---- The class model ----

    /** The JavaPoet name of a class jsonschema2pojo defined, nested classes included. */
    private static ClassName className(JDefinedClass cls) {
        List<String> names = new ArrayList<>();
        JDefinedClass c = cls;
        while (true) {
            names.add(0, c.name());
            if (c.outer() instanceof JDefinedClass outer) {
                c = outer;
            } else {
                break;
            }
        }
        return ClassName.get(cls._package().name(), names.get(0), names.subList(1, names.size()).toArray(new String[0]));
    }

    private static boolean annotated(Collection<JAnnotationUse> annotations, String annotation) {
        for (JAnnotationUse a : annotations) {
            if (a.getAnnotationClass().fullName().equals(annotation)) {
                return true;
            }
        }
        return false;
    }

    /** The name in a {@code @JsonProperty}, null without one. */
    private static @Nullable String jsonName(Collection<JAnnotationUse> annotations) {
        for (JAnnotationUse a : annotations) {
            if (a.getAnnotationClass().fullName().equals(JSON_PROPERTY)) {
                JAnnotationValue value = a.getAnnotationMembers().get("value");
                if (value == null) {
                    return null;
                }
                StringWriter out = new StringWriter();
                value.generate(new JFormatter(out));
                String literal = out.toString().replace("\\'", "'");
                return SchemaReader.MAPPER.readValue(literal, String.class);
            }
        }
        return null;
    }
}
