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
                Timer.builder(KafkaeskMetrics.PUBLISH)
                        .description("Records published, and the time from publish to the broker's acknowledgement")
                        .tag("stream", stream)
                        .tag("error", Observer.errorName(error))
                        .register(registry)
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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
            Timer.builder(KafkaeskMetrics.LEAD_TIME)
                    .description("Time from a record's timestamp to the start of its handling")
                    .tag("stream", stream)
                    .tag("group", group)
                    .register(registry)
                    .record(Math.max(0, System.currentTimeMillis() - record.timestamp()), TimeUnit.MILLISECONDS);
        }
        Throwable failure = null;
        try {
            body.run();
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            Timer.builder(KafkaeskMetrics.HANDLE)
                    .description("Time one handler call took")
                    .tag("stream", stream)
                    .tag("group", group)
                    .tag("error", Observer.errorName(failure))
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void consumed(ConsumerRecord<byte[], byte[]> record, String stream, String group, String error) {
        Counter.builder(KafkaeskMetrics.CONSUMED)
                .description("Records a subscription is done with, by outcome")
                .tag("stream", stream)
                .tag("partition", Integer.toString(record.partition()))
                .tag("group", group)
                .tag("error", error)
                .register(registry)
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
