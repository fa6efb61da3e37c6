package io.kafkaesk.benchmarks;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kafkaesk.Application;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publish throughput over the corpus: for each schema, one thread sends N of its messages (N set by the schema's
 * message size, see {@link #messages}) as fast as the producer takes them, then flushes; the time runs from the
 * first send to the end of the flush (every record acknowledged, acks=all). Contenders, alternated round by round:
 * raw kafka-clients with Jackson serialization (of the data, and of the data in the envelope), kafkaesk with
 * validation, kafkaesk without, and Spring Kafka's {@code KafkaTemplate} with its Jackson JSON serializer. Raw and
 * Spring send the record key kafkaesk takes from the schema's key pointer (as their user would, with a getter), to
 * topics with as many partitions as kafkaesk gives the schema's, each partition written to once before timing.
 */
final class PublishBench {
    static final String SECTION = "publish";
    static final String METRIC = "throughput";
    static final String RAW = "raw kafka-clients+Jackson";
    static final String RAW_ENVELOPE = "raw kafka-clients+Jackson, envelope";
    static final String VALIDATED = "kafkaesk validate on";
    static final String UNVALIDATED = "kafkaesk validate off";
    static final String SPRING = "Spring KafkaTemplate+JacksonJsonSerializer";
    private static final int POOL = Corpus.POOL;

    private PublishBench() {}

    private interface Contender<T> {
        String name();

        /** Sends {@code n} messages and flushes; returns the elapsed nanoseconds. */
        long run(Corpus.Entry<T> entry, int n) throws Exception;

        /** Value bytes of one pass over the pool. */
        long poolBytes(Corpus.Entry<T> entry);

        long errors();

        /** The first failed send's exception, null when none failed. */
        @Nullable Throwable firstError();
    }

    static void run(Env env, Report report) throws Exception {
        List<Corpus.Entry<?>> corpus = Corpus.entries(env.options.schemas());
        try (KafkaProducer<byte[], byte[]> producer = env.rawProducer();
                Application validated = env.app(true);
                Application unvalidated = env.app(false);
                SpringKafka.Publisher spring = SpringKafka.publisher(env)) {
            validated.initialize();
            unvalidated.initialize();
            boolean first = true;
            for (Corpus.Entry<?> entry : corpus) {
                runSchema(env, report, entry, producer, validated, unvalidated, spring.template(), first);
                first = false;
            }
        }
    }

    private static <T> void runSchema(Env env, Report report, Corpus.Entry<T> entry,
            KafkaProducer<byte[], byte[]> producer, Application validated, Application unvalidated,
            KafkaTemplate<String, Object> template, boolean first) throws Exception {
        Options o = env.options;
        String schema = entry.name();
        String slug = schema.toLowerCase(Locale.ROOT).replace(':', '-');
        report.metric(SECTION, METRIC, schema, "msgs/s", RAW);
        report.target(SECTION, METRIC, schema, VALIDATED, Report.Target.ratioAtLeast(0.9));
        report.target(SECTION, METRIC, schema, VALIDATED, Report.Target.ratioAtLeast(1.0, SPRING, "Spring"));
        Corpus.checkValid(entry);
        env.createTopic("publish-raw-" + slug, entry.schema());
        env.createTopic("publish-raw-envelope-" + slug, entry.schema());
        env.createTopic("publish-spring-" + slug, entry.schema());
        env.awaitWritable(producer, env.topic("publish-raw-" + slug));
        env.awaitWritable(producer, env.topic("publish-raw-envelope-" + slug));
        env.awaitWritable(producer, env.topic("publish-spring-" + slug));
        Raw<T> rawEnvelope = new Raw<>(RAW_ENVELOPE, producer, env.topic("publish-raw-envelope-" + slug), true);
        List<Contender<T>> contenders = List.of(
                new Raw<>(RAW, producer, env.topic("publish-raw-" + slug), false),
                rawEnvelope,
                new Kafkaesk<>(VALIDATED, validated, "publish-validated-" + slug),
                new Kafkaesk<>(UNVALIDATED, unvalidated, "publish-unvalidated-" + slug),
                new Spring<>(template, env.topic("publish-spring-" + slug)));
        // Sizes once, before any timing: measuring them between rounds would run Jackson through other
        // generators and change the compiled code under measurement.
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Contender<T> c : contenders) {
            sizes.put(c.name(), c.poolBytes(entry) / POOL);
        }
        report.note("publish.valueBytes." + schema, sizes);
        checkSameBytes(entry, rawEnvelope);

        int n = messages(o.publishMessages(), o.publishMegabytes(), sizes.get(RAW));
        report.note("publish.messages." + schema, n);
        // Untimed passes (two for the first schema, whose run also warms the producers up).
        int warmups = first ? 2 : 1;
        Main.progress("publish " + schema + ": " + n + " messages a round; warm-up, " + warmups + " x " + n
                + " per contender; value bytes " + sizes);
        for (int pass = 0; pass < warmups; pass++) {
            for (Contender<T> c : contenders) {
                c.run(entry, n);
            }
        }
        for (int round = 1; round <= o.rounds(); round++) {
            List<Contender<T>> order = new ArrayList<>(contenders);
            Collections.rotate(order, -(round - 1));
            StringBuilder line = new StringBuilder("publish " + schema + ": round " + round + "/" + o.rounds());
            double[] rates = new double[contenders.size()];
            for (Contender<T> c : order) {
                double r = n / (c.run(entry, n) / 1e9);
                rates[contenders.indexOf(c)] = r;
                line.append(String.format(Locale.ROOT, "  %s %,.0f/s", c.name(), r));
            }
            for (int i = 0; i < contenders.size(); i++) {
                report.add(SECTION, METRIC, schema, contenders.get(i).name(), rates[i]);
            }
            Main.progress(line.toString());
        }
        for (Contender<T> c : contenders) {
            if (c.errors() > 0) {
                throw new IllegalStateException(c.name() + " " + schema + ": " + c.errors() + " sends failed, the first"
                        + " with " + c.firstError(), c.firstError());
            }
        }
    }

    /** Fails unless raw-with-envelope writes, for every message of the pool, the bytes kafkaesk publishes. */
    private static <T> void checkSameBytes(Corpus.Entry<T> entry, Raw<T> rawEnvelope) {
        Encoder<T> encoder = Encoder.of(entry.schema());
        for (T data : entry.pool()) {
            byte[] kafkaesk = encoder.encode(data, false);
            byte[] raw = rawEnvelope.value(entry.schema().key(), data);
            if (!Arrays.equals(kafkaesk, raw)) {
                throw new IllegalStateException(RAW_ENVELOPE + " does not write what kafkaesk publishes for "
                        + entry.name() + ":\n  kafkaesk " + new String(kafkaesk, StandardCharsets.UTF_8)
                        + "\n  raw      " + new String(raw, StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Messages a round for a schema whose raw values average {@code rawBytes}: {@code max}, or fewer, so that raw's
     * values come to about {@code megabytes}; the same from run to run, so runs compare.
     */
    static int messages(int max, double megabytes, long rawBytes) {
        long byBytes = Math.round(megabytes * 1e6 / Math.max(1, rawBytes) / 1000) * 1000;
        return (int) Math.max(1000, Math.min(max, byBytes));
    }

    /** Counts failed sends, for every contender's callback. */
    private abstract static class Counted<T> implements Contender<T> {
        final AtomicLong errors = new AtomicLong();
        /** The first failure, to say what went wrong. */
        final AtomicReference<@Nullable Throwable> firstError = new AtomicReference<>();

        void failed(Throwable error) {
            if (error != null) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, error);
            }
        }

        @Override
        public long errors() {
            return errors.get();
        }

        @Override
        public @Nullable Throwable firstError() {
            return firstError.get();
        }
    }

    /**
     * Raw kafka-clients: Jackson writes the object to bytes (or, for {@link #RAW_ENVELOPE}, the envelope
     * {@code {"schema":..., "data":...}} around it, the bytes kafkaesk sends, so that the wire format's cost shows
     * apart from kafkaesk's code), the producer sends them, keyed as kafkaesk keys them, with a callback.
     */
    private static final class Raw<T> extends Counted<T> {
        private final String name;
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final boolean envelope;
        private final JsonMapper mapper = JsonMapper.builder().build();
        private final Callback callback = (metadata, error) -> failed(error);

        Raw(String name, KafkaProducer<byte[], byte[]> producer, String topic, boolean envelope) {
            this.name = name;
            this.producer = producer;
            this.topic = topic;
            this.envelope = envelope;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long run(Corpus.Entry<T> entry, int n) {
            T[] pool = entry.pool();
            String schema = entry.schema().key();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                T data = pool[i & (POOL - 1)];
                String key = entry.keyOf(data);
                producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        value(schema, data)), callback);
            }
            producer.flush();
            return System.nanoTime() - start;
        }

        private byte[] value(String schema, T data) {
            return envelope ? mapper.writeValueAsBytes(new Enveloped<>(schema, data)) : mapper.writeValueAsBytes(data);
        }

        @Override
        public long poolBytes(Corpus.Entry<T> entry) {
            long total = 0;
            for (T data : entry.pool()) {
                total += value(entry.schema().key(), data).length;
            }
            return total;
        }
    }

    /**
     * The envelope as a raw user writes it with Jackson: a record of its two fields, in the envelope's order (Jackson
     * 3 sorts properties by name unless told).
     */
    @JsonPropertyOrder({"schema", "data"})
    private record Enveloped<T>(String schema, T data) {}

    /** kafkaesk: what a generated publisher does, {@code publish(schema, stream, data, null, no headers)}. */
    private static final class Kafkaesk<T> extends Counted<T> {
        private final String name;
        private final Application app;
        private final String stream;
        private final List<Header> noHeaders = List.of();
        private final BiConsumer<RecordMetadata, Throwable> callback = (metadata, error) -> failed(error);

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
        public long run(Corpus.Entry<T> entry, int n) {
            T[] pool = entry.pool();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                app.publish(entry.schema(), stream, pool[i & (POOL - 1)], null, noHeaders).whenComplete(callback);
            }
            app.flush();
            return System.nanoTime() - start;
        }

        @Override
        public long poolBytes(Corpus.Entry<T> entry) {
            Encoder<T> encoder = Encoder.of(entry.schema());
            long total = 0;
            for (T data : entry.pool()) {
                total += encoder.encode(data, false).length;
            }
            return total;
        }
    }

    /**
     * Spring Kafka: {@code KafkaTemplate.send(topic, key, data)}, its JSON serializer writing the value (and, by
     * default, a type header), with a completion callback like the others'.
     */
    private static final class Spring<T> extends Counted<T> {
        private final KafkaTemplate<String, Object> template;
        private final String topic;
        private final BiConsumer<SendResult<String, Object>, Throwable> callback = (result, error) -> failed(error);

        Spring(KafkaTemplate<String, Object> template, String topic) {
            this.template = template;
            this.topic = topic;
        }

        @Override
        public String name() {
            return SPRING;
        }

        @Override
        public long run(Corpus.Entry<T> entry, int n) {
            T[] pool = entry.pool();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                T data = pool[i & (POOL - 1)];
                template.send(topic, entry.keyOf(data), data).whenComplete(callback);
            }
            template.flush();
            return System.nanoTime() - start;
        }

        @Override
        public long poolBytes(Corpus.Entry<T> entry) {
            try (JacksonJsonSerializer<Object> serializer = new JacksonJsonSerializer<>()) {
                long total = 0;
                for (T data : entry.pool()) {
                    total += serializer.serialize(topic, new RecordHeaders(), data).length;
                }
                return total;
            }
        }
    }
}
