package io.kafkaesk.codegen.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.sun.codemodel.ClassType;
import com.sun.codemodel.JAnnotationUse;
import com.sun.codemodel.JAnnotationValue;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JFieldVar;
import com.sun.codemodel.JFormatter;
import com.sun.codemodel.JGenerable;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JType;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.jsonschema2pojo.GenerationConfig;
import org.jsonschema2pojo.util.NameHelper;
import tools.jackson.databind.JsonNode;

/**
 * Compiles a message schema into the body of a quick check over its data class: plain Java that reads the
 * getters jsonschema2pojo generated and answers {@code true} only when the data certainly conforms to the schema
 * once kafkaesk's mapper writes it (see {@code io.kafkaesk.QuickChecks} and
 * {@code MessageSchema.Builder.quickCheck}). The runtime trusts it in place of validating published data, so it
 * must never be more lenient than the schema: it understands the keywords event schemas are mostly made of
 * ({@code type}, {@code properties}, {@code required}, {@code additionalProperties: false}, string lengths, the
 * {@code date-time}, {@code date} and {@code uuid} formats, enums as Java enums, integer bounds, number bounds,
 * array sizes and items, nested objects), and an optional property it does not understand (a {@code $ref}, a
 * {@code pattern}, ...) makes it answer false whenever that property is present. It is read off the class model
 * jsonschema2pojo built, so every getter it calls exists and has the type it expects; where the model is not
 * what it expects it gives up on that property the same way. A schema whose required part it cannot check gets
 * no quick check at all.
 */
final class QuickCheckGenerator {
    private static final ClassName QUICK_CHECKS = ClassName.get("io.kafkaesk", "QuickChecks");

    /**
     * Keywords that never make a value invalid, and those of jsonschema2pojo's and kafkaesk's own that change
     * nothing in the JSON written. Not among them: {@code javaInterfaces} (an interface's default getters could
     * be written too), {@code existingJavaType} and the date-format keywords (they change what is written).
     */
    private static final Set<String> IGNORED = Set.of("$schema", "$id", "$comment", "$defs", "definitions",
            "title", "description", "examples", "default", "deprecated", "x-kafkaesk", "javaType", "javaName",
            "javaEnumNames", "javaEnums", "excludedFromEqualsAndHashCode");

    private static final Set<String> DIALECTS = Set.of(
            "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#",
            "http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-07/schema");

    /** A construct this generator does not check. */
    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private final JCodeModel model;
    private final NameHelper names;
    private int variables;

    private QuickCheckGenerator(JCodeModel model, GenerationConfig config) {
        this.model = model;
        this.names = new NameHelper(config);
    }

    /**
     * The statements of {@code conforms(data)} for a message's data class, ending in {@code return}; null when
     * the schema's required part cannot be checked (then the descriptor has no quick check).
     */
    static @Nullable CodeBlock body(JCodeModel model, GenerationConfig config, MessageModel message) {
        JDefinedClass root = model._getClass(message.qualifiedClassName());
        JsonNode schema = message.doc().root();
        JsonNode dialect = schema.get("$schema");
        if (root == null || (dialect != null && (!dialect.isString() || !DIALECTS.contains(dialect.asString())))) {
            return null;
        }
        CodeBlock.Builder b = CodeBlock.builder();
        try {
            new QuickCheckGenerator(model, config).object(b, "data", root, schema);
        } catch (Unsupported e) {
            return null;
        }
        return b.addStatement("return true").build();
    }

    private String variable() {
        return "v" + (++variables);
    }

