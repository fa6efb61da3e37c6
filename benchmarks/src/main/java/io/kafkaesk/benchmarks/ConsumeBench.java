package io.kafkaesk.benchmarks;

import io.kafkaesk.benchmarks.events.BenchEvent;
import io.kafkaesk.Application;
import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.TypedHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consume throughput: a topic holding N kafkaesk records is read from the start by a new consumer group, once
 * per contender per round. The time runs from the first record reaching the handler to the N-th record done, so
 * the group join (the same for all) is left out. Contenders, alternated round by round: a raw kafka-clients
 * poll loop that decodes each value with Jackson into the envelope class; a kafkaesk typed subscriber with default
 * options (concurrency 1, no consumer-side validation, at-least-once commits) and the same with
 * {@code validate(true)}; and a Spring Kafka {@code ConcurrentMessageListenerContainer} whose
 * {@code JacksonJsonDeserializer} reads each value into the same envelope class as raw, with Spring's defaults.
 */
final class ConsumeBench {
    static final String SECTION = "consume";
    static final String RAW = "raw kafka-clients+Jackson";
    static final String TYPED = "kafkaesk typed subscriber";
    static final String VALIDATED = "kafkaesk typed subscriber, validate(true)";
    static final String SPRING = "Spring listener container+JacksonJsonDeserializer";
    private static final String STREAM = "consume";
    private static final int POOL = 4096;
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private ConsumeBench() {}

    static void run(Env env, Report report) throws Exception {
        Options o = env.options;
        int n = o.consumeMessages();
        report.metric(SECTION, "throughput", "msgs/s", RAW);
        report.target(SECTION, "throughput", TYPED, Report.Target.ratioAtLeast(0.9));
        report.target(SECTION, "throughput", TYPED, Report.Target.ratioAtLeast(1.0, SPRING, "Spring"));
        report.target(SECTION, "throughput", VALIDATED, Report.Target.ratioAtLeast(0.8));

        Main.progress("consume: filling " + env.topic(STREAM) + " with " + n + " records");
        BenchEvent[] events = BenchEvents.pool(POOL);
        try (Application filler = env.app(false)) {
            for (int i = 0; i < n; i++) {
                filler.publish(BenchEvents.SCHEMA, STREAM, events[i & (POOL - 1)], null, List.of());
            }
            filler.flush();
        }

        List<String> contenders = List.of(RAW, TYPED, VALIDATED, SPRING);
        AtomicInteger groups = new AtomicInteger();
        Main.progress("consume: warm-up, one pass per contender");
        for (String c : contenders) {
            measure(env, c, "warmup-" + groups.incrementAndGet(), n);
        }
        for (int round = 1; round <= o.rounds(); round++) {
            List<String> order = new ArrayList<>(contenders);
            Collections.rotate(order, -(round - 1));
            double[] rates = new double[contenders.size()];
            StringBuilder line = new StringBuilder("consume: round " + round + "/" + o.rounds());
            for (String c : order) {
                double rate = measure(env, c, "round-" + groups.incrementAndGet(), n);
                rates[contenders.indexOf(c)] = rate;
                line.append(String.format(Locale.ROOT, "  %s %,.0f/s", c, rate));
            }
            for (int i = 0; i < contenders.size(); i++) {
                report.add(SECTION, "throughput", contenders.get(i), rates[i]);
            }
            Main.progress(line.toString());
        }
    }

    private static double measure(Env env, String contender, String group, int n) throws Exception {
        long nanos = switch (contender) {
            case RAW -> raw(env, group, n);
            case TYPED -> kafkaesk(env, group, n, false);
            case VALIDATED -> kafkaesk(env, group, n, true);
            case SPRING -> spring(env, group, n);
            default -> throw new IllegalArgumentException(contender);
        };
        return (n - 1) / (nanos / 1e9);
    }

    /** A plain poll loop; returns the nanoseconds from the first record to the last. */
    private static long raw(Env env, String group, int n) {
        JsonMapper mapper = JsonMapper.builder().build();
        AtomicLong sink = new AtomicLong();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = env.rawConsumer("raw-" + group)) {
            consumer.subscribe(List.of(env.topic(STREAM)));
            long first = 0;
            int count = 0;
            while (count < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("raw consumer read " + count + " of " + n + " records in time");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    RawEnvelope envelope = mapper.readValue(record.value(), RawEnvelope.class);
                    sink.addAndGet(envelope.data().getSeq());
                    if (++count == 1) {
                        first = System.nanoTime();
                    }
                }
            }
            return System.nanoTime() - first;
        }
    }

    /**
     * A kafkaesk application with one typed subscription, validating or not; returns the nanoseconds from the first
     * record to the last.
     */
    private static long kafkaesk(Env env, String group, int n, boolean validate) throws Exception {
        Counting handler = new Counting(n);
        try (Application app = env.app(true)) {
            app.subscribe(STREAM, "kafkaesk-" + group, handler).validate(validate);
            app.initialize();
            if (!handler.done.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("kafkaesk subscriber handled " + handler.count.get() + " of " + n
                        + " records in time");
            }
        }
        return handler.last - handler.first;
    }

    /**
     * A Spring listener container with its defaults (one consumer, a batch acknowledgement committed
     * synchronously after the records of each poll); returns the nanoseconds from the first record to the last.
     */
    private static long spring(Env env, String group, int n) throws Exception {
        AtomicLong sink = new AtomicLong();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        long[] times = new long[2];
        ConcurrentMessageListenerContainer<byte[], RawEnvelope> container = SpringKafka.listen(env,
                env.topic(STREAM), "spring-" + group, RawEnvelope.class, record -> {
                    sink.addAndGet(record.value().data().getSeq());
                    int c = count.incrementAndGet();
                    if (c == 1) {
                        times[0] = System.nanoTime();
                    } else if (c == n) {
                        times[1] = System.nanoTime();
                        done.countDown();
                    }
                });
        try {
            if (!done.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Spring listener handled " + count.get() + " of " + n
                        + " records in time");
            }
        } finally {
            container.stop();
        }
        return times[1] - times[0];
    }

    /** Counts records like the raw loop does, and notes when the first and the n-th arrive. */
    private static final class Counting implements TypedHandler<BenchEvent> {
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong sink = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        final int n;
        volatile long first;
        volatile long last;

        Counting(int n) {
            this.n = n;
        }

        @Override
        public MessageSchema<BenchEvent> schema() {
            return BenchEvents.SCHEMA;
        }

        @Override
        public void handle(BenchEvent data, MessageContext context) {
            sink.addAndGet(data.getSeq());
            int c = count.incrementAndGet();
            if (c == 1) {
                first = System.nanoTime();
            } else if (c == n) {
                last = System.nanoTime();
                done.countDown();
            }
        }
    }
}
