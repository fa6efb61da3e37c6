package io.kafkaesk.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The per-schema summary of a run: for each schema of the corpus, its value sizes, and the publish and encode
 * ratios the targets are about (medians of the rounds' ratios), each with its verdict. Read off the report's rows.
 */
final class CorpusTable {
    static final List<String> HEADER = List.of("schema", "value bytes raw / kafkaesk", "publish raw (msgs/s)",
            "publish validate on x raw (>= 0.90)", "publish validate on x Spring (>= 1.00)",
            "publish validate off x raw", "publish raw envelope x raw", "publish Spring x raw", "encode raw (ns)",
            "encode validate on x raw (<= 1.15)", "encode no validation x raw", "encode schema only x raw",
            "encode generated validator alone (ns)");

    private CorpusTable() {}

    /** One line per schema, in the corpus's order, as {@link #HEADER}'s columns; empty without corpus rows. */
    static List<Map<String, String>> lines(Report report) {
        List<Report.Row> rows = report.rows();
        Set<String> schemas = new LinkedHashSet<>();
        for (Report.Row r : rows) {
            if (r.schema() != null) {
                schemas.add(r.schema());
            }
        }
        List<Map<String, String>> lines = new ArrayList<>();
        for (String schema : schemas) {
            List<String> cells = new ArrayList<>();
            cells.add(schema);
            cells.add(sizes(report.note("publish.valueBytes." + schema)));
            Report.Row raw = row(rows, PublishBench.SECTION, schema, PublishBench.RAW);
            cells.add(raw == null ? "" : Report.format(raw.median()));
            Report.Row validated = row(rows, PublishBench.SECTION, schema, PublishBench.VALIDATED);
            cells.add(judged(validated, null));
            cells.add(judged(validated, PublishBench.SPRING));
            cells.add(ratio(row(rows, PublishBench.SECTION, schema, PublishBench.UNVALIDATED)));
            cells.add(ratio(row(rows, PublishBench.SECTION, schema, PublishBench.RAW_ENVELOPE)));
            cells.add(ratio(row(rows, PublishBench.SECTION, schema, PublishBench.SPRING)));
            Report.Row encodeRaw = row(rows, EncodeBench.SECTION, schema, EncodeBench.RAW);
            cells.add(encodeRaw == null ? "" : Report.format(encodeRaw.median()));
            cells.add(judged(row(rows, EncodeBench.SECTION, schema, EncodeBench.VALIDATED), null));
            cells.add(ratio(row(rows, EncodeBench.SECTION, schema, EncodeBench.UNVALIDATED)));
            cells.add(ratio(row(rows, EncodeBench.SECTION, schema, EncodeBench.SCHEMA_ONLY)));
            Report.Row validator = row(rows, EncodeBench.SECTION, schema, EncodeBench.VALIDATOR);
            cells.add(validator == null ? "" : Report.format(validator.median()));
            Map<String, String> line = new LinkedHashMap<>();
            for (int i = 0; i < HEADER.size(); i++) {
                line.put(HEADER.get(i), cells.get(i));
            }
            lines.add(line);
        }
        return lines;
    }

    /** The summary in Markdown; empty without corpus rows. */
    static String markdown(Report report) {
        List<Map<String, String>> lines = lines(report);
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", HEADER)).append(" |\n|---|---|");
        b.append("---:|".repeat(HEADER.size() - 2)).append('\n');
        for (Map<String, String> line : lines) {
            b.append("| ").append(String.join(" | ", line.values())).append(" |\n");
        }
        return b.toString();
    }

    private static Report.@Nullable Row row(List<Report.Row> rows, String section, String schema, String contender) {
        for (Report.Row r : rows) {
            if (r.section().equals(section) && schema.equals(r.schema()) && r.contender().equals(contender)) {
                return r;
            }
        }
        return null;
    }

    private static String ratio(Report.@Nullable Row row) {
        return row == null || row.ratioMedian() == null ? "" : String.format(Locale.ROOT, "%.2f", row.ratioMedian());
    }

    /** The ratio a target of the row was judged on (against the baseline when {@code against} is null). */
    private static String judged(Report.@Nullable Row row, @Nullable String against) {
        if (row == null) {
            return "";
        }
        for (Report.Outcome o : row.targets()) {
            String by = o.against() == null ? row.baseline() : o.against();
            if (by != null && by.equals(against == null ? row.baseline() : against)) {
                return o.verdict();
            }
        }
        return "";
    }

    private static String sizes(@Nullable Object note) {
        if (!(note instanceof Map<?, ?> m)) {
            return "";
        }
        return m.get(PublishBench.RAW) + " / " + m.get(PublishBench.VALIDATED);
    }
}
