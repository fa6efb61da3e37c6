package io.kafkaesk.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Collects per-round figures and reports, for each metric (of one schema of the corpus, where it has one) and
 * contender, the median of the rounds with min and max, and the ratio to the metric's baseline contender computed
 * round by round (both were measured in the same round, back to back), again as median, min and max; and whether
 * each target was met.
 */
final class Report {
    /**
     * A goal a figure is checked against: a bound on the ratio to another contender measured in the same rounds
     * (the metric's baseline unless {@code against} names one), or on the median itself.
     */
    record Target(String text, boolean onRatio, @Nullable String against, boolean atLeast, double bound) {
        static Target ratioAtLeast(double bound) {
            return new Target(String.format(Locale.ROOT, ">= %.2fx raw", bound), true, null, true, bound);
        }

        static Target ratioAtMost(double bound) {
            return new Target(String.format(Locale.ROOT, "<= %.2fx raw", bound), true, null, false, bound);
        }

        /** At least {@code bound} times {@code contender}'s figure, round by round; {@code label} names it. */
        static Target ratioAtLeast(double bound, String contender, String label) {
            return new Target(String.format(Locale.ROOT, ">= %.2fx %s", bound, label), true, contender, true, bound);
        }

        static Target atMost(double bound, String unit) {
            return new Target("<= " + format(bound) + " " + unit, false, null, false, bound);
        }

        boolean met(double value) {
            return atLeast ? value >= bound : value <= bound;
        }
    }

    /** A target's outcome: the ratio it was judged on (median of the rounds, min, max) or the median itself. */
    record Outcome(String target, @Nullable String against, double value, @Nullable Double min,
            @Nullable Double max, double bound, boolean met) {
        /**
         * The value judged and the verdict, {@code 0.95 met}: two decimals, or as many more as it takes for a missed
         * target not to read as its bound ({@code 0.897 MISSED} against 0.90).
         */
        String verdict() {
            return judgedValue() + (met ? " met" : " MISSED");
        }

        /** The value judged, with the decimals {@link #verdict()} uses. */
        String judgedValue() {
            for (int decimals = 2; ; decimals++) {
                String shown = String.format(Locale.ROOT, "%." + decimals + "f", value);
                if (met || decimals >= 6 || !shown.equals(String.format(Locale.ROOT, "%." + decimals + "f", bound))) {
                    return shown;
                }
            }
        }
    }

    /** One row of the result: a metric for one contender (for one schema of the corpus, where it has one). */
    record Row(String section, String metric, @Nullable String schema, String unit, String contender,
            @Nullable String baseline, List<Double> rounds, double median, double min, double max,
            @Nullable Double ratioMedian, @Nullable Double ratioMin, @Nullable Double ratioMax,
            List<Outcome> targets) {
        /** Whether every target of the row was met; null when it has none. */
        @Nullable Boolean met() {
            return targets.isEmpty() ? null : targets.stream().allMatch(Outcome::met);
        }
    }

    private static final class Metric {
        final String section;
        final String name;
        final @Nullable String schema;
        final String unit;
        final @Nullable String baseline;
        final Map<String, List<Double>> values = new LinkedHashMap<>();
        final Map<String, List<Target>> targets = new LinkedHashMap<>();

        Metric(String section, String name, @Nullable String schema, String unit, @Nullable String baseline) {
            this.section = section;
            this.name = name;
            this.schema = schema;
            this.unit = unit;
            this.baseline = baseline;
        }
    }

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, Object> notes = new LinkedHashMap<>();

    /**
     * Declares a metric.
     *
     * @param baseline the contender ratios are computed against; null for none
     */
    void metric(String section, String name, String unit, @Nullable String baseline) {
        metric(section, name, null, unit, baseline);
    }

    /** Declares a metric of one schema of the corpus. */
    void metric(String section, String name, @Nullable String schema, String unit, @Nullable String baseline) {
        metrics.putIfAbsent(key(section, name, schema), new Metric(section, name, schema, unit, baseline));
    }

    /** Sets a target for a contender's figure of a declared metric. */
    void target(String section, String name, String contender, Target target) {
        target(section, name, null, contender, target);
    }

    /** Adds a target for a contender's figure of a declared metric of one schema. */
    void target(String section, String name, @Nullable String schema, String contender, Target target) {
        metric(section, name, schema).targets.computeIfAbsent(contender, c -> new ArrayList<>()).add(target);
    }

    /** Adds one round's figure. */
    void add(String section, String name, String contender, double value) {
        add(section, name, null, contender, value);
    }

    /** Adds one round's figure of one schema. */
    void add(String section, String name, @Nullable String schema, String contender, double value) {
        metric(section, name, schema).values.computeIfAbsent(contender, c -> new ArrayList<>()).add(value);
    }

    /** Adds a free-form note to the result file (settings, sizes, environment). */
    void note(String key, Object value) {
        notes.put(key, value);
    }

