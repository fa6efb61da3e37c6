package io.kafkaesk.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.UnhandledMessage;
import io.kafkaesk.metrics.KafkaeskMetrics;
import io.kafkaesk.test.BootstrapServers;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@KafkaeskTest
class MetricsTest {
    private static final String GROUP = "metrics-group";

    @Test
    void metersCountPublishesOutcomesRetriesDeadLettersAndTimes(@BootstrapServers String servers,
            TopicPrefix prefix) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Application app = Application.builder()
                .kafkaServers(servers)
                .topicPrefix(prefix.value())
                .defaultPartitions(1)
                .autoCommitIntervalMs(100)
                .observability(KafkaeskMetrics.micrometer(registry))
                .build();
        try (app) {
            app.subscribe("events", GROUP, (EventSubscriber) (event, ctx) -> {
                int attempt = attempts.computeIfAbsent(event.id(), k -> new AtomicInteger()).incrementAndGet();
                switch (event.id()) {
                    case "flaky" -> {
                        if (attempt == 1) {
                            throw new IllegalStateException("first attempt fails");
                        }
                    }
                    case "skip" -> throw new UnhandledMessage("not for us");
                    case "bad" -> throw new IllegalArgumentException("always fails");
                    default -> { }
                }
            }).retry(RetryPolicy.attempts(2).fixedBackoff(Duration.ofMillis(10)));
            app.initialize();
            for (String id : new String[] {"ok", "flaky", "skip", "bad"}) {
                app.publishAndWait("events", new Event(id));
            }
            await(() -> total(registry, KafkaeskMetrics.CONSUMED) >= 4, "4 records consumed");

            Timer published = registry.get(KafkaeskMetrics.PUBLISH).tags("stream", "events", "error", "none").timer();
            assertEquals(4, published.count());
            assertTrue(published.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);

            assertEquals(2, consumed(registry, "none"));
            assertEquals(1, consumed(registry, "UnhandledMessage"));
            assertEquals(1, consumed(registry, "IllegalArgumentException"));
            assertEquals(2, registry.get(KafkaeskMetrics.RETRIED).tags("stream", "events", "group", GROUP)
                    .counter().count());
            assertEquals(1, registry.get(KafkaeskMetrics.DEAD_LETTERED)
                    .tags("stream", "events", "group", GROUP, "error", "IllegalArgumentException")
                    .counter().count());

            // One handler call per attempt: ok 1, flaky 2, skip 1, bad 2.
            assertEquals(2, handled(registry, "none"));
            assertEquals(3, handled(registry, "IllegalStateException") + handled(registry, "IllegalArgumentException"));
            assertEquals(1, handled(registry, "UnhandledMessage"));
            assertEquals(4, registry.get(KafkaeskMetrics.LEAD_TIME).tags("stream", "events", "group", GROUP)
                    .timer().count());
            assertEquals(4, registry.get(KafkaeskMetrics.BATCH_SIZE).tag("group", GROUP).summary().totalAmount());
            assertTrue(registry.get(KafkaeskMetrics.REBALANCES).tags("group", GROUP, "event", "assigned")
                    .counter().count() >= 1);
            assertEquals(1.0, registry.get(KafkaeskMetrics.HEALTH).tag("group", GROUP).gauge().value());
            assertEquals(1.0, registry.get(KafkaeskMetrics.PRODUCER_HEALTH).gauge().value());
        }
        assertEquals(0.0, registry.get(KafkaeskMetrics.HEALTH).tag("group", GROUP).gauge().value(),
                "a closed application's consumers no longer run");
        assertEquals(0.0, registry.get(KafkaeskMetrics.PRODUCER_HEALTH).gauge().value(),
                "a closed application's producer cannot send");
    }

    private static double consumed(MeterRegistry registry, String error) {
        Counter c = registry.get(KafkaeskMetrics.CONSUMED)
                .tags("stream", "events", "partition", "0", "group", GROUP, "error", error).counter();
        return c.count();
    }

    private static long handled(MeterRegistry registry, String error) {
        Timer t = Search.in(registry).name(KafkaeskMetrics.HANDLE)
                .tags("stream", "events", "group", GROUP, "error", error).timer();
        return t == null ? 0 : t.count();
    }

    private static double total(MeterRegistry registry, String name) {
        return Search.in(registry).name(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
