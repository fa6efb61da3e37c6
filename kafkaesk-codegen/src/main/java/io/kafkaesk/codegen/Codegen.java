package io.kafkaesk.codegen;

import io.kafkaesk.codegen.internal.ApiGenerator;
import io.kafkaesk.codegen.internal.Bundler;
import io.kafkaesk.codegen.internal.KeywordCheck;
import io.kafkaesk.codegen.internal.Linker;
import io.kafkaesk.codegen.internal.MessageModel;
import io.kafkaesk.codegen.internal.MetaSchemaCheck;
import io.kafkaesk.codegen.internal.OutputFiles;
import io.kafkaesk.codegen.internal.PojoGenerator;
import io.kafkaesk.codegen.internal.Problems;
import io.kafkaesk.codegen.internal.RefCheck;
import io.kafkaesk.codegen.internal.SchemaDocument;
import io.kafkaesk.codegen.internal.SchemaArchive;
import io.kafkaesk.codegen.internal.SchemaReader;
import io.kafkaesk.codegen.internal.ValidatorGenerator;
import io.kafkaesk.codegen.internal.asyncapi.AsyncApiDocument;
import io.kafkaesk.codegen.internal.compat.CompatibilityCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one entry point of kafkaesk code generation: turns the schema files of a source directory into Java
 * sources and class-path resources.
 *
 * <p>A run:
 *
 * <ol>
 *   <li>lists the {@code *.json} files under the source directory and fingerprints them with the settings and the
 *       generator version; when the fingerprint equals the last run's and its files are all there, it stops;
 *   <li>parses every file ({@code invalid-json}) and checks it against the kafkaesk meta-schema
 *       ({@code bad-metadata}, {@code unsupported-dialect}); adds the schema files of the request's schema
 *       dependencies, each in a folder named after its artifact;
 *   <li>checks every {@code $ref} ({@code unresolved-ref}), then that every keyword, type, format and required
 *       name is one kafkaesk knows ({@code unknown-keyword}, {@code invalid-type}, {@code unknown-format},
 *       {@code undeclared-required});
 *   <li>links: files without {@code x-kafkaesk} that other files refer to are shared definitions, the rest are
 *       message schemas ({@code not-object-schema}); checks keys, streams and class names ({@code duplicate-key},
 *       {@code stream-conflict}, {@code class-name-conflict}) and that the record key names a property
 *       ({@code unresolved-key});
 *   <li>stops with every error found so far, if any;
 *   <li>checks that the versions of each schema id are compatible with each other and with the baselines, per
 *       the request's or the schema's mode ({@code incompatible-change}), and stops with those errors, if any;
 *   <li>generates the data classes (jsonschema2pojo), then per message schema its descriptor, publisher and
 *       subscriber, and the index of all descriptors (JavaPoet);
 *   <li>copies the schema files (and, for schemas that refer to other files, a self-contained bundle) to the
 *       resource directory under {@code META-INF/kafkaesk/}, and registers the index in
 *       {@code META-INF/services/io.kafkaesk.SchemaIndex} so that applications find the schemas without code;
 *   <li>builds the AsyncAPI document (YAML and JSON, and the JSON on the class path), when asked to;
 *   <li>writes what changed, deletes what an earlier run generated but this one did not, and saves the state.
 * </ol>
 *
 * <p>Output is deterministic: the same inputs give the same bytes.
 */
public final class Codegen {
    private Codegen() {}

