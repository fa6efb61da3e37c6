package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** Client identities: static group membership, unique client ids, and where publish futures complete. */
class MembershipTest extends BrokerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A restarted member without static membership waits for this before its partitions come back. */
    private static final int SESSION_MS = 30_000;

    private Application app(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Kit.fastSettings());
        settings.putAll(extra);
        Application app = Kit.app(kafka.bootstrapServers(), prefix).kafkaSettings(settings).build();
        app.schema(Note.SCHEMA);
        apps.add(app);
        return app;
    }

    @Test
    void aRestartedStaticMemberGetsItsPartitionsBackAtOnceWithoutWaitingForItsSession() {
        Map<String, Object> session = Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_MS);
        Application first = app(session).instanceId("worker-1");
        List<String> handled = new CopyOnWriteArrayList<>();
        first.subscribe("static", "g-static", (NoteSubscriber) (note, ctx) -> handled.add(note.id()));
        first.initialize();
        first.publishAndWait("static", new Note("before", "x"));
        await(WAIT, () -> "handled " + handled, () -> handled.contains("before"));
        // A static member does not leave its group on close: to the group this is a crash it waits out, for up
        // to the session timeout, for the same instance to come back.
        first.close();

        Application second = app(session).instanceId("worker-1");
        second.subscribe("static", "g-static", (NoteSubscriber) (note, ctx) -> handled.add(note.id()));
        long start = System.nanoTime();
        second.initialize();
        second.publishAndWait("static", new Note("after", "x"));
        await(WAIT, () -> "handled " + handled, () -> handled.contains("after"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("static member resumed its partitions " + millis + " ms after its restart (session "
                + SESSION_MS + " ms)");
        assertTrue(millis < SESSION_MS / 2, "resumed after " + millis + " ms, as if the session had to expire");
        assertEquals(List.of("before", "after"), handled);
    }

    @Test
    void aUserClientIdIsMadeUniquePerConsumerAndInstanceIdsPerSubscriptionOfAGroup() throws Exception {
        Application app = app(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "shop")).instanceId("w1");
        app.subscribe("ids-a", "g-ids", (NoteSubscriber) (note, ctx) -> { });
        app.subscribe("ids-b", "g-ids", (NoteSubscriber) (note, ctx) -> { });
        app.initialize();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Set<String> clientIds = new TreeSet<>();
            Set<String> instanceIds = new TreeSet<>();
            await(WAIT, () -> "two members, client ids " + clientIds, () -> {
                clientIds.clear();
                instanceIds.clear();
                try {
                    for (MemberDescription m : admin.describeConsumerGroups(List.of("g-ids")).describedGroups()
                            .get("g-ids").get(10, TimeUnit.SECONDS).members()) {
                        clientIds.add(m.clientId());
                        m.groupInstanceId().ifPresent(instanceIds::add);
                    }
                } catch (Exception e) {
                    return false;
                }
                return clientIds.size() == 2;
            });
            assertTrue(clientIds.stream().allMatch(id -> id.startsWith("shop-")), clientIds.toString());
            assertEquals(Set.of("w1", "w1-2"), instanceIds);
        }
    }

    @Test
    void publishFuturesNeverCompleteOnTheProducersIoThread() {
        Application app = app(Map.of());
        List<String> threads = new CopyOnWriteArrayList<>();
        app.initialize();
        app.publish("completions", new Note("n1", "x"))
                .thenCompose(m -> {
                    threads.add(Thread.currentThread().getName());
                    // A stream not created yet: its topic wait must not block the producer's I/O thread.
                    return app.publish("completions-created-later", new Note("n2", "x"));
                })
                .thenAccept(m -> threads.add(Thread.currentThread().getName()))
                .join();
        assertEquals(2, threads.size());
        assertFalse(threads.stream().anyMatch(t -> t.startsWith("kafka-producer-network-thread")), threads.toString());
    }
}
