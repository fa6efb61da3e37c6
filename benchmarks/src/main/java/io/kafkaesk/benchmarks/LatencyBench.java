package io.kafkaesk.benchmarks;

import io.kafkaesk.benchmarks.events.BenchEvent;
import io.kafkaesk.Application;
import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.TypedHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latency from publish to handler at a fixed rate. Each message carries the {@link System#nanoTime()} at which
 * it was due to be sent (so a sender that falls behind shows up as latency instead of hiding it); the handler
 * records {@code now - due}. Before the timed run, probe messages are sent until the consumer sees one, so group
 * join and assignment are not measured. Contenders, alternated round by round, each on a fresh topic: raw
 * kafka-clients (Jackson-serialized event, producer, poll loop decoding with Jackson) and kafkaesk (publish with
 * validation, typed subscriber),
 * both with kafkaesk's producer settings (acks=all, linger 5 ms).
 */
final class LatencyBench {
    static final String SECTION = "latency";
    static final String RAW = "raw kafka-clients+Jackson";
    static final String KAFKAESK = "kafkaesk publish+subscriber";
    private static final long PROBE = 0; // sentNanos of probe messages, which are not measured

    private LatencyBench() {}

    /** Where receipts are recorded: latency in nanoseconds by message number. */
    private static final class Receipts {
        final long[] nanos;
        final AtomicInteger received = new AtomicInteger();
        volatile boolean probeSeen;

        Receipts(int total) {
            nanos = new long[total];
            Arrays.fill(nanos, -1);
        }

        void receive(BenchEvent e) {
            long now = System.nanoTime();
            if (e.getSentNanos() == PROBE) {
                probeSeen = true;
                return;
            }
            nanos[Math.toIntExact(e.getSeq())] = now - e.getSentNanos();
            received.incrementAndGet();
        }
    }

    /** Something that sends one event. */
    private interface Sender {
        void send(String stream, BenchEvent event);
    }

    /** Declares the section's metrics and target; returns the number of messages per round. */
    private static int declare(Options o, Report report) {
        int total = (int) Math.max(1, Math.round(o.latencyRate() * o.latencySeconds()));
        String rate = String.format(Locale.ROOT, "%,d msgs/s", o.latencyRate());
        for (String m : METRICS) {
            report.metric(SECTION, m, "ms @" + rate, RAW);
        }
        report.target(SECTION, "p99", KAFKAESK, Report.Target.atMost(10, "ms"));
        report.note("latency.messagesPerRound", total);
        return total;
    }

    /**
     * Runs the section in a JVM of its own, started with {@code -latency-jvm}'s flags (by default the Z garbage
     * collector, whose pauses stay well under a millisecond: a tail latency figure is about pauses), against its
     * own embedded broker or the {@code -kafka} one, and adds its rounds to {@code report}.
     */
    static void runForked(Options o, Report report) throws Exception {
        declare(o, report);
        report.note("latency.jvm", o.latencyJvm());
        report.note("latency.lingerMs", o.latencyLingerMs());
        Path results = Files.createTempFile("kafkaesk-latency", ".json");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String flag : o.latencyJvm().split("\\s+")) {
                if (!flag.isEmpty()) {
                    command.add(flag);
                }
            }
            // The embedded broker's log in memory where the machine offers it: the disk's periodic writeback
            // otherwise stalls the broker's appends for tens of milliseconds, for both contenders alike.
            Path shm = Path.of("/dev/shm");
            if (!o.latencyJvm().contains("java.io.tmpdir") && o.kafka() == null && Files.isDirectory(shm)
                    && Files.isWritable(shm)) {
                command.add("-Djava.io.tmpdir=" + shm);
                report.note("latency.brokerLog", shm.toString());
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "-sections", SECTION, "-latency-jvm", Options.SAME_JVM,
                    "-latency-rate", Integer.toString(o.latencyRate()),
                    "-latency-seconds", Double.toString(o.latencySeconds()),
                    "-latency-rounds", Integer.toString(o.latencyRounds()),
                    "-latency-linger-ms", Integer.toString(o.latencyLingerMs()),
                    "-partitions", Integer.toString(o.partitions()), "-out", results.toString()));
            if (o.kafka() != null) {
                command.addAll(List.of("-kafka", o.kafka()));
            }
            if (!o.client().isEmpty()) {
                StringBuilder client = new StringBuilder();
                o.client().forEach((k, v) -> client.append(client.length() == 0 ? "" : ",").append(k).append('=')
                        .append(v));
                command.addAll(List.of("-client", client.toString()));
            }
            Main.progress("latency: in a separate JVM (" + o.latencyJvm() + ")");
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("The latency JVM exited with " + exit + ": " + command);
            }
            JsonNode doc = JsonMapper.builder().build().readTree(results.toFile());
            for (JsonNode row : doc.get("results")) {
                if (SECTION.equals(row.get("section").asString())) {
                    for (JsonNode value : row.get("rounds")) {
                        report.add(SECTION, row.get("metric").asString(), row.get("contender").asString(),
                                value.asDouble());
                    }
                }
            }
        } finally {
            Files.deleteIfExists(results);
            Files.deleteIfExists(results.resolveSibling(results.getFileName().toString().replace(".json", ".md")));
        }
    }

    private static final List<String> METRICS = List.of("p50", "p99", "max");

    static void run(Env base, Report report) throws Exception {
        Options o = base.options;
        int total = declare(o, report);
        report.note("latency.lingerMs", o.latencyLingerMs());
        // A latency setting, for both contenders: the producer waits at most this long to fill a batch.
        Env env = base.withKafkaSettings(Map.of(ProducerConfig.LINGER_MS_CONFIG, o.latencyLingerMs()));

        List<String> contenders = List.of(RAW, KAFKAESK);
        try (KafkaProducer<byte[], byte[]> producer = env.rawProducer(); Application publisher = env.app(true)) {
            JsonMapper mapper = JsonMapper.builder().build();
            Sender raw = (stream, e) -> producer.send(
                    new ProducerRecord<>(env.topic(stream), mapper.writeValueAsBytes(e)));
            Sender kafkaesk = (stream, e) -> publisher.publish(BenchEvents.SCHEMA, stream, e, null, List.of());
            int warmup = Math.min(total, Math.max(1, 3 * o.latencyRate())); // about three seconds
            Main.progress("latency: warm-up, " + warmup + " messages per contender");
            for (String c : contenders) {
                measure(env, c, c.equals(RAW) ? raw : kafkaesk, "warmup", warmup, o.latencyRate());
            }
            for (int round = 1; round <= o.latencyRounds(); round++) {
                List<String> order = new ArrayList<>(contenders);
                Collections.rotate(order, -(round - 1));
                StringBuilder line = new StringBuilder("latency: round " + round + "/" + o.latencyRounds());
                double[][] figures = new double[contenders.size()][];
                for (String c : order) {
                    double[] f = measure(env, c, c.equals(RAW) ? raw : kafkaesk, "r" + round, total,
                            o.latencyRate());
                    figures[contenders.indexOf(c)] = f;
                    line.append(String.format(Locale.ROOT, "  %s p50 %.2f p99 %.2f max %.2f ms", c, f[0], f[1],
                            f[2]));
                }
                for (int i = 0; i < contenders.size(); i++) {
                    report.add(SECTION, "p50", contenders.get(i), figures[i][0]);
                    report.add(SECTION, "p99", contenders.get(i), figures[i][1]);
                    report.add(SECTION, "max", contenders.get(i), figures[i][2]);
                }
                Main.progress(line.toString());
            }
        }
    }

    /** Returns p50, p99 and max in milliseconds. */
    private static double[] measure(Env env, String contender, Sender sender, String tag, int total, int rate)
            throws Exception {
        Receipts receipts = new Receipts(total);
        String stream = "latency-" + (contender.equals(RAW) ? "raw-" : "kafkaesk-") + tag;
        Runnable stop;
        if (contender.equals(RAW)) {
            env.createTopic(stream);
            stop = startRawConsumer(env, stream, receipts);
        } else {
            Application subscriber = env.app(true);
            subscriber.subscribe(stream, "latency-" + tag, new Recording(receipts));
            subscriber.initialize();
            stop = subscriber::close;
        }
        try {
            long probeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!receipts.probeSeen) {
                if (System.nanoTime() > probeDeadline) {
                    throw new IllegalStateException(contender + ": the consumer saw no probe within 60 s");
                }
                sender.send(stream, BenchEvents.sample(0, PROBE));
                Thread.sleep(50);
            }
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime() + 1_000_000;
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                long now = System.nanoTime();
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                }
                sender.send(stream, BenchEvents.sample(i, due));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (receipts.received.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            stop.run();
        }
        long[] sorted = receipts.nanos.clone();
        Arrays.sort(sorted);
        int lost = 0;
        while (lost < sorted.length && sorted[lost] < 0) {
            lost++;
        }
        if (lost > 0) {
            throw new IllegalStateException(contender + ": " + lost + " of " + total + " messages not received");
        }
        return new double[] {
            sorted[(int) Math.min(total - 1, Math.ceil(total * 0.50) - 1)] / 1e6,
            sorted[(int) Math.min(total - 1, Math.ceil(total * 0.99) - 1)] / 1e6,
            sorted[total - 1] / 1e6};
    }

    private static Runnable startRawConsumer(Env env, String stream, Receipts receipts) {
        JsonMapper mapper = JsonMapper.builder().build();
        KafkaConsumer<byte[], byte[]> consumer = env.rawConsumer("latency-raw-" + stream);
        consumer.subscribe(List.of(env.topic(stream)));
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        receipts.receive(mapper.readValue(r.value(), BenchEvent.class));
                    }
                }
            } catch (InterruptException | WakeupException e) {
                // stopping
            } finally {
                consumer.close();
            }
        }, "raw-latency-consumer");
        thread.start();
        return () -> {
            consumer.wakeup();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** The kafkaesk side: a typed subscriber that records each receipt. */
    private static final class Recording implements TypedHandler<BenchEvent> {
        private final Receipts receipts;

        Recording(Receipts receipts) {
            this.receipts = receipts;
        }

        @Override
        public MessageSchema<BenchEvent> schema() {
            return BenchEvents.SCHEMA;
        }

        @Override
        public void handle(BenchEvent data, MessageContext context) {
            receipts.receive(data);
        }
    }
}
