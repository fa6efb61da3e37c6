package io.kafkaesk.benchmarks;

import io.kafkaesk.MessageSchema;
import io.kafkaesk.benchmarks.events.BenchEvent;
import io.kafkaesk.internal.CompiledSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * The publishing thread's own work per message, without Kafka: from the data object to the record value. Shows
 * what validation costs on that thread in each of the ways kafkaesk can do it. Contenders, alternated by round:
 * raw Jackson ({@code writeValueAsBytes}), kafkaesk's envelope without validation, with validation made while
 * Jackson writes the value (a descriptor without quick check), and with the generated quick check (the
 * generated descriptor, what a generated publisher uses).
 */
final class EncodeBench {
    static final String SECTION = "encode";
    static final String RAW = "raw Jackson writeValueAsBytes";
    static final String UNVALIDATED = "kafkaesk envelope, no validation";
    static final String WHILE_WRITING = "kafkaesk, checked while written";
    static final String QUICK_CHECK = "kafkaesk, generated quick check";

    private static final int POOL = 4096;

    private EncodeBench() {}

    private interface Contender {
        long encode(BenchEvent event);
    }

    static void run(Options o, Report report) {
        report.metric(SECTION, "time", "ns per message", RAW);
        BenchEvent[] events = BenchEvents.pool(POOL);
        JsonMapper mapper = JsonMapper.builder().build();
        CompiledSchema<BenchEvent> generated = new CompiledSchema<>(BenchEvents.SCHEMA);
        MessageSchema<BenchEvent> s = BenchEvents.SCHEMA;
        CompiledSchema<BenchEvent> withoutQuickCheck = new CompiledSchema<>(MessageSchema
                .builder(s.id(), s.dataClass()).version(s.version()).schemaJson(s.schemaJson()).build());
        if (!s.validator().orElseThrow().test(events[0])) {
            throw new IllegalStateException("the generated quick check does not vouch for the benchmark's data");
        }
        List<String> names = List.of(RAW, UNVALIDATED, WHILE_WRITING, QUICK_CHECK);
        List<Contender> contenders = List.of(
                e -> mapper.writeValueAsBytes(e).length,
                e -> generated.encode(e, false, false).value().length,
                e -> withoutQuickCheck.encode(e, true, false).value().length,
                e -> generated.encode(e, true, false).value().length);
        int n = o.encodeMessages();
        Main.progress("encode: warm-up, 2 x " + n + " messages per contender");
        long sink = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (Contender c : contenders) {
                sink += time(c, events, n)[1];
            }
        }
        for (int round = 1; round <= o.rounds(); round++) {
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
            Collections.rotate(order, -(round - 1));
            StringBuilder line = new StringBuilder("encode: round " + round + "/" + o.rounds());
            double[] perMessage = new double[names.size()];
            for (int i : order) {
                long[] r = time(contenders.get(i), events, n);
                sink += r[1];
                perMessage[i] = (double) r[0] / n;
                line.append(String.format(Locale.ROOT, "  %s %.0f ns", names.get(i), perMessage[i]));
            }
            for (int i = 0; i < names.size(); i++) {
                report.add(SECTION, "time", names.get(i), perMessage[i]);
            }
            Main.progress(line.toString());
        }
        report.note("encode.checksum", sink);
    }

    /** Nanoseconds for {@code n} encodings, and the bytes written (so none can be optimized away). */
    private static long[] time(Contender c, BenchEvent[] events, int n) {
        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            bytes += c.encode(events[i & (POOL - 1)]);
        }
        return new long[] {System.nanoTime() - start, bytes};
    }
}
