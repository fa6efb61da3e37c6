package io.kafkaesk.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * The publishing thread's own work per message over the corpus, without Kafka: from the data object to the record
 * value (and key). Shows what validation costs on that thread. Contenders, alternated by round: raw Jackson
 * ({@code writeValueAsBytes}, and the key's bytes from a getter where the schema has a key), kafkaesk's envelope
 * without validation, kafkaesk with validation through the generated descriptor (what a generated publisher
 * uses), and kafkaesk with validation through a descriptor holding the schema alone (what the runtime does without
 * anything generated).
 */
final class EncodeBench {
    static final String SECTION = "encode";
    static final String METRIC = "time";
    static final String RAW = "raw Jackson writeValueAsBytes";
    static final String UNVALIDATED = "kafkaesk envelope, no validation";
    static final String VALIDATED = "kafkaesk validate on, generated descriptor";
    static final String SCHEMA_ONLY = "kafkaesk validate on, schema only";
    private static final List<String> NAMES = List.of(RAW, UNVALIDATED, VALIDATED, SCHEMA_ONLY);

    private static final int POOL = Corpus.POOL;

    private EncodeBench() {}

    static void run(Options o, Report report) {
        long sink = 0;
        boolean first = true;
        for (Corpus.Entry<?> entry : Corpus.entries(o.schemas())) {
            sink += runSchema(o, report, entry, first);
            first = false;
        }
        report.note("encode.checksum", sink);
    }

    private static <T> long runSchema(Options o, Report report, Corpus.Entry<T> entry, boolean first) {
        String schema = entry.name();
        report.metric(SECTION, METRIC, schema, "ns per message", RAW);
        report.target(SECTION, METRIC, schema, VALIDATED, Report.Target.ratioAtMost(1.15));
        Corpus.checkValid(entry);
        JsonMapper mapper = JsonMapper.builder().build();
        Encoder<T> generated = Encoder.of(entry.schema());
        Encoder<T> schemaOnly = Encoder.schemaOnly(entry.schema());
        List<ToIntFunction<T>> contenders = List.of(
                e -> {
                    String key = entry.keyOf(e);
                    return mapper.writeValueAsBytes(e).length
                            + (key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length);
                },
                e -> generated.encode(e, false).length,
                e -> generated.encode(e, true).length,
                e -> schemaOnly.encode(e, true).length);
        T[] pool = entry.pool();
        long sink = 0;
        long rawBytes = 0;
        for (T data : pool) {
            rawBytes += mapper.writeValueAsBytes(data).length;
        }
        int n = PublishBench.messages(o.encodeMessages(), o.encodeMegabytes(), rawBytes / POOL);
        report.note("encode.messages." + schema, n);
        int warmups = first ? 2 : 1;
        Main.progress("encode " + schema + ": " + n + " messages a round; warm-up, " + warmups + " x " + n
                + " per contender");
        for (int pass = 0; pass < warmups; pass++) {
            for (ToIntFunction<T> c : contenders) {
                sink += time(c, pool, n)[1];
            }
        }
        for (int round = 1; round <= o.rounds(); round++) {
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
            Collections.rotate(order, -(round - 1));
            StringBuilder line = new StringBuilder("encode " + schema + ": round " + round + "/" + o.rounds());
            double[] perMessage = new double[NAMES.size()];
            for (int i : order) {
                long[] r = time(contenders.get(i), pool, n);
                sink += r[1];
                perMessage[i] = (double) r[0] / n;
                line.append(String.format(Locale.ROOT, "  %s %.0f ns", NAMES.get(i), perMessage[i]));
            }
            for (int i = 0; i < NAMES.size(); i++) {
                report.add(SECTION, METRIC, schema, NAMES.get(i), perMessage[i]);
            }
            Main.progress(line.toString());
        }
        return sink;
    }

    /** Nanoseconds for {@code n} encodings, and the bytes written (so none can be optimized away). */
    private static <T> long[] time(ToIntFunction<T> c, T[] pool, int n) {
        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bytes += c.applyAsInt(pool[i & (POOL - 1)]);
        }
        return new long[] {System.nanoTime() - start, bytes};
    }
}
