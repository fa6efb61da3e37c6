package io.kafkaesk.codegen.internal;

import static io.kafkaesk.codegen.internal.ModelAnnotations.JSON_ANY_GETTER;
import static io.kafkaesk.codegen.internal.ModelAnnotations.JSON_ANY_SETTER;
import static io.kafkaesk.codegen.internal.ModelAnnotations.JSON_IGNORE;
import static io.kafkaesk.codegen.internal.ModelAnnotations.JSON_PROPERTY;
import static io.kafkaesk.codegen.internal.ModelAnnotations.annotated;
import static io.kafkaesk.codegen.internal.ModelAnnotations.jsonName;

import com.sun.codemodel.ClassType;
import com.sun.codemodel.JAnnotationUse;
import com.sun.codemodel.JBlock;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JClassAlreadyExistsException;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDeclaration;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JExpression;
import com.sun.codemodel.JFieldRef;
import com.sun.codemodel.JFieldVar;
import com.sun.codemodel.JFormatter;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JOp;
import com.sun.codemodel.JPackage;
import com.sun.codemodel.JType;
import com.sun.codemodel.JTypeVar;
import com.sun.codemodel.JVar;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Turns the data classes jsonschema2pojo wrote (configured without setters, {@code withX} mutators or constructors)
 * into immutable values.
 *
 * <p>Each class becomes final and {@code @NullMarked} with a private constructor (Jackson still fills the private
 * {@code @JsonProperty} fields, lists and sets through private setters, and keeps unknown properties through a
 * private {@code @JsonAnySetter}); optional properties read as JSpecify {@code @Nullable}; lists and sets are held
 * read-only and unknown properties returned read-only; a nested {@code Builder} copies collections and checks
 * required properties in {@code build()}, reached through {@code builder()} and {@code toBuilder()}. Getter names and fields stay as jsonschema2pojo wrote them, so JSON
 * and the generated validator see the same class ({@link ObjectMethods} shortens {@code equals}, {@code hashCode}
 * and {@code toString}).
 */
final class ValueClasses {
    /** jsonschema2pojo's marker for a required property: a Javadoc line of the field (its RequiredArrayRule). */
    private static final String REQUIRED = "* (Required)";
    private static final Pattern QUALIFIED_NULLABLE =
            Pattern.compile("@Nullable ((?:[A-Za-z_$][A-Za-z0-9_$]*\\.)+)([A-Za-z_$][A-Za-z0-9_$]*)");

    private ValueClasses() {}

    /** One property of a data class: its field, JSON name, getter and whether the schema requires it. */
    private record Property(JFieldVar field, String json, JMethod getter, boolean required) {}

    /** Rewrites every data class of the model. */
    static void apply(JCodeModel model) {
        for (JDefinedClass cls : classes(model)) {
            value(cls);
        }
    }

    /** The top-level classes of the model (not enums or interfaces): the data classes, listed before any is changed. */
    static List<JDefinedClass> classes(JCodeModel model) {
        List<JDefinedClass> classes = new ArrayList<>();
        for (Iterator<JPackage> pkgs = model.packages(); pkgs.hasNext(); ) {
            for (Iterator<JDefinedClass> it = pkgs.next().classes(); it.hasNext(); ) {
                JDefinedClass cls = it.next();
                if (cls.getClassType() == ClassType.CLASS) {
                    classes.add(cls);
                }
            }
        }
        return classes;
    }

    /**
     * Moves a type-use annotation that codemodel wrote before a qualified name to where Java wants it
     * ({@code @Nullable Order.Status} becomes {@code Order.@Nullable Status}). Comment and string lines are left alone.
     */
    static String placeTypeAnnotations(String line) {
        String trimmed = line.stripLeading();
        if (line.indexOf('"') >= 0 || trimmed.startsWith("*") || trimmed.startsWith("/")) {
            return line;
        }
        return QUALIFIED_NULLABLE.matcher(line).replaceAll("$1@Nullable $2");
    }

    private static void value(JDefinedClass cls) {
        JCodeModel model = cls.owner();
        List<Property> properties = new ArrayList<>();
        JFieldVar unknown = null;
        for (JFieldVar field : cls.fields().values()) {
            String json = jsonName(field.annotations());
            if ((field.mods().getValue() & JMod.STATIC) != 0) {
                continue;
            } else if (json == null && annotated(field.annotations(), JSON_IGNORE)) {
                unknown = field;
            } else if (json != null) {
                JMethod getter = getter(cls, json);
                if (getter != null) {
                    properties.add(new Property(field, json, getter, declared(field).contains(REQUIRED)));
                }
            }
        }
        cls.mods().setFinal(true);
        cls.annotate(NullMarked.class);
        JMethod constructor = cls.constructor(JMod.PRIVATE);
        constructor.javadoc().add("Built by {@link Builder#build()} or by Jackson.");
        JMethod equals = cls.getMethod("equals", new JType[] {model.ref(Object.class)});
        if (equals != null) {
            nullable(equals.params().get(0));
        }
        for (Property p : properties) {
            CollectionType collection = CollectionType.of(p.field().type());
            if (collection != null) {
                readOnly(cls, constructor, p, collection);
            }
            if (!p.required()) {
                nullable(p.field());
                JMethod getter = Objects.requireNonNull(getter(cls, p.json()));
                getter.type(nullable(getter.type()));
            }
        }
        if (unknown != null) {
            for (JMethod m : List.copyOf(cls.methods())) {
                if (annotated(m.annotations(), JSON_ANY_GETTER)) {
                    replaceBody(cls, m, model.ref(Collections.class).staticInvoke("unmodifiableMap")
                            .arg(JExpr._this().ref(unknown)));
                } else if (annotated(m.annotations(), JSON_ANY_SETTER)) {
                    m.mods().setPrivate();
                }
            }
        }
        builder(cls, properties, unknown);
    }

