package io.kafkaesk.codegen.internal;

import static io.kafkaesk.codegen.internal.KeywordEmitter.ANY_MAP;
import static io.kafkaesk.codegen.internal.KeywordEmitter.CHECKS;
import static io.kafkaesk.codegen.internal.KeywordEmitter.FALSE;
import static io.kafkaesk.codegen.internal.KeywordEmitter.PREDICATE_OF_STRING;
import static io.kafkaesk.codegen.internal.KeywordEmitter.TRUE;
import static io.kafkaesk.codegen.internal.KeywordEmitter.any;
import static io.kafkaesk.codegen.internal.KeywordEmitter.count;
import static io.kafkaesk.codegen.internal.KeywordEmitter.not;
import static io.kafkaesk.codegen.internal.KeywordEmitter.unsupported;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.sun.codemodel.ClassType;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JType;
import io.kafkaesk.codegen.internal.ClassModel.Kind;
import io.kafkaesk.codegen.internal.ClassModel.Property;
import io.kafkaesk.codegen.internal.ValidatorGenerator.At;
import io.kafkaesk.codegen.internal.ValidatorGenerator.UnsupportedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Writes the statements of the object keywords of one schema location ({@code properties}, {@code required},
 * {@code additionalProperties}, {@code patternProperties}, {@code propertyNames}, {@code min/maxProperties},
 * {@code dependentRequired}, {@code dependentSchemas}) into a {@link KeywordEmitter}'s check: for a data class over
 * its getters and its map of additional properties, for a map over its entries.
 */
final class ObjectKeywords {
    private final KeywordEmitter e;
    private final At at;
    private final @Nullable JType type;
    private final Kind kind;
    private final KeywordEmitter.Context context;
    private final ClassModel classes;
    private CodeBlock.Builder b;

    ObjectKeywords(KeywordEmitter e, CodeBlock.Builder b) {
        this.e = e;
        this.at = e.at;
        this.type = e.type;
        this.kind = e.kind;
        this.context = e.context;
        this.classes = e.classes;
        this.b = b;
    }

    private String local(String base) {
        return e.local(base);
    }

    private CodeBlock call(At target, @Nullable JType t, CodeBlock arg, boolean argTyped, boolean argNonNull)
            throws UnsupportedException {
        return e.call(target, t, arg, argTyped, argNonNull);
    }

    private CodeBlock self(At target) throws UnsupportedException {
        return e.self(target);
    }

    private void fail(CodeBlock condition) {
        if (condition.equals(FALSE)) {
            return;
        }
        b.beginControlFlow("if ($L)", condition).addStatement("return false").endControlFlow();
    }

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

    /** The object keywords of the location, for the emitter's value {@code v}. */
    void objects() throws UnsupportedException {
        if (!hasObjectKeywords(at.node())) {
            return;
        }
        if (kind == Kind.DATA) {
            // A subclass of a data class may write more: not sure then.
            boolean opened = !e.nonNull;
            if (opened) {
                b.beginControlFlow("if (v != null)");
            }
            JDefinedClass cls = classes.defined(type);
            fail(CodeBlock.of("v.getClass() != $T.class", ClassModel.className(cls)));
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
            props = ClassModel.properties(cls);
        } catch (ClassModel.MissingGetter e) {
            throw unsupported(at, e.getMessage());
        }
        JMethod any = ClassModel.anyGetter(cls);
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
                fail(CodeBlock.of("($L) && $L", has, not(ok)));
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
                    fail(CodeBlock.of("$L && $L", matches, not(ok)));
                }
            }
        }
        if (s.has("additionalProperties") && !declared) {
            CodeBlock ok = call(at.child("additionalProperties"), valueType, value, valueTyped, true);
            if (!ok.equals(TRUE)) {
                fail(matched.isEmpty() ? not(ok) : CodeBlock.of("!($L) && $L", String.join(" || ", matched), not(ok)));
            }
        }
        if (s.has("propertyNames")) {
            fail(not(call(at.child("propertyNames"), null, nameLiteral, false, true)));
        }
    }

    /** One present property of a map (see nameChecks): {@code name} and {@code v} are the parameters. */
    void entry() throws UnsupportedException {
        JsonNode s = at.node();
        CodeBlock value = CodeBlock.of("v");
        e.refuseOtherTypes(value, type);
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
                fail(CodeBlock.of("!matched && $L", not(ok)));
            }
        }
        if (s.has("propertyNames")) {
            fail(not(call(at.child("propertyNames"), null, CodeBlock.of("name"), false, true)));
        }
        b.addStatement("return true");
    }
}
