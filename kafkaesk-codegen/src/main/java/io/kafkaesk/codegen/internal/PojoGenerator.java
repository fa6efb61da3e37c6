package io.kafkaesk.codegen.internal;

import com.sun.codemodel.JClassContainer;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JPackage;
import com.sun.codemodel.JType;
import io.kafkaesk.codegen.DataClasses;
import io.kafkaesk.codegen.SchemaError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.jsonschema2pojo.AnnotationStyle;
import org.jsonschema2pojo.DefaultGenerationConfig;
import org.jsonschema2pojo.Jackson3Annotator;
import org.jsonschema2pojo.SchemaGenerator;
import org.jsonschema2pojo.SchemaMapper;
import org.jsonschema2pojo.SchemaStore;
import org.jsonschema2pojo.rules.Rule;
import org.jsonschema2pojo.rules.RuleFactory;
import org.jsonschema2pojo.util.NameHelper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the data classes with jsonschema2pojo: Jackson 3 annotations, getters, short equals/hashCode/toString
 * ({@link ObjectMethods}),
 * {@code java.time} types for date and time formats, 64-bit integers ({@link NumericTypes}); then either immutable
 * values with a builder ({@link ValueClasses}) or, when asked, jsonschema2pojo's JavaBeans (setters, {@code withX}
 * mutators, constructors).
 *
 * <p>jsonschema2pojo reads copies of the schema files in a temporary directory, prepared so that the
 * {@code x-kafkaesk} block is gone, each root carries the class name kafkaesk chose ({@code javaType}), and texts
 * that become Javadoc cannot form unicode escapes. Shared definitions are generated first so that their classes keep their own
 * name and package whichever schema refers to them; then message schemas by version, so that a class shared by
 * versions 1 and 2 keeps the name version 1 gave it.
 */
public final class PojoGenerator {
    private static final Config VALUES = new Config(DataClasses.VALUES);
    private static final Config JAVABEANS = new Config(DataClasses.JAVABEANS);
    private static final Set<String> DATA_KEYWORDS = Set.of("enum", "const", "default", "examples", "example");
    private static final Pattern DIGIT_SPACE_DOT = Pattern.compile("\\b([A-Za-z_$][A-Za-z0-9_$]*[0-9]) \\.(?=[A-Za-z_$])");

    private PojoGenerator() {}

    /** A generated source file: its path under the output directory, its text and the schema file it came from. */
    public record Source(String path, String text, String schemaFile) {}

    /**
     * The data classes, and for each message schema (by schema file) its validator, written over the same class
     * model (see {@link ValidatorGenerator}).
     */
    public record Generated(List<Source> sources, ValidatorGenerator.Validators validators) {}