    /**
     * Makes a collection property's field read-only on every way in, so that its getter returns the field itself
     * (no view built per call, for the validator and the serializer that read it on every message): the
     * constructor wraps the schema's default, a private {@code @JsonProperty} setter wraps what Jackson reads, and
     * {@code build()} wraps its copy.
     */
    private static void readOnly(JDefinedClass cls, JMethod constructor, Property p, CollectionType collection) {
        JFieldRef field = JExpr._this().ref(p.field());
        constructor.body().assign(field, collection.readOnly(cls.owner(), field));
        JMethod setter = cls.method(JMod.PRIVATE, cls.owner().VOID, "set" + p.getter().name().substring(3));
        setter.annotate(cls.owner().ref(JSON_PROPERTY)).param("value", p.json());
        JVar value = setter.param(nullable(p.field().type()), p.field().name());
        setter.body().assign(field, collection.readOnly(cls.owner(), value));
    }

    /** The nested builder, and {@code builder()} and {@code toBuilder()} first among the class's methods. */
    private static void builder(JDefinedClass cls, List<Property> properties, @Nullable JFieldVar unknown) {
        JCodeModel model = cls.owner();
        JDefinedClass b;
        try {
            b = cls._class(JMod.PUBLIC | JMod.STATIC | JMod.FINAL, builderName(cls));
        } catch (JClassAlreadyExistsException e) {
            throw new IllegalStateException(e);
        }
        b.javadoc().add("Builds a {@link " + cls.name() + "}; {@code build()} checks that the required properties"
                + " are set.");
        b.constructor(JMod.PRIVATE);
        JMethod build = b.method(JMod.PUBLIC, cls, "build");
        JBlock body = build.body();
        JVar value = body.decl(cls, "value", JExpr._new(cls));
        JMethod toBuilder = cls.method(JMod.PUBLIC, b, "toBuilder");
        toBuilder.javadoc().add("A builder holding this value's properties, to build a changed copy.");
        JVar copy = toBuilder.body().decl(b, "builder", JExpr._new(b));
        for (Property p : properties) {
            JFieldVar field = p.field();
            JType type = p.required() ? field.type() : nullable(field.type());
            b.field(JMod.PRIVATE, nullable(type), field.name());
            JMethod setter = b.method(JMod.PUBLIC, b, field.name());
            JVar param = setter.param(type, field.name());
            setter.body().assign(JExpr._this().ref(field.name()), param)._return(JExpr._this());

            JExpression from = JExpr._this().ref(field.name());
            if (p.required()) {
                from = model.ref(Objects.class).staticInvoke("requireNonNull").arg(from)
                        .arg(JExpr.lit("required property " + p.json() + " of " + cls.name() + " is not set: call "
                                + field.name() + "(...) before build()"));
            }
            CollectionType collection = CollectionType.of(field.type());
            if (collection != null) {
                JExpression copied = model.ref(Collections.class).staticInvoke(collection.readOnly())
                        .arg(JExpr._new(model.ref(collection.copy()).narrow(
                                ((JClass) field.type()).getTypeParameters())).arg(from));
                from = p.required() ? copied : JOp.cond(from.eq(JExpr._null()), JExpr._null(), copied);
            }
            body.assign(value.ref(field), from);
            toBuilder.body().assign(copy.ref(field.name()), JExpr._this().ref(field));
        }
        if (unknown != null) {
            JClass map = (JClass) unknown.type();
            JType valueType = map.getTypeParameters().get(1);
            JFieldVar collected = b.field(JMod.PRIVATE | JMod.FINAL, map, unknown.name(),
                    JExpr._new(model.ref(LinkedHashMap.class).narrow(map.getTypeParameters())));
            JMethod put = b.method(JMod.PUBLIC, b, "additionalProperty");
            put.javadoc().add("Adds a property the schema does not declare (it allows them).");
            JVar name = put.param(String.class, "name");
            JVar v = put.param(nullable(valueType), "value");
            put.body().add(JExpr._this().ref(collected).invoke("put").arg(name).arg(v));
            put.body()._return(JExpr._this());
            body.add(value.ref(unknown).invoke("putAll").arg(JExpr._this().ref(collected)));
            toBuilder.body().add(copy.ref(collected.name()).invoke("putAll").arg(JExpr._this().ref(unknown)));
        }
        body._return(value);
        toBuilder.body()._return(copy);

        JMethod start = cls.method(JMod.PUBLIC | JMod.STATIC, b, "builder");
        start.javadoc().add("A builder whose properties start at their schema defaults.");
        start.body()._return(JExpr._new(cls).invoke(toBuilder));
        List<JMethod> methods = methods(cls);
        methods.remove(start);
        methods.remove(toBuilder);
        methods.add(0, start);
        methods.add(1, toBuilder);
    }

