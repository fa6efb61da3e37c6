package io.kafkaesk.codegen.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.codemodel.ClassType;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JFieldVar;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads jsonschema2pojo's class model as the generated validators need it: what a Java type is written as
 * ({@link Kind}), the JSON properties a data class writes through its getters, its map of additional properties,
 * and an enum's {@code @JsonValue} method.
 */
final class ClassModel {
    private static final String JSON_VALUE = "com.fasterxml.jackson.annotation.JsonValue";
    static final TypeName ANY_COLLECTION = ParameterizedTypeName.get(
            ClassName.get(Collection.class), WildcardTypeName.subtypeOf(Object.class));

    /**
     * What a value of a static Java type is, for the code that checks it: each kind but {@link #OBJECT} is a
     * parameter of that type, so the checks are plain comparisons, without {@code instanceof} tests and without
     * boxing.
     */
    enum Kind {
        /** Anything: judged by what it is at run time. */
        OBJECT,
        /** A {@code String}: a JSON string. */
        STRING,
        /** An {@code Integer} or a {@code Long}: a JSON integer. */
        INTEGRAL,
        /** A {@code Double}: a JSON number when finite. */
        DOUBLE,
        /** A {@code BigDecimal}: a JSON number. */
        DECIMAL,
        /** A {@code Boolean}. */
        BOOLEAN,
        /** A date, a time, a UUID or a URI: a JSON string, its text as the mapper writes it. */
        TEXT,
        /** A generated enum whose {@code @JsonValue} is a {@code String}: written as that string. */
        ENUM,
        /** A generated data class: a JSON object. */
        DATA,
        /** A list or a set: a JSON array. */
        ARRAY
    }

    /** A property a data class writes: its JSON name, its getter and its type. */
    record Property(String name, String getter, JType type) {}

    private final JCodeModel model;
    /** Whether some schema leaves properties out of its class's {@code equals} ({@code excludedFromEqualsAndHashCode}). */
    private final boolean equalsExclusions;

    ClassModel(JCodeModel model, boolean equalsExclusions) {
        this.model = model;
        this.equalsExclusions = equalsExclusions;
    }

    @Nullable JDefinedClass defined(@Nullable JType type) {
        if (type == null) {
            return null;
        }
        if (type instanceof JDefinedClass d) {
            return d;
        }
        return model._getClass(type.erasure().fullName());
    }

    /** The class jsonschema2pojo generated under a qualified name, or null. */
    @Nullable JDefinedClass byName(String qualifiedName) {
        return model._getClass(qualifiedName);
    }

    /** What values of static type {@code type} are, for the code that checks them. */
    Kind kind(@Nullable JType type) {
        if (type == null) {
            return Kind.OBJECT;
        }
        switch (type.erasure().fullName()) {
            case "java.lang.String":
                return Kind.STRING;
            case "java.lang.Integer", "java.lang.Long":
                return Kind.INTEGRAL;
            case "java.lang.Double":
                return Kind.DOUBLE;
            case "java.math.BigDecimal":
                return Kind.DECIMAL;
            case "java.lang.Boolean":
                return Kind.BOOLEAN;
            case "java.util.List", "java.util.Set":
                return Kind.ARRAY;
            case "java.time.OffsetDateTime", "java.time.LocalDate", "java.time.LocalTime",
                    "java.time.LocalDateTime", "java.util.UUID", "java.net.URI":
                return Kind.TEXT;
            default:
                break;
        }
        JDefinedClass d = defined(type);
        if (d == null) {
            return Kind.OBJECT;
        }
        if (d.getClassType() == ClassType.ENUM) {
            JMethod value = enumValue(d);
            return value != null && value.type().fullName().equals("java.lang.String") ? Kind.ENUM : Kind.OBJECT;
        }
        return d.getClassType() == ClassType.CLASS && d._extends().fullName().equals("java.lang.Object")
                ? Kind.DATA : Kind.OBJECT;
    }

