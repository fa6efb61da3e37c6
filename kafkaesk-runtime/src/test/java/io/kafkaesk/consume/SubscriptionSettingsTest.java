package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.MessageContext;
import io.kafkaesk.Subscription;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

/** Consumer settings of one subscription: merged over the application's, for its consumer only. */
class SubscriptionSettingsTest extends BrokerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Application app() {
        Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(1).build();
        app.schema(Note.SCHEMA);
        apps.add(app);
        return app;
    }

    @Test
    void twoSubscriptionsOfOneApplicationStartWhereTheirOwnAutoOffsetResetSays() {
        Application producer = app();
        producer.publish("events", new Note("old", "before both groups existed")).join();

        Application app = app();
        List<String> fromStart = new CopyOnWriteArrayList<>();
        List<String> fromNow = new CopyOnWriteArrayList<>();
        Subscription earliest = app.subscribe("events", prefix + "from-start",
                (NoteSubscriber) (note, ctx) -> fromStart.add(note.id()))
                .autoOffsetReset(Subscription.OffsetReset.EARLIEST);
        Subscription latest = app.subscribe("events", prefix + "from-now",
                (NoteSubscriber) (note, ctx) -> fromNow.add(note.id()))
                .autoOffsetReset(Subscription.OffsetReset.LATEST)
                .maxPollRecords(10);
        assertEquals(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10), latest.kafkaSettings());
        app.initialize();

        await(WAIT, () -> "from the start " + fromStart, () -> fromStart.contains("old"));
        // The latest group starts at the end once it has its partition: publish until it sees a new record.
        int[] sent = {0};
        await(WAIT, () -> "from now " + fromNow, () -> {
            if (fromNow.isEmpty()) {
                producer.publish("events", new Note("new-" + sent[0]++, "after")).join();
            }
            return !fromNow.isEmpty();
        });
        assertFalse(fromNow.contains("old"), "the latest group saw a record older than itself: " + fromNow);
        assertTrue(fromNow.get(0).startsWith("new-"), fromNow.toString());
        assertEquals("old", fromStart.get(0));
        assertEquals(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), earliest.kafkaSettings());
    }

    @Test
    void keysKafkaeskOwnsAndProducerSettingsAreRefusedNamingTheKey() {
        Application app = app();
        Subscription s = app.subscribe("refused", prefix + "g", (NoteSubscriber) (note, ctx) -> { });
        for (String key : List.of("group.id", "bootstrap.servers", "enable.auto.commit", "key.deserializer",
                "value.deserializer", "acks", "linger.ms")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.kafkaSettings(Map.of(key, "x")), key);
            assertTrue(e.getMessage().contains("'" + key + "'") && e.getMessage().contains("group " + prefix + "g"),
                    e.getMessage());
        }
        KafkaeskException invalid = assertThrows(KafkaeskException.class,
                () -> s.kafkaSettings(Map.of("fetch.min.bytes", "lots")));
        assertTrue(invalid.getMessage().contains("fetch.min.bytes"), invalid.getMessage());
        assertEquals(Map.of(), s.kafkaSettings(), "a refused call changes nothing");
        s.kafkaSettings(Map.of("fetch.min.bytes", 1)).kafkaSettings(Map.of("client.rack", "a"));
        assertEquals(Map.of("fetch.min.bytes", 1, "client.rack", "a"), s.kafkaSettings());
        assertThrows(IllegalArgumentException.class, () -> s.maxPollRecords(0));
        assertThrows(IllegalStateException.class, () -> s.maxBatchSize(10), "not a batch handler");
    }

    @Test
    void aSubscriptionsOwnInstanceIdTakesPrecedenceOverTheApplications() throws Exception {
        Application app = app().instanceId("app-id");
        String group = prefix + "static";
        app.subscribe("static-a", group, (NoteSubscriber) (note, ctx) -> { }).groupInstanceId("pod-7");
        app.subscribe("static-b", group, (NoteSubscriber) (note, ctx) -> { });
        app.initialize();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Set<String> ids = new TreeSet<>();
            await(WAIT, () -> "two static members, ids " + ids, () -> {
                ids.clear();
                try {
                    for (MemberDescription m : admin.describeConsumerGroups(List.of(group)).describedGroups()
                            .get(group).get(10, TimeUnit.SECONDS).members()) {
                        m.groupInstanceId().ifPresent(ids::add);
                    }
                } catch (Exception e) {
                    return false;
                }
                return ids.size() == 2;
            });
            assertEquals(Set.of("pod-7", "app-id"), ids);
        }
    }

    /** A named handler: its class name is the group when none is given. */
    static final class Archiver implements NoteSubscriber {
        @Override
        public void onNote(Note data, MessageContext context) {
        }
    }

    @Test
    void theGroupOfEachSubscriptionIsLoggedAtStartOnOneLine() {
        Application app = app();
        app.subscribe("logged-a", prefix + "explicit", (NoteSubscriber) (note, ctx) -> { }).groupInstanceId("pod-3");
        app.subscribe("logged-*", new Archiver());
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // slf4j-simple looks System.err up on every line, so the logs of this block land in `captured`.
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            app.initialize();
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        original.print(logs);
        List<String> lines = logs.lines().filter(l -> l.contains("INFO") && l.contains("Subscription started"))
                .toList();
        assertEquals(2, lines.size(), logs);
        assertTrue(lines.get(0).contains("group " + prefix + "explicit, topics [" + prefix + "logged-a], instance id "
                + "pod-3, typed handler of Note:1"), lines.get(0));
        assertTrue(lines.get(1).contains("group " + Archiver.class.getName() + " (the handler's class name: renaming "
                + "the class starts a new group; name the group in subscribe), pattern " + prefix + "logged-*, "),
                lines.get(1));
        assertFalse(lines.get(1).contains("instance id"), lines.get(1));
    }
}
