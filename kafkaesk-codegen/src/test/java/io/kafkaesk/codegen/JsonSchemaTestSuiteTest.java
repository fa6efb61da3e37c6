package io.kafkaesk.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kafkaesk.MessageSchema;
import io.kafkaesk.internal.Json;
import io.kafkaesk.internal.SchemaValidator;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generated validators against the official JSON-Schema-Test-Suite (draft 2020-12 and draft-07, read from
 * {@code ../shared/json-schema-test-suite/} beside the repository): every case whose schema can describe an
 * object goes through code generation and through networknt, and for every object instance that binds to the
 * generated class, the generated validator's verdict on the bound object must equal networknt's on the JSON
 * kafkaesk's mapper writes for it (what is published). An instance that cannot bind is a rejection; the counts
 * say how many there are.
 *
 * <p>Cases are excluded only for reasons printed with their counts: a boolean or non-object root schema (no data
 * class), a schema the code generator refuses (remote references, for example: the suite's
 * {@code http://localhost:1234/} is not served), a keyword the generated validator does not read (the build warns
 * about those; the JSON Schema validator then validates), or a schema whose generated classes do not compile.
 * All schemas are generated in one run and compiled in one javac call.
 */
class JsonSchemaTestSuiteTest {
    private static final Path SUITE = Path.of("../../shared/json-schema-test-suite");
    private static final Map<String, String> DIALECTS = Map.of(
            "draft2020-12", "https://json-schema.org/draft/2020-12/schema",
            "draft7", "http://json-schema.org/draft-07/schema#");
    /** The formats the generated validator asserts through networknt, from the suite's optional tests. */
    private static final Set<String> FORMATS = Set.of("date-time", "date", "time", "duration", "uuid", "email",
            "hostname", "ipv4", "ipv6", "uri", "uri-reference");
    private static final Pattern SOURCE = Pattern.compile("// Source: ([cw]\\d+\\.json)");

    @TempDir
    Path out;

    private record Case(String name, String file, String description, JsonNode schema, JsonNode tests,
            boolean wrapped) {}

    @Test
    void generatedValidatorsAgreeWithNetworkntOnTheOfficialSuite() throws Exception {
        Path suite = SUITE.toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(suite.resolve("tests")),
                "JSON-Schema-Test-Suite not found at " + suite + " (../shared/json-schema-test-suite from the "
                        + "repository root): comparison skipped");
        Map<String, Integer> excluded = new TreeMap<>();
        Map<String, Case> cases = new TreeMap<>();
        Path schemas = out.resolve("schemas");
        Files.createDirectories(schemas);
        for (Map.Entry<String, String> dialect : new TreeMap<>(DIALECTS).entrySet()) {
            Path dir = suite.resolve("tests").resolve(dialect.getKey());
            List<Path> files = new ArrayList<>();
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
            for (String format : FORMATS) {
                Path optional = dir.resolve("optional/format/" + format + ".json");
                if (Files.exists(optional)) {
                    files.add(optional);
                }
            }
            for (Path file : files) {
                JsonNode groups = Json.mapper().readTree(file.toFile());
                String name = dialect.getKey() + "/" + dir.relativize(file).toString().replace(File.separatorChar, '/');
                for (JsonNode group : groups) {
                    JsonNode schema = group.get("schema");
                    wrap(schema, dialect.getValue(), name, group, schemas, cases, excluded);
                    if (!schema.isObject()) {
                        count(excluded, "boolean root schema (no data class)");
                        continue;
                    }
                    JsonNode type = schema.get("type");
                    if (type != null && !(type.isString() && type.asString().equals("object"))) {
                        count(excluded, "root type other than object (no data class)");
                        continue;
                    }
                    String fileName = String.format(Locale.ROOT, "c%04d.json", cases.size() + 1);
                    ObjectNode copy = ((ObjectNode) schema).deepCopy();
                    if (!copy.has("$schema")) {
                        copy.put("$schema", dialect.getValue());
                    }
                    // Only objects bind to a data class, and for objects "type": "object" changes nothing.
                    copy.put("type", "object");
                    String id = id(fileName);
                    copy.putObject("x-kafkaesk").put("id", id).putArray("streams").add("suite." + id);
                    Files.writeString(schemas.resolve(fileName), copy.toPrettyString(), StandardCharsets.UTF_8);
                    cases.put(fileName, new Case(name, fileName, group.path("description").asString(""), copy,
                            group.get("tests"), false));
                }
            }
        }

        long start = System.nanoTime();
        CodegenResult result = generate(schemas, cases, excluded);
        long generatedAt = System.nanoTime();
        Path java = out.resolve("java");
        prune(java, cases, excluded);
        while (true) {
            Set<String> failing = compile(java, out.resolve("classes"));
            if (failing.isEmpty()) {
                break;
            }
            for (String file : failing) {
                if (cases.remove(file) != null) {
                    delete(java, file);
                    count(excluded, kind(file) + "generated classes do not compile");
                }
            }
        }
        long compiledAt = System.nanoTime();
        for (String warning : result.warnings()) {
            Matcher m = Pattern.compile("\\] ([cw]\\d+\\.json)\\S* at \\S+: the generated validator does not read (.+?),"
                    + " so data").matcher(warning);
            if (m.find() && cases.remove(m.group(1)) != null) {
                count(excluded, kind(m.group(1)) + "keyword not read by the generated validator: "
                        + keyword(m.group(2)));
            }
        }

        int[] run = new int[2];
        int[] instances = new int[2];
        int[] agreed = new int[2];
        int[] unbound = new int[2];
        int[] unboundAcceptedByNetworknt = new int[2];
        int nonObjects = 0;
        List<String> disagreements = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.resolve("classes").toUri().toURL(),
                out.resolve("resources").toUri().toURL()}, getClass().getClassLoader())) {
            for (Case c : cases.values()) {
                String id = id(c.file);
                MessageSchema<?> schema = (MessageSchema<?>) loader.loadClass(GoldenFilesTest.PACKAGE + "." + id
                        + "Schema").getField("DESCRIPTOR").get(null);
                @SuppressWarnings("unchecked")
                Predicate<Object> generated = (Predicate<Object>) schema.validator().orElseThrow();
                SchemaValidator networknt = SchemaValidator.compile(schema);
                run[c.wrapped ? 1 : 0]++;
                for (JsonNode test : c.tests) {
                    JsonNode data = test.get("data");
                    if (c.wrapped) {
                        ObjectNode holder = Json.mapper().createObjectNode();
                        holder.set("value", data);
                        data = holder;
                    } else if (!data.isObject()) {
                        nonObjects++;
                        continue;
                    }
                    int k = c.wrapped ? 1 : 0;
                    instances[k]++;
                    Object bound;
                    try {
                        bound = Json.mapper().treeToValue(data, schema.dataClass());
                    } catch (RuntimeException e) {
                        unbound[k]++;
                        unboundAcceptedByNetworknt[k] += networknt.validate(data).isEmpty() ? 1 : 0;
                        continue;
                    }
                    JsonNode written = Json.mapper().valueToTree(bound);
                    boolean expected = networknt.validate(written).isEmpty();
                    boolean actual = generated.test(bound);
                    if (expected == actual) {
                        agreed[k]++;
                    } else {
                        disagreements.add(c.name + " \"" + c.description + "\" / \""
                                + test.path("description").asString("") + "\" (" + c.file + "): written " + written
                                + ", networknt " + (expected ? "valid" : "invalid") + ", generated "
                                + (actual ? "valid" : "invalid"));
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder("JSON-Schema-Test-Suite (draft2020-12 and draft7, with the optional "
                + "format tests of " + new TreeSet<>(FORMATS) + "):\n");
        for (int k = 0; k < 2; k++) {
            report.append(k == 0 ? "  object-root cases, the schema as the data class's:\n"
                    : "  every case, the schema as the property \"value\" of the data class (instances wrapped):\n");
            report.append("    cases run: ").append(run[k]).append(", instances: ").append(instances[k])
                    .append(", bound and agreed: ").append(agreed[k])
                    .append("\n    instances that do not bind to the data class (rejections): ").append(unbound[k])
                    .append(" (networknt accepts ").append(unboundAcceptedByNetworknt[k]).append(" of them as JSON)\n");
        }
        report.append("  disagreed: ").append(disagreements.size())
                .append("\n  non-object instances of object-root cases (run wrapped only): ").append(nonObjects)
                .append("\n  cases excluded:\n");
        excluded.forEach((why, n) -> report.append("    ").append(n).append("  ").append(why).append('\n'));
        report.append(String.format(Locale.ROOT, "  time: generating %.1f s, compiling %.1f s, comparing %.1f s%n",
                (generatedAt - start) / 1e9, (compiledAt - generatedAt) / 1e9, (System.nanoTime() - compiledAt) / 1e9));
        System.out.println(report);
        assertTrue(run[0] > 300 && run[1] > 400, "most cases run: " + report);
        assertEquals(List.of(), disagreements, report.toString());
    }

    /**
     * Adds the case as the property {@code value} of an object schema, so that instances of any type reach the
     * generated validator: {@code "#..."} references are moved under {@code #/properties/value}.
     */
    private static void wrap(JsonNode schema, String dialect, String name, JsonNode group, Path schemas,
            Map<String, Case> cases, Map<String, Integer> excluded) throws IOException {
        if (schema.isObject() && schema.has("$id")) {
            count(excluded, "wrapped: $id at the root (a nested $id is a new base)");
            return;
        }
        JsonNode value = moveRefs(schema.deepCopy());
        String dialectOf = schema.path("$schema").asString(dialect);
        if (value instanceof ObjectNode o) {
            o.remove("$schema");
        }
        String fileName = String.format(Locale.ROOT, "w%04d.json", cases.size() + 1);
        ObjectNode wrapper = Json.mapper().createObjectNode();
        wrapper.put("$schema", dialectOf);
        wrapper.put("type", "object");
        wrapper.putObject("properties").set("value", value);
        String id = id(fileName);
        wrapper.putObject("x-kafkaesk").put("id", id).putArray("streams").add("suite." + id);
        Files.writeString(schemas.resolve(fileName), wrapper.toPrettyString(), StandardCharsets.UTF_8);
        cases.put(fileName, new Case(name, fileName, group.path("description").asString(""), wrapper,
                group.get("tests"), true));
    }

    private static JsonNode moveRefs(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (String key : List.copyOf(o.propertyNames())) {
                JsonNode v = o.get(key);
                if (key.equals("$ref") && v.isString() && v.asString().startsWith("#")) {
                    String fragment = v.asString().substring(1);
                    o.put(key, "#/properties/value" + fragment);
                } else {
                    moveRefs(v);
                }
            }
        } else if (node.isArray()) {
            node.forEach(JsonSchemaTestSuiteTest::moveRefs);
        }
        return node;
    }

    private static String kind(String file) {
        return file.startsWith("w") ? "wrapped: " : "";
    }

    private static String keyword(String described) {
        int dollar = described.indexOf(" to ");
        return dollar > 0 ? described.substring(0, dollar) + " to another location" : described;
    }

    private static void count(Map<String, Integer> counts, String why) {
        counts.merge(why, 1, Integer::sum);
    }

    /** Generates every case at once, leaving out (and counting) the files the code generator refuses. */
    private CodegenResult generate(Path schemas, Map<String, Case> cases, Map<String, Integer> excluded)
            throws IOException {
        while (true) {
            try {
                return Codegen.run(GoldenFilesTest.request(schemas, out));
            } catch (SchemaErrorsException e) {
                for (SchemaError error : e.errors()) {
                    if (cases.remove(error.file()) != null) {
                        Files.delete(schemas.resolve(error.file()));
                        boolean remote = error.kind() == SchemaError.Kind.UNRESOLVED_REF
                                && error.message().contains("http");
                        count(excluded, kind(error.file()) + "refused by the code generator: " + error.kind().id()
                                + (remote ? " (remote reference)" : ""));
                    }
                }
            }
        }
    }

    /**
     * Keeps what the comparison needs (data classes and descriptors, not publishers and subscribers), and leaves
     * out the cases for which jsonschema2pojo wrote no data class (a root {@code enum} or {@code const} makes it
     * write an enum).
     */
    private static void prune(Path java, Map<String, Case> cases, Map<String, Integer> excluded) throws IOException {
        try (Stream<Path> walk = Files.walk(java)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith("Publisher.java") || name.endsWith("PublisherImpl.java")
                        || name.endsWith("Subscriber.java") || name.equals("KafkaeskSchemas.java")) {
                    Files.delete(p);
                }
            }
        }
        for (String file : List.copyOf(cases.keySet())) {
            String id = id(file);
            Path data = java.resolve(GoldenFilesTest.PACKAGE.replace('.', '/')).resolve(id + ".java");
            if (!Files.exists(data) || !Files.readString(data).matches("(?s).*public (final )?class " + id + " .*")) {
                cases.remove(file);
                delete(java, file);
                count(excluded, kind(file) + "no data class generated (jsonschema2pojo wrote an enum or nothing "
                        + "for the root)");
            }
        }
    }

    private static String id(String file) {
        return file.substring(0, 5).toUpperCase(Locale.ROOT);
    }

    /** Deletes the sources generated for one case: their names start with its id. */
    private static void delete(Path java, String file) throws IOException {
        Pattern own = Pattern.compile(Pattern.quote(id(file)) + "(?!\\d).*\\.java");
        try (Stream<Path> walk = Files.walk(java)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (own.matcher(p.getFileName().toString()).matches()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Compiles every generated source, in one javac call per core (each case's sources in the same call); the
     * schema files of sources that do not compile.
     */
    private static Set<String> compile(Path sources, Path classes) throws Exception {
        Files.createDirectories(classes);
        List<List<File>> halves = List.of(new ArrayList<>(), new ArrayList<>());
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = p.getFileName().toString();
                int id = name.length() > 5 && Character.isDigit(name.charAt(4)) ? name.charAt(4) : 0;
                halves.get(id % 2).add(p.toFile());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Set<String>>> results = new ArrayList<>();
            for (List<File> half : halves) {
                results.add(pool.submit(() -> compile(half, classes)));
            }
            Set<String> failing = new TreeSet<>();
            for (Future<Set<String>> f : results) {
                failing.addAll(f.get());
            }
            return failing;
        } finally {
            pool.shutdown();
        }
    }

    private static Set<String> compile(List<File> files, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-proc:none", "-nowarn", "--release", "17", "-classpath", classPath,
                    "-d", classes.toString());
            if (javac.getTask(new StringWriter(), fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromFiles(files)).call()) {
                return Set.of();
            }
        }
        Set<String> failing = new TreeSet<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
                Matcher m = SOURCE.matcher(d.getSource().getCharContent(true));
                if (m.find()) {
                    failing.add(m.group(1));
                }
            }
        }
        if (failing.isEmpty()) {
            throw new AssertionError("generated sources do not compile: " + diagnostics.getDiagnostics());
        }
        return failing;
    }
}
