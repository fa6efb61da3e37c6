package io.kafkaesk.codegen.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JType;
import io.kafkaesk.codegen.internal.ClassModel.Kind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Decides which checks the validators of a source set's message schemas consist of and which generated class
 * each lives in: plain Java over the getters of the classes jsonschema2pojo generated, which decides whether a
 * data object, written as JSON by kafkaesk's mapper, conforms to its schema file. It is the one reading of JSON
 * Schema's keywords for published data ({@link KeywordEmitter} writes each check's statements); what is more than
 * a comparison (formats, regular expressions, exact numbers, JSON equality) is left to the runtime's
 * {@code io.kafkaesk.SchemaChecks}.
 *
 * <p>Each schema location reached with a Java type becomes one static method {@code boolean check(T v)}, written
 * once for the whole source set in the class of the file it is in: the descriptor of a message schema, or the
 * {@value #SHARED_CLASS} class of a shared definition's package. So a data class's check exists once, and every
 * validator that reaches it, through a {@code $ref} within a file or to another file, calls it; a recursive schema
 * is a recursive call. A check that accepts everything is not written and not called. A value is judged by what
 * it is when written: a data class by its getters and its additional properties, a map by its entries, an enum by
 * its {@code @JsonValue}, a date by its text. What it cannot be sure of at run time (a subclass of a data class, a
 * data object where a map was expected) it refuses, and the runtime's JSON Schema validator has the last word.
 *
 * <p>A schema that uses a keyword it does not read ({@code $dynamicRef}, {@code unevaluatedProperties}, an
 * anchor, a nested {@code $id}, ...) gets no validator: {@link Result#unsupported} names the file, pointer and
 * keyword.
 *
 * <p>Over 400 lines because the walk over a schema and the decisions it makes (which check exists, where it lives,
 * who may call it, when to give up and roll back) are one algorithm; the statements of each keyword are in
 * {@link KeywordEmitter} and {@link ObjectKeywords}, the reading of the class model in {@link ClassModel}.
 */
public final class ValidatorGenerator {
    /** The simple name of the class holding the checks of the shared definitions of one package. */
    public static final String SHARED_CLASS = "KafkaeskChecks";
    private static final TypeName OBJECT = ClassName.get(Object.class);
    /** The body of a check that accepts every value. */
    private static final String ACCEPTS_ALL = "return true;\n";
    /** The body of a check that accepts every value but null. */
    private static final String ACCEPTS_NON_NULL = CodeBlock.builder().beginControlFlow("if (v == null)")
            .addStatement("return false").endControlFlow().addStatement("return true").build().toString();

    /** Keywords whose presence beside a {@code $ref} changes nothing it decides. */
    private static final Set<String> REF_ANNOTATIONS = Set.of("$ref", "$schema", "$comment", "$defs",
            "definitions", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly",
            "x-kafkaesk", "javaType", "javaName", "javaEnumNames", "javaEnums", "excludedFromEqualsAndHashCode");

    /** A keyword the generator does not read, and where it is. */
    public record Unsupported(String file, String pointer, String keyword) {}

    /** Checks that live in one generated class. */
    public record Code(List<FieldSpec> fields, List<MethodSpec> methods) {}

    /**
     * A message schema's part: the checks its descriptor holds (null when none), and, when its validator cannot
     * be generated, the keyword why; {@code conforms(data)} is then absent.
     */
    public record Result(@Nullable Code code, @Nullable Unsupported unsupported) {}

    /** The checks of the shared definitions of one package, and the files they come from. */
    public record Shared(String packageName, List<String> files, Code code) {}

    /** The validators of a source set: per message schema file, and the classes of shared definitions. */
    public record Validators(Map<String, Result> messages, List<Shared> shared) {}

    static final class UnsupportedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Unsupported where;

        UnsupportedException(Unsupported where) {
            super(where.toString(), null, false, false);
            this.where = where;
        }
    }

    /** A schema location: a file and a JSON pointer in it. */
    record At(String file, String pointer, JsonNode node, boolean draft7) {
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

    /** The generated class checks live in. */
    private static final class Home {
        final ClassName name;
        final List<String> files = new ArrayList<>();
        final Map<String, FieldSpec> fields = new LinkedHashMap<>();
        final Map<String, String> constants = new HashMap<>();
        final List<Check> checks = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        int counter;

        Home(ClassName name) {
            this.name = name;
        }
    }

    /** One generated check: where it lives, what it takes, its body once written. */
    private static final class Check {
        final String name;
        final Home home;
        final TypeName parameter;
        final At at;
        final boolean entry;
        final Set<Home> callers = new HashSet<>();
        @Nullable CodeBlock body;
        /** Accepts everything: not written, and a call of it is {@code true}. */
        boolean trivial;
        /** Accepts every value but null: not written, and a call of it is {@code arg != null}. */
        boolean nonNullOnly;

        Check(String name, Home home, TypeName parameter, At at, boolean entry) {
            this.name = name;
            this.home = home;
            this.parameter = parameter;
            this.at = at;
            this.entry = entry;
        }
    }

    private final ClassModel classes;
    private final Map<String, SchemaDocument> docs;
    private final Map<String, Home> homesByFile = new HashMap<>();
    private final Map<String, Home> descriptors = new LinkedHashMap<>();
    private final Map<String, Home> sharedByPackage = new TreeMap<>();
    private final Map<String, Check> checks = new HashMap<>();
    /** How to take back what a message schema's walk added when it ends on a keyword it cannot read. */
    private final List<Runnable> undo = new ArrayList<>();

    private ValidatorGenerator(JCodeModel model, Map<String, SchemaDocument> docs, Linker.Linked linked) {
        this.classes = new ClassModel(model, docs.values().stream()
                .anyMatch(d -> d.text().contains("excludedFromEqualsAndHashCode")));
        this.docs = docs;
        for (MessageModel m : linked.messages()) {
            Home home = new Home(ClassName.get(m.packageName(), m.className() + "Schema"));
            home.files.add(m.doc().file());
            homesByFile.put(m.doc().file(), home);
            descriptors.put(m.doc().file(), home);
        }
        for (Map.Entry<String, String> def : linked.definitionClasses().entrySet()) {
            String cls = def.getValue();
            String pkg = cls.contains(".") ? cls.substring(0, cls.lastIndexOf('.')) : "";
            Home home = sharedByPackage.computeIfAbsent(pkg, p -> new Home(ClassName.get(p, SHARED_CLASS)));
            home.files.add(def.getKey());
            homesByFile.put(def.getKey(), home);
        }
    }

    /** Writes the validators of every message schema of a source set over their data classes in {@code model}. */
    public static Validators generate(JCodeModel model, Map<String, SchemaDocument> docs, Linker.Linked linked) {
        ValidatorGenerator g = new ValidatorGenerator(model, docs, linked);
        Map<String, MethodSpec> entries = new HashMap<>();
        Map<String, Unsupported> unsupported = new TreeMap<>();
        for (MessageModel m : linked.messages()) {
            try {
                entries.put(m.doc().file(), g.conforms(m));
                g.undo.clear();
            } catch (UnsupportedException e) {
                for (int i = g.undo.size() - 1; i >= 0; i--) {
                    g.undo.get(i).run();
                }
                g.undo.clear();
                unsupported.put(m.doc().file(), e.where);
            }
        }
        Map<String, Result> messages = new TreeMap<>();
        for (Map.Entry<String, Home> d : g.descriptors.entrySet()) {
            MethodSpec conforms = entries.get(d.getKey());
            Code code = g.code(d.getValue(), conforms);
            messages.put(d.getKey(), new Result(code.methods().isEmpty() ? null : code, unsupported.get(d.getKey())));
        }
        List<Shared> shared = new ArrayList<>();
        for (Home h : g.sharedByPackage.values()) {
            if (!h.checks.isEmpty()) {
                shared.add(new Shared(h.name.packageName(), List.copyOf(h.files), g.code(h, null)));
            }
        }
        return new Validators(messages, shared);
    }

    private MethodSpec conforms(MessageModel m) throws UnsupportedException {
        JDefinedClass root = classes.byName(m.qualifiedClassName());
        if (root == null) {
            throw new UnsupportedException(new Unsupported(m.doc().file(), "", "javaType"));
        }
        JsonNode schema = m.doc().root();
        At at = new At(m.doc().file(), "", schema, draft7(schema));
        Home home = homesByFile.get(m.doc().file());
        CodeBlock first = call(home, at, root, CodeBlock.of("data"), true, true);
        return MethodSpec.methodBuilder("conforms")
                .addJavadoc("Whether {@code data}, written as JSON, conforms to the schema file: generated from "
                        + "it, see {@link $T}.\n", KeywordEmitter.CHECKS)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(boolean.class)
                .addParameter(ClassModel.className(root), "data")
                .addStatement("return $L", first)
                .build();
    }

    private static boolean draft7(JsonNode root) {
        return root.path("$schema").asString("").contains("draft-07");
    }

    /** The fields and methods of a home, each method as visible as its callers in other classes need. */
    private Code code(Home home, @Nullable MethodSpec conforms) {
        List<MethodSpec> methods = new ArrayList<>();
        if (conforms != null) {
            methods.add(conforms);
        }
        for (Check c : home.checks) {
            if (c.trivial) {
                continue;
            }
            boolean otherPackage = false;
            boolean otherClass = false;
            for (Home caller : c.callers) {
                if (caller != home) {
                    otherClass = true;
                    otherPackage |= !caller.name.packageName().equals(home.name.packageName());
                }
            }
            MethodSpec.Builder m = MethodSpec.methodBuilder(c.name);
            if (otherClass) {
                m.addJavadoc("The check of {@code $L#$L}, for the validators of other schema files.\n",
                        Javadoc.escape(c.at.file()), Javadoc.escape(c.at.pointer()));
            } else {
                m.addComment("$L#$L", c.at.file(), c.at.pointer());
            }
            if (otherPackage) {
                m.addModifiers(Modifier.PUBLIC);
            } else if (!otherClass) {
                m.addModifiers(Modifier.PRIVATE);
            }
            m.addModifiers(Modifier.STATIC).returns(boolean.class);
            if (c.entry) {
                m.addParameter(String.class, "name").addParameter(Object.class, "v");
            } else {
                m.addParameter(c.parameter, "v");
            }
            methods.add(m.addCode(c.body).build());
        }
        return new Code(List.copyOf(home.fields.values()), methods);
    }

    // ---- Checks and where they live ----

    private Home home(At at) throws UnsupportedException {
        Home home = homesByFile.get(at.file());
        if (home == null) {
            throw KeywordEmitter.unsupported(at, "a schema file without generated classes");
        }
        return home;
    }

    /** Follows a location that is only a {@code $ref} to where it points. */
    private At target(At at) throws UnsupportedException {
        At here = at;
        for (int hops = 0; hops < 64; hops++) {
            JsonNode s = here.node();
            if (!s.isObject() || !s.has("$ref")) {
                return here;
            }
            if (!here.draft7()) {
                for (String keyword : s.propertyNames()) {
                    if (!REF_ANNOTATIONS.contains(keyword)) {
                        return here;
                    }
                }
            } else {
                for (String keyword : s.propertyNames()) {
                    if (KeywordEmitter.UNSUPPORTED.contains(keyword)
                            || keyword.equals("$id") && !here.pointer().isEmpty()) {
                        return here;
                    }
                }
            }
            here = ref(here);
        }
        return here;
    }

    private CodeBlock call(Home caller, At at, @Nullable JType type, CodeBlock arg, boolean argTyped,
            boolean nonNull) throws UnsupportedException {
        Check c = check(target(at), type, nonNull, false);
        if (c.nonNullOnly) {
            return CodeBlock.of("$L != null", arg);
        }
        return invoke(caller, c, argTyped ? arg : cast(c.parameter, arg));
    }

    private CodeBlock entry(Home caller, At at, @Nullable JType valueType, CodeBlock name, CodeBlock value)
            throws UnsupportedException {
        Check c = check(at, valueType, false, true);
        return invoke(caller, c, CodeBlock.of("$L, $L", name, value));
    }

    private static CodeBlock cast(TypeName parameter, CodeBlock arg) {
        return parameter.equals(OBJECT) ? arg : CodeBlock.of("($T) $L", parameter, arg);
    }

    private CodeBlock invoke(Home caller, Check c, CodeBlock args) {
        if (c.trivial) {
            return CodeBlock.of("true");
        }
        if (c.callers.add(caller)) {
            undo.add(() -> c.callers.remove(caller));
        }
        return c.home == caller ? CodeBlock.of("$L($L)", c.name, args)
                : CodeBlock.of("$T.$L($L)", c.home.name, c.name, args);
    }

    /** The check of values of static type {@code type} against the schema at {@code at}, written on first use. */
    private Check check(At at, @Nullable JType type, boolean nonNull, boolean entry) throws UnsupportedException {
        Kind kind = classes.kind(type);
        boolean leaf = kind != Kind.OBJECT && kind != Kind.DATA && kind != Kind.ARRAY;
        boolean present = nonNull && leaf && !entry;
        String key = (entry ? "e " : "s ") + at.file() + "#" + at.pointer() + " "
                + (type == null ? "" : type.fullName()) + (present ? " !null" : "");
        Check c = checks.get(key);
        if (c != null) {
            return c;
        }
        Home home = home(at);
        c = new Check(name(home, type, kind, entry), home, entry ? OBJECT : classes.parameter(type), at,
                entry);
        Check added = c;
        checks.put(key, c);
        home.checks.add(c);
        undo.add(() -> {
            checks.remove(key);
            home.checks.remove(added);
            home.names.remove(added.name);
        });
        KeywordEmitter.Context context = context(home);
        c.body = entry ? KeywordEmitter.entryBody(context, classes, at, type)
                : KeywordEmitter.body(context, classes, at, type, present);
        String body = c.body.toString();
        if (!entry && c.callers.isEmpty() && (body.equals(ACCEPTS_ALL) || body.equals(ACCEPTS_NON_NULL))) {
            // Not written: its callers do not call it, they test what it would.
            c.trivial = body.equals(ACCEPTS_ALL);
            c.nonNullOnly = !c.trivial;
            home.checks.remove(c);
            home.names.remove(c.name);
            if (c.name.equals("s" + home.counter)) {
                home.counter--;
            }
        }
        return c;
    }

    /** {@code checkOrderLine} for a data class or an enum, else {@code sN} ({@code eN} for a map's entries). */
    private String name(Home home, @Nullable JType type, Kind kind, boolean entry) {
        String name;
        if (!entry && (kind == Kind.DATA || kind == Kind.ENUM)) {
            ClassName cls = ClassModel.className(classes.defined(type));
            String base = "check" + String.join("", cls.simpleNames());
            name = base;
            for (int i = 2; home.names.contains(name); i++) {
                name = base + i;
            }
        } else {
            int before = home.counter;
            do {
                name = (entry ? "e" : "s") + (++home.counter);
            } while (home.names.contains(name));
            undo.add(() -> home.counter = before);
        }
        home.names.add(name);
        return name;
    }

    private KeywordEmitter.Context context(Home home) {
        return new KeywordEmitter.Context() {
            @Override
            public CodeBlock call(At at, @Nullable JType type, CodeBlock arg, boolean argTyped, boolean nonNull)
                    throws UnsupportedException {
                return ValidatorGenerator.this.call(home, at, type, arg, argTyped, nonNull);
            }

            @Override
            public CodeBlock entry(At at, @Nullable JType valueType, CodeBlock name, CodeBlock value)
                    throws UnsupportedException {
                return ValidatorGenerator.this.entry(home, at, valueType, name, value);
            }

            @Override
            public String constant(String prefix, TypeName type, CodeBlock init) {
                return ValidatorGenerator.this.constant(home, prefix, type, init);
            }

            @Override
            public At ref(At at) throws UnsupportedException {
                return ValidatorGenerator.this.ref(at);
            }
        };
    }

    /** A static final constant of a home, shared by every use of the same initializer. */
    private String constant(Home home, String prefix, TypeName type, CodeBlock init) {
        String key = type + "=" + init;
        String name = home.constants.get(key);
        if (name == null) {
            String n = prefix + (home.fields.size() + 1);
            home.constants.put(key, n);
            home.fields.put(n, FieldSpec.builder(type, n, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer(init).build());
            undo.add(() -> {
                home.constants.remove(key);
                home.fields.remove(n);
            });
            name = n;
        }
        return name;
    }

    /** The location a {@code $ref} points to: in the same file, or in another schema file relative to it. */
    private At ref(At at) throws UnsupportedException {
        JsonNode r = at.node().get("$ref");
        At here = at.child("$ref");
        if (!r.isString()) {
            throw KeywordEmitter.unsupported(here, "$ref");
        }
        String ref = r.asString();
        int hash = ref.indexOf('#');
        String filePart = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : URLDecoder.decode(ref.substring(hash + 1).replace("+", "%2B"),
                StandardCharsets.UTF_8);
        String file = at.file();
        if (!filePart.isEmpty()) {
            if (filePart.contains(":")) {
                throw KeywordEmitter.unsupported(here, "$ref to " + ref);
            }
            String folder = at.file().contains("/") ? at.file().substring(0, at.file().lastIndexOf('/')) : "";
            file = Path.of(folder).resolve(filePart).normalize().toString().replace('\\', '/');
        }
        SchemaDocument doc = docs.get(file);
        if (doc == null || (!fragment.isEmpty() && !fragment.startsWith("/"))) {
            throw KeywordEmitter.unsupported(here, "$ref to " + ref);
        }
        JsonNode target = doc.root().at(fragment);
        if (target == null || target.isMissingNode()) {
            throw KeywordEmitter.unsupported(here, "$ref to " + ref);
        }
        return new At(file, fragment, target, draft7(doc.root()));
    }
}
