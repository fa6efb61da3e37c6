package io.kafkaesk.benchmarks;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.networknt.schema.Schema;
import io.kafkaesk.Application;
import io.kafkaesk.codegen.Codegen;
import io.kafkaesk.codegen.CodegenRequest;
import io.kafkaesk.codegen.CodegenResult;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.ObjectMapper;

/**
 * Code generation: N synthetic schema files (ten per folder, each with an enum, a date-time, an array, a nested
 * object and a key pointer; every tenth refers to a shared definition in another file) are generated with
 * {@link Codegen#run} into a fresh directory, and the output is compiled with the JDK's compiler against the
 * runtime and the libraries of its API only (as {@code mvn compile} would, in process). Then {@code Codegen.run}
 * is called again with nothing changed: the no-op regeneration an incremental build pays. Each round starts from
 * empty output directories. The first round runs on a cold JVM, as every Maven build does, so it is reported on its
 * own and the 15 s target is judged on it; the later rounds show the generator and javac once the JIT has compiled
 * them. Besides the wall times, each round reports what javac is given per schema: generated source files, their
 * lines, and javac's milliseconds. {@link CodegenProject} writes the same schemas as a project, to time a real
 * Maven build.
 */
final class CodegenBench {
    static final String SECTION = "codegen";
    static final String JAVAC = "javac alone (baseline)";
    static final String GENERATE = "kafkaesk generate";
    static final String BOTH = "kafkaesk generate+javac";
    static final String NOOP = "kafkaesk no-op regeneration";
    static final String SOURCES = "kafkaesk generated sources";

    private CodegenBench() {}

    static void run(Options o, Report report) throws Exception {
        int n = o.codegenSchemas();
        String wall = n + " schemas";
        report.metric(SECTION, "wall", "s, " + wall, JAVAC);
        report.metric(SECTION, "no-op", "ms, " + wall, null);
        report.metric(SECTION, "files", "per schema", null);
        report.metric(SECTION, "lines", "per schema", null);
        report.metric(SECTION, "javac", "ms per schema", null);
        report.metric(SECTION, "cold", "s, first round, " + wall, null);
        report.target(SECTION, "cold", BOTH, Report.Target.atMost(15, "s"));
        report.target(SECTION, "no-op", NOOP, Report.Target.atMost(100, "ms"));

        Path base = Files.createTempDirectory("kafkaesk-codegen-bench-");
        try {
            Path schemas = base.resolve("schemas");
            writeSchemas(schemas, n);
            for (int round = 1; round <= o.codegenRounds(); round++) {
                Path out = base.resolve("round-" + round);
                CodegenRequest request = CodegenRequest.builder()
                        .sourceDirectory(schemas)
                        .javaOutputDirectory(out.resolve("java"))
                        .resourceOutputDirectory(out.resolve("resources"))
                        .packageName("bench.events")
                        .build();
                long t0 = System.nanoTime();
                CodegenResult generated = Codegen.run(request);
                long t1 = System.nanoTime();
                int sources = compile(out.resolve("java"), out.resolve("classes"));
                long t2 = System.nanoTime();
                long lines = lines(out.resolve("java"));
                long t3 = System.nanoTime();
                CodegenResult again = Codegen.run(request);
                long t4 = System.nanoTime();
                if (generated.schemas() != n + 1 || !again.upToDate()) {
                    throw new IllegalStateException("unexpected code generation result: " + generated.summary()
                            + " / " + again.summary());
                }
                double generate = (t1 - t0) / 1e9;
                double javac = (t2 - t1) / 1e9;
                double noop = (t4 - t3) / 1e6;
                report.add(SECTION, "wall", JAVAC, javac);
                report.add(SECTION, "wall", GENERATE, generate);
                report.add(SECTION, "wall", BOTH, generate + javac);
                if (round == 1) {
                    report.add(SECTION, "cold", BOTH, generate + javac);
                }
                report.add(SECTION, "no-op", NOOP, noop);
                report.add(SECTION, "files", SOURCES, (double) sources / n);
                report.add(SECTION, "lines", SOURCES, (double) lines / n);
                report.add(SECTION, "javac", SOURCES, javac * 1000 / n);
                report.note("codegen.generatedSources", sources);
                report.note("codegen.generatedLines", lines);
                Main.progress(String.format(Locale.ROOT, "codegen: round %d/%d  generate %.2f s, javac %.2f s "
                        + "(%d sources, %d lines), no-op regeneration %.1f ms; per schema: %.2f files, %.0f lines, "
                        + "javac %.1f ms", round, o.codegenRounds(), generate, javac, sources, lines, noop,
                        (double) sources / n, (double) lines / n, javac * 1000 / n));
            }
        } finally {
            deleteTree(base);
        }
    }

