package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkaesk.Application;
import io.kafkaesk.test.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RebalanceStormTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.builder().brokers(1).start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void everyMessageIsHandledAtLeastOnceWhileInstancesLeaveAndJoin() throws Exception {
        String prefix = Kit.prefix();
        int messages = 10_000;
        int batches = 5;
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        Deque<Application> members = new ArrayDeque<>();
        AtomicInteger started = new AtomicInteger();
        long begin = System.nanoTime();
        try (Application publisher = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(6).build()) {
            publisher.schema(Note.SCHEMA);
            Kit.createTopic(kafka.bootstrapServers(), prefix + "storm", 6);
            Runnable join = () -> {
                Application member = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(6).build();
                member.subscribe("storm", "storm-g", (NoteSubscriber) (note, ctx) -> {
                    handled.computeIfAbsent(ctx.record().partition() + "@" + ctx.record().offset(),
                            k -> new AtomicInteger()).incrementAndGet();
                    calls.incrementAndGet();
                    LockSupport.parkNanos(50_000); // simulated work, so membership changes happen mid-stream
                }).concurrency(2);
                member.initialize();
                members.addLast(member);
                started.incrementAndGet();
            };
            for (int i = 0; i < 3; i++) {
                join.run();
            }
            for (int batch = 0; batch < batches; batch++) {
                for (int i = 0; i < messages / batches; i++) {
                    int n = batch * (messages / batches) + i;
                    publisher.publish("storm", new Note("k" + (n % 97), Integer.toString(n)));
                }
                int target = (batch * messages / batches) + messages / batches / 3;
                await(Duration.ofSeconds(60), () -> "handled " + handled.size(), () -> handled.size() >= target);
                // One instance leaves and another joins while the batch is still being consumed.
                members.removeFirst().close();
                join.run();
            }
            publisher.flush();
            await(Duration.ofSeconds(60), () -> "handled " + handled.size() + " of " + messages,
                    () -> handled.size() >= messages);
        } finally {
            members.forEach(Application::close);
        }
        long duplicates = calls.get() - handled.size();
        System.out.printf("rebalance storm: %d messages, %d instances started, %d handler calls, %d duplicates,"
                + " %d ms%n", messages, started.get(), calls.get(), duplicates,
                (System.nanoTime() - begin) / 1_000_000);
        assertEquals(messages, handled.size(), "every partition-offset handled at least once");
    }
}
