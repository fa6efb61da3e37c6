package io.kafkaesk.benchmarks;

import io.kafkaesk.benchmarks.events.BenchEvent;
import io.kafkaesk.Application;
import io.kafkaesk.internal.EnvelopeCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publish throughput: one thread sends N events as fast as the producer takes them, then flushes; the time runs
 * from the first send to the end of the flush (every record acknowledged, acks=all). Contenders, alternated
 * round by round: raw kafka-clients with Jackson serialization, kafkaesk with validation, kafkaesk without.
 */
final class PublishBench {
    static final String SECTION = "publish";
    static final String RAW = "raw kafka-clients+Jackson";
    static final String VALIDATED = "kafkaesk validate on";
    static final String UNVALIDATED = "kafkaesk validate off";
    private static final int POOL = 4096;

    private interface Contender {
        String name();

        /** Sends {@code n} events and flushes; returns the elapsed nanoseconds. */
        long run(BenchEvent[] events, int n) throws Exception;

        /** Value bytes of one pass over the pool. */
        long poolBytes(BenchEvent[] events);

        long errors();
    }

    static void run(Env env, Report report) throws Exception {
        Options o = env.options;
        report.metric(SECTION, "throughput", "msgs/s", RAW);
        report.metric(SECTION, "bandwidth", "MB/s", RAW);
        report.target(SECTION, "throughput", VALIDATED, Report.Target.ratioAtLeast(0.9));
        BenchEvent[] events = BenchEvents.pool(POOL);

        env.createTopic("publish-raw");
        List<Contender> contenders = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = env.rawProducer();
                Application validated = env.app(true);
                Application unvalidated = env.app(false)) {
            contenders.add(new Raw(producer, env.topic("publish-raw")));
            contenders.add(new Kafkaesk(VALIDATED, validated, "publish-validated"));
            contenders.add(new Kafkaesk(UNVALIDATED, unvalidated, "publish-unvalidated"));
            validated.initialize();
            unvalidated.initialize();
            // Sizes once, before any timing: measuring them between rounds would run Jackson through other
            // generators (a tree's) and change the compiled code under measurement.
            long[] poolBytes = new long[contenders.size()];
            for (int i = 0; i < poolBytes.length; i++) {
                poolBytes[i] = contenders.get(i).poolBytes(events);
            }
            report.note("publish.valueBytes", averageSizes(contenders, poolBytes));

            // Two untimed passes each: the producer's and Jackson's paths keep getting faster for about a second.
            int warmup = o.publishMessages();
            Main.progress("publish: warm-up, 2 x " + warmup + " messages per contender");
            for (int pass = 0; pass < 2; pass++) {
                for (Contender c : contenders) {
                    c.run(events, warmup);
                }
            }
            for (int round = 1; round <= o.rounds(); round++) {
                List<Contender> order = new ArrayList<>(contenders);
                Collections.rotate(order, -(round - 1));
                StringBuilder line = new StringBuilder("publish: round " + round + "/" + o.rounds());
                double[] rates = new double[contenders.size()];
                for (Contender c : order) {
                    long nanos = c.run(events, o.publishMessages());
                    double seconds = nanos / 1e9;
                    double rate = o.publishMessages() / seconds;
                    double bytes = (double) poolBytes[contenders.indexOf(c)] / POOL * o.publishMessages();
                    rates[contenders.indexOf(c)] = rate;
                    line.append(String.format(java.util.Locale.ROOT, "  %s %,.0f/s", c.name(), rate));
                    report.add(SECTION, "bandwidth", c.name(), bytes / seconds / 1e6);
                }
                for (int i = 0; i < contenders.size(); i++) {
                    report.add(SECTION, "throughput", contenders.get(i).name(), rates[i]);
                }
                Main.progress(line.toString());
            }
            for (Contender c : contenders) {
                if (c.errors() > 0) {
                    throw new IllegalStateException(c.name() + ": " + c.errors() + " sends failed");
                }
            }
        }
    }

    private static String averageSizes(List<Contender> contenders, long[] poolBytes) {
        StringBuilder b = new StringBuilder();
        for (Contender c : contenders) {
            b.append(c.name()).append('=').append(poolBytes[contenders.indexOf(c)] / POOL).append(" B; ");
        }
        return b.toString().trim();
    }

    /** Raw kafka-clients: Jackson writes the object to bytes, the producer sends them with a callback. */
    private static final class Raw implements Contender {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final JsonMapper mapper = JsonMapper.builder().build();
        private final AtomicLong errors = new AtomicLong();
        private final Callback callback = (metadata, error) -> {
            if (error != null) {
                errors.incrementAndGet();
            }
        };

        Raw(KafkaProducer<byte[], byte[]> producer, String topic) {
            this.producer = producer;
            this.topic = topic;
        }

        @Override
        public String name() {
            return RAW;
        }

        @Override
        public long run(BenchEvent[] events, int n) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                byte[] value = mapper.writeValueAsBytes(events[i & (POOL - 1)]);
                producer.send(new ProducerRecord<>(topic, value), callback);
            }
            producer.flush();
            return System.nanoTime() - start;
        }

        @Override
        public long poolBytes(BenchEvent[] events) {
            long total = 0;
            for (BenchEvent e : events) {
                total += mapper.writeValueAsBytes(e).length;
            }
            return total;
        }

        @Override
        public long errors() {
            return errors.get();
        }
    }

    /** kafkaesk: what a generated publisher does, {@code publish(schema, stream, data, null, no headers)}. */
    private static final class Kafkaesk implements Contender {
        private final String name;
        private final Application app;
        private final String stream;
        private final List<Header> noHeaders = List.of();
        private final AtomicLong errors = new AtomicLong();
        private final BiConsumer<RecordMetadata, Throwable> callback = (metadata, error) -> {
            if (error != null) {
                errors.incrementAndGet();
            }
        };

        Kafkaesk(String name, Application app, String stream) {
            this.name = name;
            this.app = app;
            this.stream = stream;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long run(BenchEvent[] events, int n) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                app.publish(BenchEvents.SCHEMA, stream, events[i & (POOL - 1)], null, noHeaders)
                        .whenComplete(callback);
            }
            app.flush();
            return System.nanoTime() - start;
        }

        @Override
        public long poolBytes(BenchEvent[] events) {
            long total = 0;
            for (BenchEvent e : events) {
                total += EnvelopeCodec.encodeObject(BenchEvents.SCHEMA.key(), e).length;
            }
            return total;
        }

        @Override
        public long errors() {
            return errors.get();
        }
    }
}
