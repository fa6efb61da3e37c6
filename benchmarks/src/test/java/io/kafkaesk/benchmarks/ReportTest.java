package io.kafkaesk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    @Test
    void judgesTargetsOnRoundByRoundRatiosToTheBaselineAndToAnotherContender() {
        Report report = new Report();
        report.metric("publish", "throughput", "A:1", "msgs/s", "raw");
        report.target("publish", "throughput", "A:1", "kafkaesk", Report.Target.ratioAtLeast(0.9));
        report.target("publish", "throughput", "A:1", "kafkaesk",
                Report.Target.ratioAtLeast(1.0, "spring", "Spring"));
        double[][] rounds = {{100, 95, 120}, {200, 170, 150}, {300, 240, 250}};
        for (double[] r : rounds) {
            report.add("publish", "throughput", "A:1", "raw", r[0]);
            report.add("publish", "throughput", "A:1", "kafkaesk", r[1]);
            report.add("publish", "throughput", "A:1", "spring", r[2]);
        }
        Report.Row row = report.rows().stream().filter(r -> r.contender().equals("kafkaesk")).findFirst()
                .orElseThrow();
        assertEquals("A:1", row.schema());
        assertEquals(0.85, row.ratioMedian(), 1e-9); // 0.95, 0.85, 0.80
        Report.Outcome raw = row.targets().get(0);
        Report.Outcome spring = row.targets().get(1);
        assertFalse(raw.met());
        assertEquals(0.96, spring.value(), 1e-9); // 95/120, 170/150, 240/250
        assertFalse(spring.met());
        assertEquals("spring", spring.against());
        assertFalse(row.met());
        assertEquals(">= 0.90x raw MISSED; >= 1.00x Spring: 0.96 (0.79..1.13) MISSED",
                Report.targets(row.targets(), row.baseline()));
    }

    @Test
    void summarisesEachSchemaOnOneLine() {
        Report report = new Report();
        Map<String, Double> validated = Map.of("A:1", 95.0, "B:2", 50.0, "C:3", 89.7, "D:4", 89.996);
        for (String schema : List.of("A:1", "B:2", "C:3", "D:4")) {
            report.metric(PublishBench.SECTION, PublishBench.METRIC, schema, "msgs/s", PublishBench.RAW);
            report.target(PublishBench.SECTION, PublishBench.METRIC, schema, PublishBench.VALIDATED,
                    Report.Target.ratioAtLeast(0.9));
            report.add(PublishBench.SECTION, PublishBench.METRIC, schema, PublishBench.RAW, 100);
            report.add(PublishBench.SECTION, PublishBench.METRIC, schema, PublishBench.VALIDATED,
                    validated.get(schema));
            report.note("publish.valueBytes." + schema, Map.of(PublishBench.RAW, 10L, PublishBench.VALIDATED, 40L));
        }
        List<Map<String, String>> lines = CorpusTable.lines(report);
        assertEquals(4, lines.size());
        assertEquals("0.95 met", lines.get(0).get("publish validate on x raw (>= 0.90)"));
        assertEquals("0.50 MISSED", lines.get(1).get("publish validate on x raw (>= 0.90)"));
        // Two decimals would read 0.90, the bound itself: a miss that close shows a third.
        assertEquals("0.897 MISSED", lines.get(2).get("publish validate on x raw (>= 0.90)"));
        assertEquals("0.89996 MISSED", lines.get(3).get("publish validate on x raw (>= 0.90)"));
        assertEquals("10 / 40", lines.get(1).get("value bytes raw / kafkaesk"));
        assertTrue(CorpusTable.markdown(report).startsWith("| schema |"));
    }
}
