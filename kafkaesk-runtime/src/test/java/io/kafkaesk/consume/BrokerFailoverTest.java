package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkaesk.Application;
import io.kafkaesk.test.EmbeddedKafka;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BrokerFailoverTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().brokers(3).start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void aSubscriptionHandlesEveryMessageWhileABrokerStopsAndComesBack() throws Exception {
        String prefix = Kit.prefix();
        int messages = 3000;
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        long begin = System.nanoTime();
        try (Application publisher = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(6).build();
                Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(6).build()) {
            publisher.schema(Note.SCHEMA);
            app.subscribe("failover", "failover-g", (NoteSubscriber) (note, ctx) -> {
                handled.computeIfAbsent(ctx.record().partition() + "@" + ctx.record().offset(),
                        k -> new AtomicInteger()).incrementAndGet();
                calls.incrementAndGet();
            }).concurrency(3);
            app.initialize(); // creates the topic, replicated on all three brokers
            int broker = kafka.brokerIds().first();
            for (int batch = 0; batch < 3; batch++) {
                for (int i = 0; i < messages / 3; i++) {
                    int n = batch * (messages / 3) + i;
                    publisher.publish("failover", new Note("k" + (n % 31), Integer.toString(n)));
                }
                publisher.flush();
                if (batch == 0) {
                    await(Duration.ofSeconds(60), () -> "handled " + handled.size(), () -> handled.size() >= 500);
                    kafka.stopBroker(broker);
                } else if (batch == 1) {
                    kafka.startBroker(broker);
                }
            }
            await(Duration.ofSeconds(90), () -> "handled " + handled.size() + " of " + messages,
                    () -> handled.size() >= messages);
            app.healthCheck();
        } finally {
            kafka.brokerIds().forEach(kafka::startBroker);
        }
        System.out.printf("broker failover: %d messages, %d handler calls, %d duplicates, %d ms%n", messages,
                calls.get(), calls.get() - handled.size(), (System.nanoTime() - begin) / 1_000_000);
        assertEquals(messages, handled.size());
    }
}