    /** Writes {@code n} schema files, ten per folder, and one shared definition file they refer to. */
    static void writeSchemas(Path dir, int n) throws IOException {
        Files.createDirectories(dir.resolve("common"));
        Files.writeString(dir.resolve("common/money.json"), """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "Money",
                  "type": "object",
                  "properties": {
                    "amount": { "type": "number" },
                    "currency": { "type": "string", "minLength": 3, "maxLength": 3 }
                  },
                  "required": ["amount", "currency"]
                }
                """, StandardCharsets.UTF_8);
        for (int i = 0; i < n; i++) {
            Path folder = dir.resolve(String.format(Locale.ROOT, "g%03d", i / 10));
            Files.createDirectories(folder);
            String name = String.format(Locale.ROOT, "Event%04d", i);
            String money = i % 10 == 0
                    ? ",\n    \"price\": { \"$ref\": \"../common/money.json\" }" : "";
            String schema = """
                    {
                      "$schema": "https://json-schema.org/draft/2020-12/schema",
                      "title": "%1$s",
                      "description": "Synthetic event number %2$d.",
                      "x-kafkaesk": { "id": "%1$s", "version": 1, "streams": ["bench.%3$s"], "key": "/id" },
                      "type": "object",
                      "properties": {
                        "id": { "type": "string", "minLength": 1 },
                        "status": { "type": "string", "enum": ["new", "active", "closed"] },
                        "count": { "type": "integer", "minimum": 0 },
                        "amount": { "type": "number" },
                        "createdAt": { "type": "string", "format": "date-time" },
                        "tags": { "type": "array", "items": { "type": "string" } },
                        "source": {
                          "type": "object",
                          "properties": { "host": { "type": "string" }, "port": { "type": "integer" } },
                          "required": ["host"]
                        }%4$s
                      },
                      "required": ["id", "status", "createdAt"]
                    }
                    """.formatted(name, i, name.toLowerCase(Locale.ROOT), money);
            Files.writeString(folder.resolve(name.toLowerCase(Locale.ROOT) + ".json"), schema, StandardCharsets.UTF_8);
        }
    }

    /** Compiles every source under {@code sources} against this JVM's class path; returns the number of files. */
    private static int compile(Path sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("No Java compiler in this runtime: run the harness on a JDK");
        }
        Files.createDirectories(classes);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-proc:none", "--release", "17",
                    "-classpath", runtimeClassPath(), "-d", classes.toString());
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
            if (!ok) {
                throw new IllegalStateException("generated sources do not compile: " + diagnostics.getDiagnostics());
            }
        }
        return files.size();
    }

    /**
     * The class path a project using kafkaesk compiles its generated sources against: the runtime and the libraries
     * its API is written in, each found where this JVM loaded it. The harness's own class path also holds a Kafka
     * broker, Scala, Spring and JUnit, which a user's build does not give javac and which cost it seconds of
     * package look-ups.
     */
    static String runtimeClassPath() {
        List<Class<?>> api = List.of(Application.class, RecordMetadata.class, ObjectMapper.class, JsonParser.class,
                JsonProperty.class, Schema.class, ITU.class, Logger.class, Nullable.class);
        List<String> entries = new ArrayList<>();
        for (Class<?> c : api) {
            CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source == null) {
                throw new IllegalStateException("no class path entry for " + c.getName());
            }
            String entry;
            try {
                entry = Path.of(source.getLocation().toURI()).toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException("class path entry of " + c.getName() + ": " + source.getLocation(), e);
            }
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The lines of every generated source under {@code sources}. */
    private static long lines(Path sources) throws IOException {
        long lines = 0;
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                try (Stream<String> text = Files.lines(p, StandardCharsets.UTF_8)) {
                    lines += text.count();
                }
            }
        }
        return lines;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