    private static String builderName(JDefinedClass cls) {
        List<String> taken = new ArrayList<>();
        for (Iterator<JDefinedClass> it = cls.classes(); it.hasNext(); ) {
            taken.add(it.next().name());
        }
        String name = "Builder";
        while (taken.contains(name) || name.equals(cls.name())) {
            name = name + "_";
        }
        return name;
    }

    /** Replaces a getter's body by {@code return value;}, keeping its place, name, annotations and Javadoc. */
    private static void replaceBody(JDefinedClass cls, JMethod getter, JExpression value) {
        JMethod m = cls.method(getter.mods().getValue(), getter.type(), getter.name());
        if (declared(getter).stripLeading().startsWith("/**")) {
            m.javadoc().addAll(getter.javadoc());
        }
        for (JAnnotationUse a : getter.annotations()) {
            JAnnotationUse copy = m.annotate(a.getAnnotationClass());
            if (a.getAnnotationClass().fullName().equals(JSON_PROPERTY)) {
                copy.param("value", Objects.requireNonNull(jsonName(getter.annotations())));
            }
        }
        m.body()._return(value);
        List<JMethod> methods = methods(cls);
        methods.remove(m);
        methods.set(methods.indexOf(getter), m);
    }

    /** How codemodel writes a declaration; reading it so gives no empty Javadoc to a field or method without one. */
    static String declared(JDeclaration declaration) {
        StringWriter out = new StringWriter();
        declaration.declare(new JFormatter(out));
        return out.toString();
    }

    /** The class's own method list: codemodel hands it out as a collection but keeps declaration order in it. */
    static List<JMethod> methods(JDefinedClass cls) {
        Collection<JMethod> methods = cls.methods();
        if (methods instanceof List<JMethod> list) {
            return list;
        }
        throw new IllegalStateException("codemodel no longer keeps a class's methods in a list");
    }

    private static @Nullable JMethod getter(JDefinedClass cls, String json) {
        for (JMethod m : cls.methods()) {
            if (m.params().isEmpty() && json.equals(jsonName(m.annotations()))
                    && (m.name().startsWith("get") || m.name().startsWith("is"))) {
                return m;
            }
        }
        return null;
    }

    /** A collection type: the class a value is copied into at build time, and how the field holds it read-only. */
    private record CollectionType(Class<?> copy, String readOnly) {
        static @Nullable CollectionType of(JType type) {
            return switch (type.erasure().fullName()) {
                case "java.util.List" -> new CollectionType(ArrayList.class, "unmodifiableList");
                case "java.util.Set" -> new CollectionType(LinkedHashSet.class, "unmodifiableSet");
                default -> null;
            };
        }

        /** {@code value == null ? null : Collections.unmodifiableList(value)}, or the set's. */
        JExpression readOnly(JCodeModel model, JExpression value) {
            return JOp.cond(value.eq(JExpr._null()), JExpr._null(),
                    model.ref(Collections.class).staticInvoke(readOnly).arg(value));
        }
    }

    private static void nullable(JVar var) {
        var.type(nullable(var.type()));
    }

    private static JType nullable(JType type) {
        return type instanceof JClass c && !c.isArray() && !(c instanceof NullableType) ? new NullableType(c) : type;
    }

    /**
     * A class type written with JSpecify's {@code @Nullable} before it; everything else (name, erasure, type
     * arguments) is the wrapped type's, so code that reads the model sees the type it wraps.
     */
    private static final class NullableType extends JClass {
        private final JClass type;

        NullableType(JClass type) {
            super(type.owner());
            this.type = type;
        }

        @Override
        public String name() {
            return type.name();
        }

        @Override
        public String fullName() {
            return type.fullName();
        }

        @Override
        public JPackage _package() {
            return type._package();
        }

        @Override
        public @Nullable JClass outer() {
            return type.outer();
        }

        @Override
        public JClass _extends() {
            return type._extends();
        }

        @Override
        public Iterator<JClass> _implements() {
            return type._implements();
        }

        @Override
        public boolean isInterface() {
            return type.isInterface();
        }

        @Override
        public boolean isAbstract() {
            return type.isAbstract();
        }

        @Override
        public JClass erasure() {
            return type.erasure();
        }

        @Override
        public List<JClass> getTypeParameters() {
            return type.getTypeParameters();
        }

        @Override
        protected JClass substituteParams(JTypeVar[] variables, List<JClass> bindings) {
            return this;
        }

        @Override
        public void generate(JFormatter f) {
            f.p('@').g(owner().ref(Nullable.class)).g(type);
        }
    }
}
