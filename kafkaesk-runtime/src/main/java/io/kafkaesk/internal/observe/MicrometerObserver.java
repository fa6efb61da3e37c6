package io.kafkaesk.internal.observe;

import io.kafkaesk.metrics.KafkaeskMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/** Records kafkaesk's meters in a Micrometer registry; the names and tags are documented on {@link KafkaeskMetrics}. */
public final class MicrometerObserver implements Observer {
    private final MeterRegistry registry;
    private final Map<String, List<BooleanSupplier>> consumersByGroup = new ConcurrentHashMap<>();
    private final List<BooleanSupplier> producers = new CopyOnWriteArrayList<>();
    // Meters of the per-record paths, looked up once per tag combination rather than built on every record.
    private final Map<Tags2, Timer> publishTimers = new ConcurrentHashMap<>();
    private final Map<Tags4, Counter> consumedCounters = new ConcurrentHashMap<>();
    private final Map<Tags3, Timer> handleTimers = new ConcurrentHashMap<>();
    private final Map<Tags2, Timer> leadTimers = new ConcurrentHashMap<>();

    private record Tags2(String a, String b) {}

    private record Tags3(String a, String b, String c) {}

    private record Tags4(String a, String b, String c, String d) {}

    /** Records into {@code registry}. */
    public MicrometerObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Publishing publishing(String stream, String topic, Iterable<Header> headers) {
        long start = System.nanoTime();
        return new Publishing() {
            @Override
            public Iterable<Header> headers() {
                return headers;
            }

            @Override
            public void completed(@Nullable RecordMetadata metadata, @Nullable Throwable error) {
                long elapsed = System.nanoTime() - start;
                publishTimers.computeIfAbsent(new Tags2(stream, Observer.errorName(error)), k ->
                        Timer.builder(KafkaeskMetrics.PUBLISH)
                                .description("Records published, and the time from publish to the broker's "
                                        + "acknowledgement")
                                .tag("stream", k.a())
                                .tag("error", k.b())
                                .register(registry))
                        .record(elapsed, TimeUnit.NANOSECONDS);
            }
        };
    }

    @Override
    public void polled(String group, int records) {
        DistributionSummary.builder(KafkaeskMetrics.BATCH_SIZE)
                .description("Records returned by one poll of a consumer")
                .baseUnit("records")
                .tag("group", group)
                .register(registry)
                .record(records);
    }

    @Override
    public void rebalanced(String group, String event, int partitions) {
        Counter.builder(KafkaeskMetrics.REBALANCES)
                .description("Partition assignment changes of a consumer")
                .tag("group", group)
                .tag("event", event)
                .register(registry)
                .increment();
    }

    @Override
    public void producerConnected(BooleanSupplier canSend) {
        synchronized (producers) {
            if (producers.isEmpty()) {
                Gauge.builder(KafkaeskMetrics.PRODUCER_HEALTH, producers, MicrometerObserver::health)
                        .description("1 while every connected producer can send, else 0")
                        .strongReference(true)
                        .register(registry);
            }
            producers.add(canSend);
        }
    }

    @Override
    public void consumerStarted(String group, String consumer, BooleanSupplier running) {
        List<BooleanSupplier> consumers = consumersByGroup.computeIfAbsent(group, g -> {
            List<BooleanSupplier> list = new CopyOnWriteArrayList<>();
            Gauge.builder(KafkaeskMetrics.HEALTH, list, MicrometerObserver::health)
                    .description("1 while every consumer of the group runs, else 0")
                    .tag("group", g)
                    .strongReference(true)
                    .register(registry);
            return list;
        });
        consumers.add(running);
    }

    private static double health(List<BooleanSupplier> consumers) {
        if (consumers.isEmpty()) {
            return 0;
        }
        for (BooleanSupplier running : consumers) {
            if (!running.getAsBoolean()) {
                return 0;
            }
        }
        return 1;
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record, String stream, String group, int attempt,
            Invocation body) throws Exception {
        long start = System.nanoTime();
        if (attempt == 1 && record.timestamp() >= 0) {
            leadTimers.computeIfAbsent(new Tags2(stream, group), k -> Timer.builder(KafkaeskMetrics.LEAD_TIME)
                            .description("Time from a record's timestamp to the start of its handling")
                            .tag("stream", k.a())
                            .tag("group", k.b())
                            .register(registry))
                    .record(Math.max(0, System.currentTimeMillis() - record.timestamp()), TimeUnit.MILLISECONDS);
        }
        Throwable failure = null;
        try {
            body.run();
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            long elapsed = System.nanoTime() - start;
            handleTimers.computeIfAbsent(new Tags3(stream, group, Observer.errorName(failure)), k ->
                            Timer.builder(KafkaeskMetrics.HANDLE)
                                    .description("Time one handler call took")
                                    .tag("stream", k.a())
                                    .tag("group", k.b())
                                    .tag("error", k.c())
                                    .register(registry))
                    .record(elapsed, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void consumed(ConsumerRecord<byte[], byte[]> record, String stream, String group, String error) {
        consumedCounters.computeIfAbsent(new Tags4(stream, Integer.toString(record.partition()), group, error), k ->
                        Counter.builder(KafkaeskMetrics.CONSUMED)
                                .description("Records a subscription is done with, by outcome")
                                .tag("stream", k.a())
                                .tag("partition", k.b())
                                .tag("group", k.c())
                                .tag("error", k.d())
                                .register(registry))
                .increment();
    }

    @Override
    public void retried(ConsumerRecord<byte[], byte[]> record, String stream, String group) {
        Counter.builder(KafkaeskMetrics.RETRIED)
                .description("Handler attempts repeated after a failure")
                .tag("stream", stream)
                .tag("group", group)
                .register(registry)
                .increment();
    }

    @Override
    public void deadLettered(ConsumerRecord<byte[], byte[]> record, String stream, String group, String error) {
        Counter.builder(KafkaeskMetrics.DEAD_LETTERED)
                .description("Records written to a dead-letter topic")
                .tag("stream", stream)
                .tag("group", group)
                .tag("error", error)
                .register(registry)
                .increment();
    }
}
