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
 * Collects per-round figures and reports, for each metric and contender, the median of the rounds with min and
 * max, and the ratio to the metric's baseline contender computed round by round (both were measured in the same
 * round, back to back), again as median, min and max.
 */
final class Report {
    /** A goal a figure is checked against: a bound on the ratio to the baseline, or on the median itself. */
    record Target(String text, boolean onRatio, boolean atLeast, double bound) {
        static Target ratioAtLeast(double bound) {
            return new Target(String.format(Locale.ROOT, ">= %.2fx raw", bound), true, true, bound);
        }

        static Target atMost(double bound, String unit) {
            return new Target("<= " + format(bound) + " " + unit, false, false, bound);
        }

        boolean met(double median, double ratio) {
            double v = onRatio ? ratio : median;
            return atLeast ? v >= bound : v <= bound;
        }
    }

    /** One row of the result: a metric for one contender. */
    record Row(String section, String metric, String unit, String contender, @Nullable String baseline,
            List<Double> rounds, double median, double min, double max, @Nullable Double ratioMedian,
            @Nullable Double ratioMin, @Nullable Double ratioMax, @Nullable String target, @Nullable Boolean met) {}

    private static final class Metric {
        final String section;
        final String name;
        final String unit;
        final @Nullable String baseline;
        final Map<String, List<Double>> values = new LinkedHashMap<>();
        final Map<String, Target> targets = new LinkedHashMap<>();

        Metric(String section, String name, String unit, @Nullable String baseline) {
            this.section = section;
            this.name = name;
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
        metrics.putIfAbsent(section + "/" + name, new Metric(section, name, unit, baseline));
    }

    /** Sets a target for a contender's figure of a declared metric. */
    void target(String section, String name, String contender, Target target) {
        metric(section, name).targets.put(contender, target);
    }

    /** Adds one round's figure. */
    void add(String section, String name, String contender, double value) {
        metric(section, name).values.computeIfAbsent(contender, c -> new ArrayList<>()).add(value);
    }

    /** Adds a free-form note to the result file (settings, sizes, environment). */
    void note(String key, Object value) {
        notes.put(key, value);
    }

    private Metric metric(String section, String name) {
        Metric m = metrics.get(section + "/" + name);
        if (m == null) {
            throw new IllegalStateException("Undeclared metric " + section + "/" + name);
        }
        return m;
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Metric m : metrics.values()) {
            List<Double> base = m.baseline == null ? null : m.values.get(m.baseline);
            for (Map.Entry<String, List<Double>> e : m.values.entrySet()) {
                List<Double> v = e.getValue();
                double[] s = sorted(v);
                Double rMed = null;
                Double rMin = null;
                Double rMax = null;
                if (base != null && !base.isEmpty()) {
                    int n = Math.min(base.size(), v.size());
                    double[] ratios = new double[n];
                    for (int i = 0; i < n; i++) {
                        ratios[i] = v.get(i) / base.get(i);
                    }
                    Arrays.sort(ratios);
                    rMed = median(ratios);
                    rMin = ratios[0];
                    rMax = ratios[n - 1];
                }
                Target t = m.targets.get(e.getKey());
                Boolean met = null;
                if (t != null) {
                    met = t.met(median(s), rMed == null ? Double.NaN : rMed);
                }
                rows.add(new Row(m.section, m.name, m.unit, e.getKey(), m.baseline, List.copyOf(v), median(s),
                        s[0], s[s.length - 1], rMed, rMin, rMax, t == null ? null : t.text(), met));
            }
        }
        return rows;
    }

    /** The table as cells: a header row, then one row per result (an empty row between metrics). */
    List<String[]> cells() {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"section", "metric", "contender", "median", "min", "max",
            "x baseline (min..max)", "target"});
        String lastMetric = "";
        for (Row r : rows()) {
            String metricKey = r.section() + "/" + r.metric();
            if (!metricKey.equals(lastMetric) && !lastMetric.isEmpty()) {
                table.add(new String[0]);
            }
            lastMetric = metricKey;
            String ratio = r.ratioMedian() == null ? ""
                    : String.format(Locale.ROOT, "%.2f (%.2f..%.2f)", r.ratioMedian(), r.ratioMin(), r.ratioMax());
            String target = r.target() == null ? ""
                    : r.target() + (Boolean.TRUE.equals(r.met()) ? " met" : " MISSED");
            table.add(new String[] {r.section(), r.metric() + " (" + r.unit() + ")", r.contender(),
                format(r.median()), format(r.min()), format(r.max()), ratio, target});
        }
        return table;
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
                boolean number = i >= 3 && i <= 5;
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
                b.append("|---|---|---|---:|---:|---:|---|---|\n");
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