    /** Generates the data classes of every message schema and shared definition. */
    public static Generated generate(Map<String, SchemaDocument> docs, Linker.Linked linked, DataClasses style,
            Problems problems) throws IOException {
        Config config = style == DataClasses.VALUES ? VALUES : JAVABEANS;
        Path work = Files.createTempDirectory("kafkaesk-codegen-");
        try {
            Map<String, String> rootTypes = new TreeMap<>(linked.definitionClasses());
            linked.messages().forEach(m -> rootTypes.put(m.doc().file(), m.qualifiedClassName()));
            for (SchemaDocument doc : docs.values()) {
                Path copy = work.resolve(doc.file());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, prepare(doc.root(), rootTypes.get(doc.file())), StandardCharsets.UTF_8);
            }

            JCodeModel codeModel = new JCodeModel();
            SchemaStore store = new SchemaStore();
            Map<String, String> classSources = new TreeMap<>();
            Set<String> seen = new HashSet<>();
            for (Map.Entry<String, String> def : linked.definitionClasses().entrySet()) {
                String cls = def.getValue();
                run(codeModel, store, config, cls, work.resolve(def.getKey()), docs.get(def.getKey()), problems);
                record(codeModel, seen, classSources, def.getKey());
            }
            List<MessageModel> ordered = new ArrayList<>(linked.messages());
            ordered.sort(Comparator.comparingInt(MessageModel::version).thenComparing(m -> m.doc().file()));
            for (MessageModel m : ordered) {
                run(codeModel, store, config, m.qualifiedClassName(), work.resolve(m.doc().file()), m.doc(), problems);
                record(codeModel, seen, classSources, m.doc().file());
            }
            if (!problems.isEmpty()) {
                return new Generated(List.of(), new ValidatorGenerator.Validators(Map.of(), List.of()));
            }
            ValidatorGenerator.Validators validators = ValidatorGenerator.generate(codeModel, docs, linked);
            if (style == DataClasses.VALUES) {
                ValueClasses.apply(codeModel);
            }
            ObjectMethods.apply(codeModel);
            return new Generated(write(codeModel, classSources), validators);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void run(JCodeModel codeModel, SchemaStore store, Config config, String qualifiedName,
            Path file, SchemaDocument doc, Problems problems) {
        int dot = qualifiedName.lastIndexOf('.');
        String pkg = dot < 0 ? "" : qualifiedName.substring(0, dot);
        String simple = qualifiedName.substring(dot + 1);
        SchemaMapper mapper = new SchemaMapper(new Rules(config, store, simple), new SchemaGenerator());
        try {
            mapper.generate(codeModel, simple, pkg, file.toUri().toURL());
        } catch (RuntimeException | IOException e) {
            problems.add(SchemaError.Kind.GENERATION_FAILED, doc, "",
                    "jsonschema2pojo could not generate a class from this schema: " + e,
                    "simplify the construct named in the message, or report it with the schema attached");
        }
    }

    /** Remembers which schema file each class generated since the last call came from. */
    private static void record(JCodeModel codeModel, Set<String> seen, Map<String, String> sources, String file) {
        for (Iterator<JPackage> pkgs = codeModel.packages(); pkgs.hasNext(); ) {
            for (Iterator<JDefinedClass> classes = pkgs.next().classes(); classes.hasNext(); ) {
                String name = classes.next().fullName();
                if (seen.add(name)) {
                    sources.put(name, file);
                }
            }
        }
    }

    private static List<Source> write(JCodeModel codeModel, Map<String, String> classSources) throws IOException {
        SourceTexts texts = new SourceTexts();
        codeModel.build(texts);
        List<Source> sources = new ArrayList<>();
        for (Map.Entry<String, StringBuilder> e : texts.texts().entrySet()) {
            String path = e.getKey();
            String className = path.substring(0, path.length() - ".java".length()).replace('/', '.');
            String schemaFile = classSources.getOrDefault(className, "");
            String body = tidy(e.getValue().toString().replace("\r\n", "\n").stripLeading());
            sources.add(new Source(path, Headers.java(schemaFile) + body, schemaFile));
        }
        return sources;
    }

    /**
     * Removes the space codemodel writes between a name ending in a digit and a dot ({@code OrderV2 .Channel}),
     * which it adds so that a number never reads as a decimal literal, and puts {@code @Nullable} where a qualified
     * type name needs it ({@link ValueClasses#placeTypeAnnotations}). Lines with string literals are left alone.
     */
    private static String tidy(String source) {
        StringBuilder sb = new StringBuilder(source.length());
        for (String line : source.split("\n", -1)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            if (line.indexOf('"') >= 0) {
                sb.append(line);
                continue;
            }
            String joined = line.contains(" .") ? DIGIT_SPACE_DOT.matcher(line).replaceAll("$1.") : line;
            sb.append(joined.contains("@Nullable") ? ValueClasses.placeTypeAnnotations(joined) : joined);
        }
        return sb.toString();
    }

    /** The copy jsonschema2pojo reads: no x-kafkaesk, the chosen root class name, inert unicode escapes. */
    private static String prepare(JsonNode root, @Nullable String rootType) {
        JsonNode copy = root.deepCopy();
        if (copy instanceof ObjectNode o) {
            o.remove("x-kafkaesk");
            if (rootType != null) {
                o.put("javaType", rootType);
            }
            escapeTexts(o);
        }
        return SchemaReader.MAPPER.writeValueAsString(copy);
    }

    private static void escapeTexts(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (String key : List.copyOf(o.propertyNames())) {
                JsonNode value = o.get(key);
                if ((key.equals("description") || key.equals("title")) && value.isString()) {
                    o.put(key, Javadoc.neutralizeUnicodeEscapes(value.asString()));
                } else if (!DATA_KEYWORDS.contains(key)) {
                    escapeTexts(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(PojoGenerator::escapeTexts);
        }
    }

    /**
     * jsonschema2pojo settings; see DESIGN section 7 for why date-time formatting is off. Values get neither setters,
     * {@code withX} mutators nor constructors from it ({@link ValueClasses} adds a builder); JavaBeans get all three.
     */
    private static final class Config extends DefaultGenerationConfig {
        private final boolean javaBeans;

        Config(DataClasses style) {
            this.javaBeans = style == DataClasses.JAVABEANS;
        }

        @Override
        public AnnotationStyle getAnnotationStyle() {
            return AnnotationStyle.JACKSON3;
        }

        @Override
        public boolean isGenerateBuilders() {
            return javaBeans;
        }

        @Override
        public boolean isIncludeConstructors() {
            return javaBeans;
        }

        @Override
        public boolean isIncludeSetters() {
            return javaBeans;
        }

        @Override
        public boolean isIncludeJsr303Annotations() {
            return false;
        }

        @Override
        public boolean isIncludeGeneratedAnnotation() {
            return true;
        }

        @Override
        public String getTargetVersion() {
            return "17";
        }

        @Override
        public String getDateTimeType() {
            return "java.time.OffsetDateTime";
        }

        @Override
        public String getDateType() {
            return "java.time.LocalDate";
        }

        @Override
        public String getTimeType() {
            return "java.time.LocalTime";
        }

        @Override
        public boolean isFormatDateTimes() {
            return false;
        }
    }

    /** jsonschema2pojo's rules, with class names that start with the name of the schema's root class. */
    private static final class Rules extends RuleFactory {
        private final NameHelper names;

        Rules(Config config, SchemaStore store, String rootClass) {
            super(config, new Jackson3Annotator(config), store);
            this.names = new PrefixedNames(config, rootClass);
        }

        @Override
        public NameHelper getNameHelper() {
            return names;
        }

        @Override
        public Rule<JClassContainer, JType> getTypeRule() {
            return new NumericTypes(this, super.getTypeRule());
        }
    }

    /**
     * Names each class that jsonschema2pojo creates for a nested object, array item or definition after the
     * schema's root class ({@code Order} + {@code customer} = {@code OrderCustomer}). Plain names would clash
     * between schemas of one package, and jsonschema2pojo would resolve the clash with a counter that depends on
     * which schema came first, so adding a schema could rename another schema's classes.
     */
    private static final class PrefixedNames extends NameHelper {
        private final String rootClass;

        PrefixedNames(Config config, String rootClass) {
            super(config);
            this.rootClass = rootClass;
        }

        @Override
        public String getUniqueClassName(String nodeName, com.fasterxml.jackson.databind.JsonNode node, JPackage pkg) {
            String base = rootClass + getClassName(nodeName, node, pkg);
            String name = base;
            for (int i = 2; pkg.isDefined(name); i++) {
                name = base + i;
            }
            return name;
        }
    }
}
