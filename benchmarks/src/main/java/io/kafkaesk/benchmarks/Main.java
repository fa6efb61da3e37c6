package io.kafkaesk.benchmarks;

import io.kafkaesk.test.EmbeddedKafka;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs the benchmarks: publish throughput and the publishing thread's encoding work over a corpus of schemas,
 * consume throughput, publish-to-handler latency and code generation, each contender against its raw baseline in
 * the same run (and Spring Kafka beside them for publish and consume). Prints a table and a per-schema summary,
 * and writes them to a JSON and a Markdown result file.
 *
 * <pre>mvn -B -ntp -q -pl benchmarks -am -DskipTests -Pbench package [-Dbench.args="-rounds 7"]</pre>
 *
 * See BENCHMARKS.md at the repository root for what is measured and how.
 */
public final class Main {
    private static final long START = System.nanoTime();

    private Main() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path project = options.codegenProject();
        if (project != null) {
            try {
                CodegenProject.write(project, options.codegenSchemas());
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
                return;
            }
            progress("wrote a Maven project of " + options.codegenSchemas() + " schemas to " + project
                    + ". It builds with this version's kafkaesk-maven-plugin: install it once (mvn -q install"
                    + " -DskipTests -pl kafkaesk-maven-plugin -am), then time a cold build with: cd " + project
                    + " && rm -rf target && mvn -q compile (BENCHMARKS.md, \"Code generation as a Maven build\")");
            return;
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("startedAt", Instant.now().toString());
        header.put("machine", machine());
        header.put("options", options.toString());
        progress("kafkaesk benchmarks: " + options);

        Report report = new Report();
        boolean forkLatency = options.sections().contains("latency")
                && !options.latencyJvm().equals(Options.SAME_JVM);
        boolean needsKafka = options.sections().contains("publish") || options.sections().contains("consume")
                || (options.sections().contains("latency") && !forkLatency);
        @Nullable EmbeddedKafka embedded = null;
        try {
            if (needsKafka) {
                String servers = options.kafka();
                if (servers == null) {
                    progress("starting the embedded broker (KAFKA=host:port to use another)");
                    embedded = EmbeddedKafka.builder().start();
                    servers = embedded.bootstrapServers();
                    header.put("broker", "embedded single-node KRaft broker in the harness JVM");
                } else {
                    header.put("broker", "external " + servers);
                }
                try (Env env = new Env(options, servers)) {
                    Env clients = env.withKafkaSettings(options.client());
                    if (options.sections().contains("publish")) {
                        PublishBench.run(clients, report);
                    }
                    if (options.sections().contains("consume")) {
                        ConsumeBench.run(clients, report);
                    }
                    if (options.sections().contains("latency") && options.latencyJvm().equals(Options.SAME_JVM)) {
                        LatencyBench.run(clients, report);
                    }
                }
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        if (forkLatency) {
            // After the broker above is closed: the latency run starts its own (or uses KAFKA's).
            LatencyBench.runForked(options, report);
            header.put("latencyJvm", options.latencyJvm());
        }
        if (options.sections().contains("codegen")) {
            CodegenBench.run(options, report);
        }
        if (options.sections().contains("encode")) {
            // Last: its contenders call Jackson and the JSON Schema validator from call sites the publish section
            // does not have, which would change the compiled code the publish section measures.
            EncodeBench.run(options, report);
        }
        header.put("loadAverageAtEnd", loadAverage());
        header.put("wallSeconds", (System.nanoTime() - START) / 1e9);
        System.out.println();
        System.out.println("kafkaesk benchmarks (" + machineLine() + ")");
        report.printTable(System.out);
        String corpus = CorpusTable.markdown(report);
        if (!corpus.isEmpty()) {
            System.out.println();
            System.out.println("Per schema (medians of the round-by-round ratios):");
            System.out.print(corpus);
            header.put("corpus", CorpusTable.lines(report));
        }
        Path out = options.out();
        report.writeJson(out, header);
        Path markdown = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
        Files.writeString(markdown, "Machine: " + machineLine() + "; broker: " + header.get("broker") + "\n\n"
                + report.markdown() + (corpus.isEmpty() ? "" : "\nPer schema (medians of the round-by-round"
                + " ratios):\n\n" + corpus));
        progress("results written to " + out.toAbsolutePath() + " and " + markdown.getFileName());
    }

    static void progress(String line) {
        System.out.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - START) / 1e9, line);
        System.out.flush();
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("loadAverageAtStart", loadAverage());
        return m;
    }

    private static String machineLine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", Java "
                + System.getProperty("java.runtime.version") + ", load average " + loadAverage();
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