    /** A note added before, or null. */
    @Nullable Object note(String key) {
        return notes.get(key);
    }

    private static String key(String section, String name, @Nullable String schema) {
        return section + "/" + name + "/" + (schema == null ? "" : schema);
    }

    private Metric metric(String section, String name, @Nullable String schema) {
        Metric m = metrics.get(key(section, name, schema));
        if (m == null) {
            throw new IllegalStateException("Undeclared metric " + key(section, name, schema));
        }
        return m;
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Metric m : metrics.values()) {
            for (Map.Entry<String, List<Double>> e : m.values.entrySet()) {
                List<Double> v = e.getValue();
                double[] s = sorted(v);
                double[] base = m.baseline == null ? null : ratios(v, m.values.get(m.baseline));
                List<Outcome> outcomes = new ArrayList<>();
                for (Target t : m.targets.getOrDefault(e.getKey(), List.of())) {
                    if (!t.onRatio()) {
                        outcomes.add(new Outcome(t.text(), null, median(s), null, null, t.bound(), t.met(median(s))));
                        continue;
                    }
                    String against = t.against() == null ? m.baseline : t.against();
                    double[] r = ratios(v, against == null ? null : m.values.get(against));
                    if (r == null) {
                        continue;
                    }
                    double med = median(r);
                    outcomes.add(new Outcome(t.text(), against, med, r[0], r[r.length - 1], t.bound(), t.met(med)));
                }
                rows.add(new Row(m.section, m.name, m.schema, m.unit, e.getKey(), m.baseline, List.copyOf(v),
                        median(s), s[0], s[s.length - 1], base == null ? null : median(base),
                        base == null ? null : base[0], base == null ? null : base[base.length - 1],
                        List.copyOf(outcomes)));
            }
        }
        return rows;
    }

    /** The round-by-round ratios of {@code v} to {@code base}, sorted; null without a base. */
    private static double @Nullable [] ratios(List<Double> v, @Nullable List<Double> base) {
        if (base == null || base.isEmpty()) {
            return null;
        }
        int n = Math.min(base.size(), v.size());
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = v.get(i) / base.get(i);
        }
        Arrays.sort(ratios);
        return ratios;
    }

    /** The table as cells: a header row, then one row per result (an empty row between metrics). */
    List<String[]> cells() {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"section", "schema", "metric", "contender", "median", "min", "max",
            "x baseline (min..max)", "target"});
        String lastMetric = "";
        for (Row r : rows()) {
            String metricKey = key(r.section(), r.metric(), r.schema());
            if (!metricKey.equals(lastMetric) && !lastMetric.isEmpty()) {
                table.add(new String[0]);
            }
            lastMetric = metricKey;
            String ratio = r.ratioMedian() == null ? ""
                    : String.format(Locale.ROOT, "%.2f (%.2f..%.2f)", r.ratioMedian(), r.ratioMin(), r.ratioMax());
            table.add(new String[] {r.section(), r.schema() == null ? "" : r.schema(),
                r.metric() + " (" + r.unit() + ")", r.contender(), format(r.median()), format(r.min()),
                format(r.max()), ratio, targets(r.targets(), r.baseline())});
        }
        return table;
    }

    /** Targets as a table cell: each with its verdict, and the ratio it was judged on when not the baseline's. */
    static String targets(List<Outcome> outcomes, @Nullable String baseline) {
        List<String> parts = new ArrayList<>();
        for (Outcome o : outcomes) {
            String judged = o.against() == null || o.min() == null || o.against().equals(baseline) ? ""
                    : String.format(Locale.ROOT, ": %s (%.2f..%.2f)", o.judgedValue(), o.min(), o.max());
            parts.add(o.target() + judged + (o.met() ? " met" : " MISSED"));
        }
        return String.join("; ", parts);
    }

    void printTable(PrintStream out) {
        List<String[]> table = cells();
        int[] width = new int[table.get(0).length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean number = i >= 4 && i <= 6;
                String cell = number ? " ".repeat(width[i] - row[i].length()) + row[i]
                        : row[i] + " ".repeat(width[i] - row[i].length());
                line.append(cell).append(i + 1 < row.length ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** The same table in Markdown, for BENCHMARKS.md. */
    String markdown() {
        StringBuilder b = new StringBuilder();
        List<String[]> table = cells();
        for (int r = 0; r < table.size(); r++) {
            String[] row = table.get(r);
            if (row.length == 0) {
                continue;
            }
            b.append("| ").append(String.join(" | ", row)).append(" |\n");
            if (r == 0) {
                b.append("|---|---|---|---|---:|---:|---:|---|---|\n");
            }
        }
        return b.toString();
    }

    void writeJson(Path file, Map<String, Object> header) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>(header);
        doc.put("notes", notes);
        doc.put("results", rows());
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, mapper.writeValueAsString(doc) + "\n");
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static double[] sorted(List<Double> values) {
        double[] s = new double[values.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = values.get(i);
        }
        Arrays.sort(s);
        return s;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
