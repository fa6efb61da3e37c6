package io.kafkaesk.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * The publishing thread's own work per message over the corpus, without Kafka: from the data object to the record
 * value (and key). Shows what validation costs on that thread. A round interleaves the contenders in slices of
 * {@value #SLICE} messages, each slice in the order of the one before turned by one, so that a change in the
 * machine's speed during the round falls on all of them alike; each contender's time is the sum of its slices.
 * Contenders: raw Jackson
 * ({@code writeValueAsBytes}, and the key's bytes from a getter where the schema has a key), kafkaesk's envelope
 * without validation, kafkaesk with validation through the generated descriptor (what a generated publisher
 * uses), and kafkaesk with validation through a descriptor holding the schema alone (what the runtime does without
 * anything generated). Beside them, the generated validator alone shows what deciding validity costs apart from
 * writing the bytes.
 */
final class EncodeBench {
    static final String SECTION = "encode";
    static final String METRIC = "time";
    static final String RAW = "raw Jackson writeValueAsBytes";
    static final String UNVALIDATED = "kafkaesk envelope, no validation";
    static final String VALIDATED = "kafkaesk validate on, generated descriptor";
    static final String SCHEMA_ONLY = "kafkaesk validate on, schema only";
    static final String VALIDATOR = "generated validator alone";
    private static final List<String> NAMES = List.of(RAW, UNVALIDATED, VALIDATED, SCHEMA_ONLY, VALIDATOR);

    private static final int POOL = Corpus.POOL;
    /** Messages a contender encodes before the next contender's turn: a millisecond or so. */
    static final int SLICE = 256;

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
        Predicate<? super T> validator = entry.schema().validator()
                .orElseThrow(() -> new IllegalStateException(schema + " has no generated validator"));
        List<ToIntFunction<T>> contenders = List.of(
                e -> {
                    String key = entry.keyOf(e);
                    return mapper.writeValueAsBytes(e).length
                            + (key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length);
                },
                e -> generated.encode(e, false).length,
                e -> generated.encode(e, true).length,
                e -> schemaOnly.encode(e, true).length,
                e -> validator.test(e) ? 1 : 0);
        T[] pool = entry.pool();
        long sink = 0;
        long rawBytes = 0;
        for (T data : pool) {
            rawBytes += mapper.writeValueAsBytes(data).length;
        }
        int messages = PublishBench.messages(o.encodeMessages(), o.encodeMegabytes(), rawBytes / POOL);
        int n = (messages + SLICE - 1) / SLICE * SLICE;
        report.note("encode.messages." + schema, n);
        int warmups = first ? 2 : 1;
        Main.progress("encode " + schema + ": " + n + " messages a round; warm-up, " + warmups + " x " + n
                + " per contender");
        long[] nanos = new long[contenders.size()];
        for (int pass = 0; pass < warmups; pass++) {
            sink += interleave(contenders, pool, n, nanos);
        }
        for (int round = 1; round <= o.rounds(); round++) {
            sink += interleave(contenders, pool, n, nanos);
            StringBuilder line = new StringBuilder("encode " + schema + ": round " + round + "/" + o.rounds());
            for (int i = 0; i < NAMES.size(); i++) {
                double perMessage = (double) nanos[i] / n;
                report.add(SECTION, METRIC, schema, NAMES.get(i), perMessage);
                line.append(String.format(Locale.ROOT, "  %s %.0f ns", NAMES.get(i), perMessage));
            }
            Main.progress(line.toString());
        }
        return sink;
    }

    /**
     * Runs every contender over the same {@code n} messages (a whole number of slices), slice by slice, and
     * stores each one's nanoseconds in {@code nanos}; returns the bytes written, so that none can be optimized away.
     */
    static <T> long interleave(List<ToIntFunction<T>> contenders, T[] pool, int n, long[] nanos) {
        Arrays.fill(nanos, 0);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < contenders.size(); i++) {
            order.add(i);
        }
        long bytes = 0;
        for (int from = 0; from < n; from += SLICE) {
            Collections.rotate(order, 1);
            for (int i : order) {
                ToIntFunction<T> c = contenders.get(i);
                long start = System.nanoTime();
                for (int k = from; k < from + SLICE; k++) {
                    bytes += c.applyAsInt(pool[k & (POOL - 1)]);
                }
                nanos[i] += System.nanoTime() - start;
            }
        }
        return bytes;
    }
}