    /** The parameter type of a check of values of static type {@code type}. */
    TypeName parameter(@Nullable JType type) {
        return switch (kind(type)) {
            case OBJECT -> ClassName.get(Object.class);
            case ARRAY -> ANY_COLLECTION;
            case ENUM, DATA -> className(defined(type));
            default -> ClassName.bestGuess(type.erasure().fullName());
        };
    }

    /** The type of a list's or set's items, or null. */
    static @Nullable JType itemType(@Nullable JType type) {
        if (type instanceof JClass c && c.getTypeParameters().size() == 1) {
            String raw = c.erasure().fullName();
            if (raw.equals("java.util.List") || raw.equals("java.util.Set")) {
                return c.getTypeParameters().get(0);
            }
        }
        return null;
    }

    /**
     * Whether equal Java values of static type {@code type} are exactly the equal JSON values, so that
     * {@code uniqueItems} can use {@code equals}: strings, integers, booleans and enums are, and data classes with
     * {@code equals}, no additional properties and only such properties; doubles are not ({@code 0.0} and
     * {@code -0.0}), nor decimals ({@code 1.0} and {@code 1.00}), nor additional properties (any value).
     */
    boolean equalsIsJsonEquality(@Nullable JType type) {
        return equalsIsJsonEquality(type, 0);
    }

    private boolean equalsIsJsonEquality(@Nullable JType type, int depth) {
        return switch (kind(type)) {
            case STRING, INTEGRAL, BOOLEAN, ENUM -> true;
            case DATA -> !equalsExclusions && depth < 4 && dataEquality(defined(type), depth);
            default -> false;
        };
    }

    private boolean dataEquality(JDefinedClass cls, int depth) {
        if (anyGetter(cls) != null || cls.getMethod("equals", new JType[] {model.ref(Object.class)}) == null) {
            return false;
        }
        try {
            for (Property p : properties(cls)) {
                if (!equalsIsJsonEquality(p.type(), depth + 1)) {
                    return false;
                }
            }
        } catch (MissingGetter e) {
            return false;
        }
        return true;
    }

    /** An enum's {@code @JsonValue value()}, or null. */
    static @Nullable JMethod enumValue(JDefinedClass e) {
        JMethod value = e.getMethod("value", new JType[0]);
        return value != null && ModelAnnotations.annotated(value.annotations(), JSON_VALUE) ? value : null;
    }

    /** The properties a data class writes, each with its getter; null names a field without one. */
    static List<Property> properties(JDefinedClass cls) throws MissingGetter {
        List<Property> out = new ArrayList<>();
        for (JFieldVar field : cls.fields().values()) {
            if ((field.mods().getValue() & JMod.STATIC) != 0 || ModelAnnotations.annotated(field.annotations(), ModelAnnotations.JSON_IGNORE)) {
                continue;
            }
            String name = ModelAnnotations.jsonName(field.annotations());
            JMethod getter = null;
            for (JMethod m : cls.methods()) {
                if (m.params().isEmpty() && name != null && name.equals(ModelAnnotations.jsonName(m.annotations()))
                        && (m.name().startsWith("get") || m.name().startsWith("is"))) {
                    getter = m;
                }
            }
            if (name == null || getter == null) {
                throw new MissingGetter("a field of " + cls.name() + " without @JsonProperty getter");
            }
            out.add(new Property(name, getter.name(), getter.type()));
        }
        return out;
    }

    /** A field of a data class that the generated validator cannot read. */
    static final class MissingGetter extends Exception {
        private static final long serialVersionUID = 1L;

        MissingGetter(String message) {
            super(message, null, false, false);
        }
    }

    /** A data class's {@code @JsonAnyGetter}, or null. */
    static @Nullable JMethod anyGetter(JDefinedClass cls) {
        for (JMethod m : cls.methods()) {
            if (ModelAnnotations.annotated(m.annotations(), ModelAnnotations.JSON_ANY_GETTER)) {
                return m;
            }
        }
        return null;
    }

    /** The JavaPoet name of a class jsonschema2pojo defined, nested classes included. */
    static ClassName className(JDefinedClass cls) {
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


    /** The name in a {@code @JsonProperty}, null without one. */
}
