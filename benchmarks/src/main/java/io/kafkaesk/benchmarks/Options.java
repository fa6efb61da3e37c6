package io.kafkaesk.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The harness's settings: {@code -name value} arguments, defaults sized for a full run of about a quarter of an hour
 * on two cores. {@code KAFKA=host:port} in the environment (or {@code -kafka}) uses that broker instead of starting
 * an embedded one.
 */
record Options(
        @Nullable String kafka,
        Set<String> sections,
        int rounds,
        List<String> schemas,
        int publishMessages,
        double publishMegabytes,
        int consumeMessages,
        int latencyRate,
        double latencySeconds,
        int latencyRounds,
        int codegenSchemas,
        int codegenRounds,
        @Nullable Path codegenProject,
        int encodeMessages,
        double encodeMegabytes,
        int partitions,
        String latencyJvm,
        int latencyLingerMs,
        Map<String, Object> client,
        Path out) {

    /** The {@code -latency-jvm} value that runs the latency section in the harness's own JVM. */
    static final String SAME_JVM = "same";

    static final List<String> ALL_SECTIONS = List.of("publish", "consume", "latency", "codegen", "encode");

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("sections", String.join(",", ALL_SECTIONS));
        d.put("rounds", "7");
        d.put("schemas", "all");
        d.put("publish-messages", "500000");
        d.put("publish-mb", "100");
        d.put("consume-messages", "300000");
        d.put("latency-rate", "10000");
        d.put("latency-seconds", "5");
        d.put("latency-rounds", "5");
        d.put("codegen-schemas", "500");
        d.put("codegen-rounds", "2");
        d.put("codegen-project", "");
        d.put("encode-messages", "1000000");
        d.put("encode-mb", "100");
        d.put("partitions", "7");
        d.put("latency-jvm", "-Xms1g -Xmx1g -XX:+UseZGC");
        d.put("latency-linger-ms", "2");
        d.put("client", "");
        d.put("out", "target/benchmark-results.json");
        return d;
    }

    static String usage() {
        StringBuilder b = new StringBuilder("Options (-name value), with defaults:\n");
        b.append("  -kafka host:port   use this broker (also KAFKA=host:port); default: start an embedded one\n");
        b.append("  -client k=v,...    Kafka client properties for every client, raw and kafkaesk alike\n");
        b.append("  -schemas a,b       the corpus schemas publish and encode run over, by id (OrderPlaced) or key"
                + " (OrderPlaced:2); 'all' for every one\n");
        b.append("  -publish-messages  messages a round per schema, or fewer: as many as make -publish-mb of raw"
                + " JSON values\n");
        b.append("  -encode-messages, -encode-mb   the same for the encode section\n");
        b.append("  -codegen-project   write a Maven project of -codegen-schemas synthetic schemas into this"
                + " directory, to time its build, and run nothing else\n");
        b.append("  -latency-jvm       JVM flags of the separate JVM the latency section runs in, or '" + SAME_JVM
                + "' for the harness's own\n");
        DEFAULTS.forEach((k, v) -> b.append("  -").append(k).append(' ').append(v).append('\n'));
        b.append("  sections: ").append(String.join(",", ALL_SECTIONS));
        return b.toString();
    }

    static Options parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        String kafka = System.getenv("KAFKA");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i].trim();
            if (arg.isEmpty()) {
                continue;
            }
            if (arg.equals("-h") || arg.equals("-help") || arg.equals("--help")) {
                throw new IllegalArgumentException(usage());
            }
            String name = arg.replaceFirst("^--?", "");
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i].trim();
            } else {
                throw new IllegalArgumentException("Option -" + name + " needs a value\n" + usage());
            }
            if (name.equals("kafka")) {
                kafka = value;
            } else if (values.containsKey(name)) {
                values.put(name, value);
            } else {
                throw new IllegalArgumentException("Unknown option -" + name + "\n" + usage());
            }
        }
        Set<String> sections = new LinkedHashSet<>();
        for (String s : values.get("sections").split(",")) {
            String section = s.trim().toLowerCase(Locale.ROOT);
            if (!ALL_SECTIONS.contains(section)) {
                throw new IllegalArgumentException("Unknown section '" + section + "'\n" + usage());
            }
            sections.add(section);
        }
        return new Options(
                kafka == null || kafka.isBlank() ? null : kafka.trim(),
                sections,
                positive(values, "rounds"),
                List.of(values.get("schemas").split(",")).stream().map(String::trim).filter(x -> !x.isEmpty())
                        .toList(),
                positive(values, "publish-messages"),
                positiveNumber(values, "publish-mb"),
                positive(values, "consume-messages"),
                positive(values, "latency-rate"),
                Double.parseDouble(values.get("latency-seconds")),
                positive(values, "latency-rounds"),
                positive(values, "codegen-schemas"),
                positive(values, "codegen-rounds"),
                values.get("codegen-project").isBlank() ? null : Path.of(values.get("codegen-project").trim()),
                positive(values, "encode-messages"),
                positiveNumber(values, "encode-mb"),
                positive(values, "partitions"),
                values.get("latency-jvm").trim(),
                nonNegative(values, "latency-linger-ms"),
                clientSettings(values.get("client")),
                Path.of(values.get("out")));
    }

    /** {@code key=value,key=value}: Kafka client properties for every client of both contenders. */
    private static Map<String, Object> clientSettings(String text) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("-client takes key=value[,key=value], got '" + pair + "'");
            }
            settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return Map.copyOf(settings);
    }

    private static double positiveNumber(Map<String, String> values, String name) {
        double v = Double.parseDouble(values.get(name));
        if (!(v > 0)) {
            throw new IllegalArgumentException("-" + name + " must be more than 0, got " + v);
        }
        return v;
    }

    private static int nonNegative(Map<String, String> values, String name) {
        int v = Integer.parseInt(values.get(name).replace("_", ""));
        if (v < 0) {
            throw new IllegalArgumentException("-" + name + " must be 0 or more, got " + v);
        }
        return v;
    }

    private static int positive(Map<String, String> values, String name) {
        int v = Integer.parseInt(values.get(name).replace("_", ""));
        if (v < 1) {
            throw new IllegalArgumentException("-" + name + " must be 1 or more, got " + v);
        }
        return v;
    }
}