    /** Checks the object in {@code var} (not null) against an object schema. */
    private void object(CodeBlock.Builder b, String var, JDefinedClass cls, JsonNode schema) throws Unsupported {
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            String keyword = e.getKey();
            JsonNode v = e.getValue();
            boolean understood = IGNORED.contains(keyword) || keyword.startsWith("x-") || switch (keyword) {
                case "type" -> v.isString() && v.asString().equals("object");
                case "properties" -> v.isObject();
                case "required" -> v.isArray();
                case "additionalProperties" -> v.isBoolean();
                default -> false;
            };
            if (!understood) {
                throw new Unsupported("keyword " + keyword);
            }
        }
        Set<String> required = new HashSet<>();
        JsonNode req = schema.get("required");
        if (req != null) {
            for (JsonNode r : req) {
                if (!r.isString()) {
                    throw new Unsupported("required");
                }
                required.add(r.asString());
            }
        }
        JsonNode properties = schema.get("properties");
        Set<String> declared = new HashSet<>();
        Set<String> fieldsUsed = new HashSet<>();
        if (properties != null) {
            for (Map.Entry<String, JsonNode> p : properties.properties()) {
                declared.add(p.getKey());
                property(b, var, cls, p.getKey(), p.getValue(), required.contains(p.getKey()), fieldsUsed);
            }
        }
        if (!declared.containsAll(required)) {
            throw new Unsupported("a required name without a property schema");
        }
        writesOnly(cls, declared);
        // Additional properties are written too (jsonschema2pojo's @JsonAnyGetter): only none is certain.
        for (JMethod m : cls.methods()) {
            if (annotated(m.annotations(), "com.fasterxml.jackson.annotation.JsonAnyGetter")) {
                if (!m.params().isEmpty() || !m.type().erasure().fullName().equals("java.util.Map")) {
                    throw new Unsupported("an any-getter that is not a map");
                }
                b.beginControlFlow("if (!$L.$L().isEmpty())", var, m.name())
                        .addStatement("return false")
                        .endControlFlow();
            }
        }
    }

    /**
     * Fails unless everything the class writes is declared in this schema: no superclass, and every field either
     * ignored by Jackson or a {@code @JsonProperty} of a declared name. (A class named by {@code javaType} can be
     * shared by schemas that declare different properties.)
     */
    private static void writesOnly(JDefinedClass cls, Set<String> declared) throws Unsupported {
        if (!cls._extends().fullName().equals("java.lang.Object")) {
            throw new Unsupported("a superclass");
        }
        Set<String> names = new HashSet<>();
        for (String d : declared) {
            names.add(source(JExpr.lit(d)));
        }
        for (JFieldVar field : cls.fields().values()) {
            if ((field.mods().getValue() & com.sun.codemodel.JMod.STATIC) != 0
                    || annotated(field.annotations(), "com.fasterxml.jackson.annotation.JsonIgnore")) {
                continue;
            }
            String name = writtenName(field);
            if (name == null || !names.contains(name)) {
                throw new Unsupported("field " + field.name() + " is not a property of this schema");
            }
        }
    }

    /** Checks one property of the object in {@code owner}. */
    private void property(CodeBlock.Builder b, String owner, JDefinedClass cls, String name, JsonNode schema,
            boolean required, Set<String> fieldsUsed) throws Unsupported {
        String field = names.getPropertyName(name, legacy(schema));
        JFieldVar fieldVar = cls.fields().get(field);
        if (fieldVar == null || !fieldsUsed.add(field) || !writtenAs(fieldVar, name)) {
            throw new Unsupported("no field written as " + name);
        }
        String getterName = names.getGetterName(field, fieldVar.type(), legacy(schema));
        JMethod getter = cls.getMethod(getterName, new JType[0]);
        if (getter == null) {
            throw new Unsupported("no getter for " + name);
        }
        String v = variable();
        CodeBlock.Builder checks = CodeBlock.builder();
        boolean checkable;
        try {
            value(checks, v, getter.type(), schema);
            checkable = true;
        } catch (Unsupported e) {
            if (required) {
                throw e;
            }
            checkable = false;
        }
        CodeBlock c = checks.build();
        if (!checkable) {
            // Present, it is left to the validator; absent (null is not written), it needs no check.
            b.beginControlFlow("if ($L.$L() != null)", owner, getterName).addStatement("return false").endControlFlow();
        } else if (required) {
            b.addStatement("var $L = $L.$L()", v, owner, getterName);
            b.beginControlFlow("if ($L == null)", v).addStatement("return false").endControlFlow();
            b.add(c);
        } else if (!c.isEmpty()) {
            b.addStatement("var $L = $L.$L()", v, owner, getterName);
            b.beginControlFlow("if ($L != null)", v).add(c).endControlFlow();
        }
    }

    /** Whether jsonschema2pojo annotated the field with {@code @JsonProperty(name)}, the name Jackson writes. */
    private static boolean writtenAs(JFieldVar field, String name) {
        return source(JExpr.lit(name)).equals(writtenName(field));
    }

    /** The name in the field's {@code @JsonProperty}, as a Java literal; null when it has none. */
    private static @Nullable String writtenName(JFieldVar field) {
        for (JAnnotationUse a : field.annotations()) {
            if (a.getAnnotationClass().fullName().equals("com.fasterxml.jackson.annotation.JsonProperty")) {
                JAnnotationValue value = a.getAnnotationMembers().get("value");
                return value == null ? null : source(value);
            }
        }
        return null;
    }

    private static String source(JGenerable g) {
        StringWriter out = new StringWriter();
        g.generate(new JFormatter(out));
        return out.toString();
    }

    /** Checks the value in {@code var} (not null) of Java type {@code type} against {@code schema}. */
    private void value(CodeBlock.Builder b, String var, JType type, JsonNode schema) throws Unsupported {
        if (!schema.isObject()) {
            throw new Unsupported("a boolean schema");
        }
        String name = type.erasure().fullName();
        JDefinedClass defined = type instanceof JDefinedClass d ? d : model._getClass(name);
        if (defined != null && defined.getClassType() == ClassType.ENUM) {
            enumeration(b, var, defined, schema);
            return;
        }
        if (defined != null && defined.getClassType() == ClassType.CLASS) {
            // Exactly the generated class: a subclass may write properties this check knows nothing about.
            b.beginControlFlow("if ($L.getClass() != $T.class)", var, ClassName.bestGuess(defined.fullName()))
                    .addStatement("return false")
                    .endControlFlow();
            object(b, var, defined, schema);
            return;
        }
        switch (name) {
            case "java.lang.String" -> text(b, var, schema);
            case "java.lang.Integer", "java.lang.Long" -> whole(b, var, schema);
            case "java.lang.Double" -> number(b, var, schema);
            case "java.lang.Boolean" -> keywords(schema, Set.of("type"), "boolean");
            case "java.time.OffsetDateTime" -> {
                keywords(schema, Set.of("type", "format"), "string");
                format(schema, "date-time");
                condition(b, CodeBlock.of("$T.dateTime($L)", QUICK_CHECKS, var));
            }
            case "java.time.LocalDate" -> {
                keywords(schema, Set.of("type", "format"), "string");
                format(schema, "date");
                condition(b, CodeBlock.of("$T.date($L)", QUICK_CHECKS, var));
            }
            case "java.util.UUID" -> {
                keywords(schema, Set.of("type", "format"), "string");
                format(schema, "uuid"); // UUID.toString() is canonical
            }
            case "java.util.List" -> array(b, var, type, schema);
            default -> throw new Unsupported("Java type " + name);
        }
    }

    /**
     * A jsonschema2pojo enum writes its constant's {@code @JsonValue value()}. The class may be shared with
     * another property ({@code javaType}) that allows other values, so the value is compared with this schema's
     * list, which must hold strings only.
     */
    private static void enumeration(CodeBlock.Builder b, String var, JDefinedClass type, JsonNode schema)
            throws Unsupported {
        keywords(schema, Set.of("type", "enum"), "string");
        JsonNode values = schema.get("enum");
        JMethod value = type.getMethod("value", new JType[0]);
        if (values == null || !values.isArray() || values.isEmpty() || value == null
                || !value.type().fullName().equals("java.lang.String") || !annotated(value.annotations(),
                        "com.fasterxml.jackson.annotation.JsonValue")) {
            throw new Unsupported("an enum without a string value() or without its values");
        }
        b.beginControlFlow("switch ($L.value())", var);
        for (JsonNode v : values) {
            if (!v.isString()) {
                throw new Unsupported("an enum value that is not a string");
            }
            b.add("case $S:\n", v.asString());
        }
        b.indent().addStatement("break").unindent()
                .add("default:\n").indent().addStatement("return false").unindent()
                .endControlFlow();
    }

    private static boolean annotated(java.util.Collection<JAnnotationUse> annotations, String annotation) {
        for (JAnnotationUse a : annotations) {
            if (a.getAnnotationClass().fullName().equals(annotation)) {
                return true;
            }
        }
        return false;
    }

    private void text(CodeBlock.Builder b, String var, JsonNode schema) throws Unsupported {
        keywords(schema, Set.of("type", "minLength", "maxLength", "format"), "string");
        int min = count(schema, "minLength");
        int max = count(schema, "maxLength");
        if (min >= 0 || max >= 0) {
            condition(b, CodeBlock.of("$T.length($L, $L, $L)", QUICK_CHECKS, var, min, max));
        }
        JsonNode format = schema.get("format");
        if (format != null) {
            String check = switch (format.asString("")) {
                case "date-time" -> "dateTime";
                case "date" -> "date";
                case "uuid" -> "uuid";
                default -> throw new Unsupported("format " + format);
            };
            condition(b, CodeBlock.of("$T.$L($L)", QUICK_CHECKS, check, var));
        }
    }

    private void whole(CodeBlock.Builder b, String var, JsonNode schema) throws Unsupported {
        keywords(schema, Set.of("type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"),
                "integer", "number");
        // Whole bounds compare exactly; any other bound is left to the validator.
        bound(b, var, schema, "minimum", ">=");
        bound(b, var, schema, "maximum", "<=");
        bound(b, var, schema, "exclusiveMinimum", ">");
        bound(b, var, schema, "exclusiveMaximum", "<");
    }

    private static void bound(CodeBlock.Builder b, String var, JsonNode schema, String keyword, String op)
            throws Unsupported {
        JsonNode v = schema.get(keyword);
        if (v == null) {
            return;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new Unsupported(keyword + " " + v);
        }
        comparison(b, CodeBlock.of("$L $L $LL", var, op, v.longValue()));
    }

    private void number(CodeBlock.Builder b, String var, JsonNode schema) throws Unsupported {
        keywords(schema, Set.of("type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"), "number");
        condition(b, CodeBlock.of("$T.finite($L)", QUICK_CHECKS, var));
        // A double's JSON text is some decimal that rounds to it: when the bound rounds to another double, the
        // comparison of the doubles is the comparison of the numbers; when it rounds to the same one (equality
        // below), the validator decides. So every bound is strict here.
        for (String keyword : List.of("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")) {
            JsonNode v = schema.get(keyword);
            if (v == null) {
                continue;
            }
            if (!v.isNumber()) {
                throw new Unsupported(keyword + " " + v);
            }
            double bound = new BigDecimal(v.asString()).doubleValue();
            if (!Double.isFinite(bound)) {
                throw new Unsupported(keyword + " " + v);
            }
            comparison(b, CodeBlock.of("$L $L $Ld", var, keyword.endsWith("inimum") ? ">" : "<",
                    Double.toString(bound)));
        }
    }

    private void array(CodeBlock.Builder b, String var, JType type, JsonNode schema) throws Unsupported {
        keywords(schema, Set.of("type", "minItems", "maxItems", "items"), "array");
        if (!(type instanceof JClass list) || list.getTypeParameters().size() != 1) {
            throw new Unsupported("a raw list");
        }
        int min = count(schema, "minItems");
        int max = count(schema, "maxItems");
        if (min >= 0) {
            comparison(b, CodeBlock.of("$L.size() >= $L", var, min));
        }
        if (max >= 0) {
            comparison(b, CodeBlock.of("$L.size() <= $L", var, max));
        }
        JsonNode items = schema.get("items");
        if (items == null) {
            throw new Unsupported("items of any kind"); // written as whatever Java holds: let the validator say
        }
        String item = variable();
        CodeBlock.Builder checks = CodeBlock.builder();
        value(checks, item, list.getTypeParameters().get(0), items);
        b.beginControlFlow("for (var $L : $L)", item, var)
                .beginControlFlow("if ($L == null)", item).addStatement("return false").endControlFlow()
                .add(checks.build())
                .endControlFlow();
    }

    /** Adds {@code if (!check) return false;} for a method call. */
    private static void condition(CodeBlock.Builder b, CodeBlock call) {
        b.beginControlFlow("if (!$L)", call).addStatement("return false").endControlFlow();
    }

    /** Adds {@code if (!(comparison)) return false;}. */
    private static void comparison(CodeBlock.Builder b, CodeBlock comparison) {
        b.beginControlFlow("if (!($L))", comparison).addStatement("return false").endControlFlow();
    }

    /** Fails unless every keyword is one of {@code allowed} (or ignored) and {@code type} is one of types. */
    private static void keywords(JsonNode schema, Set<String> allowed, String... types) throws Unsupported {
        for (String keyword : schema.propertyNames()) {
            if (!allowed.contains(keyword) && !IGNORED.contains(keyword) && !keyword.startsWith("x-")) {
                throw new Unsupported("keyword " + keyword);
            }
        }
        JsonNode type = schema.get("type");
        if (type == null || !type.isString() || !List.of(types).contains(type.asString())) {
            throw new Unsupported("type " + type);
        }
    }

    private static void format(JsonNode schema, String expected) throws Unsupported {
        JsonNode format = schema.get("format");
        if (format == null || !expected.equals(format.asString(""))) {
            throw new Unsupported("format " + format);
        }
    }

    /** A non-negative integer keyword, -1 when absent. */
    private static int count(JsonNode schema, String keyword) throws Unsupported {
        JsonNode v = schema.get(keyword);
        if (v == null) {
            return -1;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new Unsupported(keyword + " " + v);
        }
        return v.intValue();
    }

    /** The property schema as jsonschema2pojo's naming reads it (only {@code javaName} matters there). */
    private static com.fasterxml.jackson.databind.JsonNode legacy(JsonNode schema) {
        com.fasterxml.jackson.databind.node.ObjectNode node =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        JsonNode javaName = schema.get("javaName");
        if (javaName != null && javaName.isString()) {
            node.put("javaName", javaName.asString());
        }
        return node;
    }
}
