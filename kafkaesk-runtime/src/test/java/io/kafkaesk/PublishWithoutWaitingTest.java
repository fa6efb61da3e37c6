package io.kafkaesk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.ApplicationHealth.Status;
import io.kafkaesk.TestSchemas.Content;
import io.kafkaesk.test.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A publish never makes its caller wait for a topic to be created, and the first publish does not start the
 * subscriptions. The topic wait is held by occupying the application's own admin client thread, which every step
 * of a topic's creation needs: while it is held, no topic can be created, so a publish that waited would not
 * return (and a publish that returned cannot be done).
 */
class PublishWithoutWaitingTest {
    private static EmbeddedKafka kafka;

    private String prefix;
    private Application app;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.builder().brokers(1).start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void newApplication() {
        prefix = "w" + UUID.randomUUID().toString().substring(0, 8) + ".";
        app = Application.builder().kafkaServers(kafka.bootstrapServers()).topicPrefix(prefix).build();
        app.schema(TestSchemas.content());
    }

    @AfterEach
    void closeApplication() {
        app.close();
    }

    @Test
    void publishToATopicThatDoesNotExistYetReturnsAtOnceAndTheRecordsArriveInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        holdAdminThread(app.kafkaClients().admin(), release);
        List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                sent.add(app.publish("fresh", new Content(Integer.toString(i), "one-key")));
            }
            for (CompletableFuture<RecordMetadata> future : sent) {
                assertFalse(future.isDone(), "the topic cannot exist yet: the thread that creates it is held");
            }
        } finally {
            release.countDown();
        }
        CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka.bootstrapServers(), prefix + "fresh",
                50);
        assertEquals(50, records.size());
        for (int i = 0; i < 50; i++) {
            String value = new String(records.get(i).value(), UTF_8);
            assertTrue(value.contains("\"foo\":\"" + i + "\""), i + ": " + value);
        }
    }

    @Test
    void aPublishBeyondBufferMemoryWaitsForRoomAndThenGoesOut() throws Exception {
        useApplication(Map.of("buffer.memory", 1024 * 1024));
        String big = "x".repeat(100 * 1024);
        CountDownLatch release = new CountDownLatch(1);
        holdAdminThread(app.kafkaClients().admin(), release);
        List<CompletableFuture<RecordMetadata>> queued = new ArrayList<>();
        CompletableFuture<CompletableFuture<RecordMetadata>> overflow;
        try {
            for (int i = 0; i < 10; i++) {
                queued.add(app.publish("big", new Content(big, Integer.toString(i))));
            }
            // The eleventh does not fit in buffer.memory beside the ten waiting for their topic: it waits for room.
            overflow = CompletableFuture.supplyAsync(() -> app.publish("big", new Content(big, "10")));
            assertFalse(overflow.isDone() && overflow.join().isDone(),
                    "no room and no topic yet: the eleventh can neither be queued nor sent");
            assertTrue(queued.stream().noneMatch(CompletableFuture::isDone), "the others wait for their topic");
        } finally {
            release.countDown();
        }
        queued.add(overflow.get(120, TimeUnit.SECONDS));
        CompletableFuture.allOf(queued.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka.bootstrapServers(), prefix + "big", 11);
        assertEquals(11, records.size());
        assertTrue(records.stream().anyMatch(r -> new String(r.value(), UTF_8).contains("\"id\":\"10\"")),
                "the eleventh arrived");
    }

    @Test
    void aPublishThatFindsNoRoomWithinMaxBlockMsFailsNamingBufferMemory() throws Exception {
        useApplication(Map.of("buffer.memory", 1024 * 1024, "max.block.ms", 100));
        String big = "x".repeat(100 * 1024);
        CountDownLatch release = new CountDownLatch(1);
        holdAdminThread(app.kafkaClients().admin(), release);
        List<CompletableFuture<RecordMetadata>> queued = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                queued.add(app.publish("big", new Content(big, Integer.toString(i))));
            }
            CompletableFuture<RecordMetadata> overflow = app.publish("big", new Content(big, "10"));
            ExecutionException e = assertThrows(ExecutionException.class, overflow::get);
            assertTrue(e.getCause().getMessage().contains("buffer.memory is 1048576 bytes"), e.getCause().getMessage());
            assertTrue(e.getCause().getMessage().contains("max.block.ms, 100 ms"), e.getCause().getMessage());
            assertTrue(queued.stream().noneMatch(CompletableFuture::isDone), "the others wait for their topic");
        } finally {
            release.countDown(); // the ten are not followed further: their producer may wait only 100 ms
        }
    }

    private void useApplication(Map<String, Object> kafkaSettings) {
        app.close();
        app = Application.builder().kafkaServers(kafka.bootstrapServers()).topicPrefix(prefix)
                .kafkaSettings(kafkaSettings).build();
        app.schema(TestSchemas.content());
    }

    @Test
    void theFirstPublishConnectsButDoesNotStartSubscriptionsOrHooks() {
        AtomicBoolean started = new AtomicBoolean();
        app.onStart(() -> started.set(true));
        app.subscribeBytes("elsewhere", "not-yet", (value, context) -> { });
        app.publishAndWait("first", new Content("x", "k"));
        ApplicationHealth health = app.health();
        assertEquals(Status.UP, health.parts().get(0).status(), health.toString());
        assertEquals(Status.STARTING, health.parts().get(1).status(), health.toString());
        assertFalse(started.get(), "onStart hooks run only in initialize()");

        app.initialize();
        assertTrue(started.get());
        assertEquals(Status.UP, app.health().parts().get(1).status(), app.health().toString());
    }

    /**
     * Occupies the admin client's network thread until {@code release} is counted down; returns once it is held.
     * A callback on a Kafka future runs on that thread, unless the future is already done, in which case it runs
     * on the caller's thread at once: then it does not block, and another request is tried.
     */
    private static void holdAdminThread(Admin admin, CountDownLatch release) throws InterruptedException {
        Thread caller = Thread.currentThread();
        while (true) {
            CountDownLatch held = new CountDownLatch(1);
            AtomicBoolean onAdminThread = new AtomicBoolean();
            admin.describeCluster().clusterId().whenComplete((id, error) -> {
                if (Thread.currentThread() == caller) {
                    held.countDown();
                    return;
                }
                onAdminThread.set(true);
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            held.await();
            if (onAdminThread.get()) {
                return;
            }
        }
    }
}