    /** The version of this generator; part of the fingerprint, so that a new generator regenerates everything. */
    public static String version() {
        try (InputStream in = Codegen.class.getResourceAsStream("codegen.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Identifies the generator's own jar (size and time), so that a rebuilt snapshot of the generator regenerates
     * even though its version did not change; empty when running from a class directory.
     */
    private static String build() {
        try {
            var source = Codegen.class.getProtectionDomain().getCodeSource();
            Path jar = source == null ? null : Path.of(source.getLocation().toURI());
            if (jar == null || !Files.isRegularFile(jar)) {
                return "";
            }
            return Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Generates sources and resources for the schema files of {@code request}.
     *
     * @throws SchemaErrorsException when any schema file has a problem; nothing is written then
     * @throws IOException when a file cannot be read or written
     */
    public static CodegenResult run(CodegenRequest request) throws SchemaErrorsException, IOException {
        Path source = request.sourceDirectory().toAbsolutePath().normalize();
        Path javaOut = request.javaOutputDirectory().toAbsolutePath().normalize();
        Path resourceOut = request.resourceOutputDirectory().toAbsolutePath().normalize();

        Map<String, Path> files = list(source);
        String fingerprint = fingerprint(request, files);
        OutputFiles.State previous = OutputFiles.read(javaOut);
        if (previous != null && previous.fingerprint().equals(fingerprint) && previous.intact()) {
            return new CodegenResult(true, List.of(), List.of(), List.of(), files.size());
        }

        Problems problems = new Problems();
        MetaSchemaCheck metaSchema = new MetaSchemaCheck();
        Map<String, SchemaDocument> docs = new TreeMap<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            SchemaDocument doc = SchemaReader.read(f.getValue(), f.getKey(), problems);
            if (doc != null) {
                metaSchema.check(doc, problems);
                docs.put(doc.file(), doc);
            }
        }
        for (SchemaSource dependency : request.schemaDependencies()) {
            SchemaArchive.mount(dependency, docs, metaSchema, problems);
        }
        Map<String, Set<String>> refs = new TreeMap<>();
        for (SchemaDocument doc : docs.values()) {
            refs.put(doc.file(), RefCheck.check(doc, docs, problems));
        }
        KeywordCheck keywords = new KeywordCheck(request.allowedKeywords());
        docs.values().forEach(doc -> keywords.check(doc, docs, problems));
        Linker.Linked linked = Linker.link(docs, refs, request.packageName(), problems);
        problems.throwIfAny();
        List<CompatibilityCheck.Baseline> baselines = new ArrayList<>();
        for (SchemaSource baseline : request.baselines()) {
            baselines.add(CompatibilityCheck.baseline(baseline));
        }
        CompatibilityCheck.check(linked.messages(), docs, baselines, request.compatibility(), problems);
        problems.throwIfAny();

        PojoGenerator.Generated pojos = PojoGenerator.generate(docs, linked, request.dataClasses(), problems);
        List<PojoGenerator.Source> sources = new ArrayList<>(pojos.sources());
        problems.throwIfAny();
        List<PojoGenerator.Source> api = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (MessageModel m : linked.messages()) {
            ValidatorGenerator.Result validator = pojos.validators().messages().get(m.doc().file());
            if (validator.unsupported() != null) {
                warnings.add(warning(m, validator.unsupported(), docs));
            }
            api.addAll(ApiGenerator.generate(m, validator));
        }
        pojos.validators().shared().forEach(shared -> api.add(ApiGenerator.sharedChecks(shared)));
        if (!files.isEmpty()) {
            api.add(ApiGenerator.index(request.packageName(), linked.messages()));
        }
        checkCollisions(sources, api, docs, problems);
        problems.throwIfAny();
        sources.addAll(api);

        Map<Path, byte[]> out = new LinkedHashMap<>();
        for (PojoGenerator.Source s : sources) {
            out.put(javaOut.resolve(s.path()), s.text().getBytes(StandardCharsets.UTF_8));
        }
        String resourceBase = request.packageName().isEmpty() ? "" : request.packageName().replace('.', '/') + "/";
        for (SchemaDocument doc : docs.values()) {
            out.put(resourceOut.resolve("META-INF/kafkaesk/schemas/" + resourceBase + doc.file()),
                    doc.text().getBytes(StandardCharsets.UTF_8));
        }
        if (!files.isEmpty()) {
            Map.Entry<String, String> registration = ApiGenerator.indexRegistration(request.packageName());
            out.put(resourceOut.resolve(registration.getKey()),
                    registration.getValue().getBytes(StandardCharsets.UTF_8));
        }
        for (MessageModel m : linked.messages()) {
            if (m.bundled()) {
                out.put(resourceOut.resolve(m.resourcePath().substring(1)),
                        Bundler.bundle(m.doc(), docs, refs).getBytes(StandardCharsets.UTF_8));
            }
        }
        Set<Path> roots = new HashSet<>(Set.of(javaOut, resourceOut));
        if (request.asyncApiDirectory() != null) {
            Path asyncApiOut = request.asyncApiDirectory().toAbsolutePath().normalize();
            ObjectNode asyncApi = AsyncApiDocument.build(request.asyncApiTitle(), request.asyncApiVersion(),
                    linked.messages(), docs);
            byte[] json = AsyncApiDocument.json(asyncApi).getBytes(StandardCharsets.UTF_8);
            out.put(asyncApiOut.resolve("asyncapi.json"), json);
            out.put(asyncApiOut.resolve("asyncapi.yaml"), AsyncApiDocument.yaml(asyncApi).getBytes(StandardCharsets.UTF_8));
            out.put(resourceOut.resolve(AsyncApiDocument.RESOURCE), json);
            roots.add(asyncApiOut);
        }
        OutputFiles.Outcome outcome = OutputFiles.write(out, previous, fingerprint, javaOut, roots);
        return new CodegenResult(false, outcome.written(), outcome.unchanged(), outcome.deleted(), files.size(),
                warnings);
    }

    /** The warning for a schema whose generated validator cannot read a keyword. */
    private static String warning(MessageModel m, ValidatorGenerator.Unsupported u, Map<String, SchemaDocument> docs) {
        SchemaDocument doc = docs.get(u.file());
        int[] at = doc == null ? new int[] {0, 0} : doc.locate(u.pointer());
        String where = at[0] > 0 ? u.file() + ":" + at[0] + ":" + at[1] : u.file();
        return "[kafkaesk:no-generated-validator] " + where + " at " + (u.pointer().isEmpty() ? "(document)"
                : u.pointer()) + ": the generated validator does not read " + u.keyword() + ", so data of "
                + m.key() + " is validated by the JSON Schema validator when published (several times slower)"
                + System.lineSeparator() + "    fix: if the keyword is not needed, remove it";
    }

    /** A data class that jsonschema2pojo named like a generated descriptor, publisher or subscriber. */
    private static void checkCollisions(List<PojoGenerator.Source> pojos, List<PojoGenerator.Source> api,
            Map<String, SchemaDocument> docs, Problems problems) {
        Map<String, PojoGenerator.Source> byPath = new TreeMap<>();
        pojos.forEach(s -> byPath.put(s.path(), s));
        for (PojoGenerator.Source s : api) {
            PojoGenerator.Source clash = byPath.get(s.path());
            if (clash != null && docs.containsKey(clash.schemaFile())) {
                problems.add(SchemaError.Kind.CLASS_NAME_CONFLICT, docs.get(clash.schemaFile()), "",
                        "the data class " + s.path().replace('/', '.').replace(".java", "")
                                + " has the name of a class kafkaesk generates for " + s.schemaFile(),
                        "rename the property or definition it comes from, or set \"javaType\" on it");
            }
        }
    }

    /** Every {@code *.json} file under {@code source}, by name relative to it with '/' separators, sorted. */
    private static Map<String, Path> list(Path source) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(source)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(source)) {
            walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                    .forEach(p -> files.put(source.relativize(p).toString().replace('\\', '/'), p));
        }
        return files;
    }

    /** Adds a jar's bytes, or those of every file under a directory, to the digest. */
    private static void digestTree(MessageDigest digest, Path location) throws IOException {
        if (Files.isRegularFile(location)) {
            digest.update(Files.readAllBytes(location));
        } else if (Files.isDirectory(location)) {
            try (Stream<Path> walk = Files.walk(location)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    digest.update((location.relativize(p) + "\n").getBytes(StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(p));
                }
            }
        }
    }

    private static String fingerprint(CodegenRequest request, Map<String, Path> files) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String settings = "kafkaesk-codegen " + version() + " " + build() + "\npackage " + request.packageName()
                    + "\nresources " + request.resourceOutputDirectory().toAbsolutePath().normalize()
                    + "\nallowed keywords " + request.allowedKeywords()
                    + "\ncompatibility " + request.compatibility() + "\ndata classes " + request.dataClasses()
                    + "\nasyncapi " + request.asyncApiDirectory() + " "
                    + request.asyncApiTitle() + " " + request.asyncApiVersion() + "\n";
            digest.update(settings.getBytes(StandardCharsets.UTF_8));
            List<SchemaSource> others = new ArrayList<>(request.baselines());
            others.addAll(request.schemaDependencies());
            for (SchemaSource other : others) {
                digest.update((other.name() + " " + other.location().toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8));
                digestTree(digest, other.location());
            }
            for (Map.Entry<String, Path> f : files.entrySet()) {
                digest.update((f.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(f.getValue()));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
