package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static io.kafkaesk.consume.Kit.string;
import static io.kafkaesk.consume.Kit.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageHandler;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.Subscription;
import io.kafkaesk.SubscriptionStats;
import io.kafkaesk.TypedHandler;
import io.kafkaesk.VersionedHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Schema versions on the consume side: a typed handler takes exactly its key; {@code versions(...)} takes several. */
class VersionsTest extends BrokerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Application app() {
        Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(1).build();
        app.schema(Note.SCHEMA).schema(NoteV2.SCHEMA);
        apps.add(app);
        return app;
    }

    /** The {@code kafkaesk.error.*} headers of a dead letter, without the prefix. */
    private static Map<String, String> errorHeaders(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> out = new HashMap<>();
        for (Header h : record.headers()) {
            if (h.key().startsWith("kafkaesk.error.")) {
                out.put(h.key().substring("kafkaesk.error.".length()), string(h.value()));
            }
        }
        return out;
    }

    private List<Map<String, String>> deadLetters(String stream, int count) {
        return Kit.read(kafka.bootstrapServers(), prefix + stream, count, WAIT).stream()
                .map(VersionsTest::errorHeaders)
                .toList();
    }

    private static byte[] envelope(String key, String data) {
        return utf8("{\"schema\":\"" + key + "\",\"data\":" + data + "}");
    }

    @Test
    void aRecordOfAnotherVersionIsDeadLetteredAtOnceNamingBothKeysAndLaterRecordsAreHandled() {
        Application app = app();
        List<String> v2Handled = new CopyOnWriteArrayList<>();
        List<String> v1Handled = new CopyOnWriteArrayList<>();
        Subscription onlyV2 = app.subscribe("notes", prefix + "billing",
                (NoteV2Subscriber) (note, ctx) -> v2Handled.add(note.id() + " by " + note.author()))
                .deadLetterStream("billing.dlq");
        Subscription onlyV1 = app.subscribe("notes", prefix + "legacy",
                (NoteSubscriber) (note, ctx) -> v1Handled.add(note.id()))
                .deadLetterStream("legacy.dlq").onNewerVersion(Subscription.NewerVersion.DEAD_LETTER);
        app.initialize();

        app.publishAndWait("notes", new NoteV2("a", "first", "ann"));
        app.publishAndWait("notes", new Note("old", "second"));
        app.publishAndWait("notes", new NoteV2("b", "third", "bob"));

        await(WAIT, () -> "v2 handled " + v2Handled + ", v1 handled " + v1Handled,
                () -> v2Handled.contains("b by bob") && v1Handled.contains("old"));
        assertEquals(List.of("a by ann", "b by bob"), v2Handled);
        assertEquals(List.of("old"), v1Handled);

        Map<String, String> v1ToV2 = deadLetters("billing.dlq", 1).get(0);
        assertEquals("1", v1ToV2.get("offset"));
        assertEquals("0", v1ToV2.get("attempts"), "a record of another version is not retried");
        assertEquals("Record has Note:1 but this subscription of group " + prefix + "billing handles only Note:2: "
                + "subscribe a handler for each version with MessageHandler.versions(...) (or an EnvelopeHandler)",
                v1ToV2.get("message"));
        List<Map<String, String>> v2ToV1 = deadLetters("legacy.dlq", 2);
        assertEquals(List.of("0", "2"), v2ToV1.stream().map(h -> h.get("offset")).toList());
        assertEquals("Record has Note:2 but this subscription of group " + prefix + "legacy handles only Note:1: "
                + "subscribe a handler for each version with MessageHandler.versions(...) (or an EnvelopeHandler)",
                v2ToV1.get(0).get("message"));
        await(WAIT, () -> "stats " + onlyV2.stats() + ", " + onlyV1.stats(),
                () -> onlyV2.stats().equals(new SubscriptionStats(2, 0, 1, 0))
                        && onlyV1.stats().equals(new SubscriptionStats(1, 0, 2, 0)));
    }

    @Test
    void aVersionsSubscriptionGivesEachRecordToItsVersionsHandlerBoundToItsClassInPartitionOrder()
            throws Exception {
        Kit.createTopic(kafka.bootstrapServers(), prefix + "notes", 3);
        Application app = app();
        Map<String, List<String>> byNote = new ConcurrentHashMap<>();
        // Handlers in any order; each appends "<schema key> <class> <sequence number>" to the note's history.
        Subscription s = app.subscribe("notes", prefix + "billing", MessageHandler.versions(
                (NoteV2Subscriber) (note, ctx) -> byNote.computeIfAbsent(note.id(), id -> new CopyOnWriteArrayList<>())
                        .add(ctx.schemaKey() + " NoteV2 " + note.text() + " " + note.author()),
                (NoteSubscriber) (note, ctx) -> byNote.computeIfAbsent(note.id(), id -> new CopyOnWriteArrayList<>())
                        .add(ctx.schemaKey() + " Note " + note.text())))
                .concurrency(3);
        app.initialize();

        int count = 120;
        Map<String, List<String>> expected = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String id = "n" + (i % 12);
            // Both versions key records by id, so one note's versions interleave on one partition.
            if (i % 3 == 0) {
                app.publish("notes", new Note(id, Integer.toString(i)));
                expected.computeIfAbsent(id, k -> new ArrayList<>()).add("Note:1 Note " + i);
            } else {
                app.publish("notes", new NoteV2(id, Integer.toString(i), "a" + i));
                expected.computeIfAbsent(id, k -> new ArrayList<>()).add("Note:2 NoteV2 " + i + " a" + i);
            }
        }
        app.flush();

        await(WAIT, () -> "stats " + s.stats(), () -> s.stats().handled() == count);
        assertEquals(expected, byNote);
        assertEquals(new SubscriptionStats(count, 0, 0, 0), s.stats());
        assertEquals("Subscription[streams notes, group " + prefix + "billing, typed handlers of Note:1, Note:2]",
                s.toString());
    }

    @Test
    void validateChecksEachRecordAgainstItsOwnVersionAndUnhandledKeysAreDeadLetteredWithWhatToDo() {
        Application app = app();
        List<String> handled = new CopyOnWriteArrayList<>();
        app.subscribe("notes", prefix + "billing", MessageHandler.versions(
                (NoteSubscriber) (note, ctx) -> handled.add("v1 " + note.id()),
                (NoteV2Subscriber) (note, ctx) -> handled.add("v2 " + note.id() + " by " + note.author())))
                .validate(true).onNewerVersion(Subscription.NewerVersion.DEAD_LETTER);
        app.initialize();

        // Valid as version 1, which has no author; version 2 would refuse it.
        app.rawPublish("notes", envelope("Note:1", "{\"id\":\"old\",\"text\":\"t\"}"), null, List.of()).join();
        app.rawPublish("notes", envelope("Note:2", "{\"id\":\"anonymous\",\"text\":\"t\"}"), null, List.of())
                .join();
        app.rawPublish("notes", envelope("Note:3", "{\"id\":\"future\",\"text\":\"t\"}"), null, List.of()).join();
        app.rawPublish("notes", envelope("Memo:1", "{\"id\":\"memo\",\"text\":\"t\"}"), null, List.of()).join();
        app.rawPublish("notes", envelope("Note:2", "{\"id\":\"new\",\"text\":\"t\",\"author\":\"ann\"}"), null,
                List.of()).join();

        await(WAIT, () -> "handled " + handled, () -> handled.contains("v2 new by ann"));
        assertEquals(List.of("v1 old", "v2 new by ann"), handled);
        List<Map<String, String>> dead = deadLetters("kafkaesk.dead-letter", 3);
        assertEquals("io.kafkaesk.SchemaValidationException", dead.get(0).get("class"));
        assertTrue(dead.get(0).get("message").startsWith("Data for schema Note:2 does not match"),
                dead.get(0).get("message"));
        assertTrue(dead.get(0).get("message").contains("author"), dead.get(0).get("message"));
        assertEquals("Record has Note:3 but this subscription of group " + prefix + "billing handles only Note:1, "
                + "Note:2: add a handler for Note:3 to its MessageHandler.versions(...)", dead.get(1).get("message"));
        assertEquals("Record has Memo:1 but this subscription of group " + prefix + "billing handles only Note:1, "
                + "Note:2: records of schema id Memo need a subscription of their own (or an EnvelopeHandler, "
                + "which takes any schema)", dead.get(2).get("message"));
        for (Map<String, String> h : dead) {
            assertEquals("0", h.get("attempts"));
        }
    }

    @Test
    void aVersionsSubscriptionInTheGroupOfASingleVersionOneCarriesOnFromItsCommittedOffsets() throws Exception {
        Application before = app();
        List<String> handledBefore = new CopyOnWriteArrayList<>();
        before.subscribe("notes", prefix + "billing", (NoteSubscriber) (note, ctx) -> handledBefore.add(note.id()));
        before.initialize();
        before.publishAndWait("notes", new Note("a", "t"));
        before.publishAndWait("notes", new Note("b", "t"));
        await(WAIT, () -> "handled " + handledBefore, () -> handledBefore.size() == 2);
        before.close();
        assertEquals(2, Kit.committedTotal(kafka.bootstrapServers(), prefix + "billing"), "offsets committed on close");

        Application after = app();
        List<String> handledAfter = new CopyOnWriteArrayList<>();
        after.subscribe("notes", prefix + "billing", MessageHandler.versions(
                (NoteSubscriber) (note, ctx) -> handledAfter.add("v1 " + note.id()),
                (NoteV2Subscriber) (note, ctx) -> handledAfter.add("v2 " + note.id())));
        after.initialize();
        after.publishAndWait("notes", new Note("c", "t"));
        after.publishAndWait("notes", new NoteV2("d", "t", "ann"));

        await(WAIT, () -> "handled " + handledAfter, () -> handledAfter.contains("v2 d"));
        assertEquals(List.of("v1 c", "v2 d"), handledAfter);
    }

    @Test
    void versionsRefusesNoHandlersHandlersOfTwoIdsTwoHandlersOfOneVersionAndNulls() {
        NoteSubscriber v1 = (note, ctx) -> { };
        NoteV2Subscriber v2 = (note, ctx) -> { };
        NoteSubscriber anotherV1 = (note, ctx) -> { };
        TypedHandler<Note> memo = handler(MessageSchema.builder("Memo", Note.class).schemaJson("{}").build());

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, MessageHandler::versions);
        assertEquals("MessageHandler.versions() needs at least one handler: give one typed handler per version of "
                + "a schema id", none.getMessage());
        IllegalArgumentException twoIds = assertThrows(IllegalArgumentException.class,
                () -> MessageHandler.versions(v1, v2, memo));
        assertEquals("MessageHandler.versions(...) takes handlers of one schema id, but handler #1 handles Note:1 "
                + "and handler #3 handles Memo:1: subscribe handlers of another schema id in a subscription of "
                + "their own", twoIds.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> MessageHandler.versions(v1, v2, anotherV1));
        assertEquals("MessageHandler.versions(...) has two handlers for Note:1 (#1 and #3): give one handler per "
                + "version", twice.getMessage());
        NullPointerException nullHandler = assertThrows(NullPointerException.class,
                () -> MessageHandler.versions(v1, null));
        assertEquals("Handler #2 of MessageHandler.versions(...) is null", nullHandler.getMessage());

        VersionedHandler one = MessageHandler.versions(v2, v1);
        assertEquals("Note", one.schemaId());
        assertEquals(List.of("Note:1", "Note:2"), one.keys());
        assertEquals(List.of(v1, v2), one.handlers());
    }

    @Test
    void aVersionsSubscriptionWithoutAGroupIsRefusedWithAMessageAskingForOne() {
        Application app = app();
        VersionedHandler handler = MessageHandler.versions((NoteSubscriber) (note, ctx) -> { },
                (NoteV2Subscriber) (note, ctx) -> { });

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> app.subscribe("notes", handler));

        assertEquals("Subscription to [notes] needs an explicit group: its handler MessageHandler.versions(Note:1, "
                + "Note:2) has no stable name to use as the consumer group. Call subscribe(pattern, \"my-group\", "
                + "MessageHandler.versions(...)), giving the group a single-version subscription had (by default "
                + "its handler's class name) to carry on from its committed offsets.", e.getMessage());
        assertEquals(List.of(), app.subscriptions());
    }

    @Test
    void aMissingExactStreamIsCreatedWithThePartitionsOfTheLatestVersionHandled() throws Exception {
        Application app = app();
        MessageSchema<Note> memoV1 = MessageSchema.builder("Memo", Note.class).version(1).partitions(1)
                .schemaJson("{}").build();
        MessageSchema<NoteV2> memoV2 = MessageSchema.builder("Memo", NoteV2.class).version(2).partitions(2)
                .schemaJson("{}").build();
        app.subscribe("memos", prefix + "memos", MessageHandler.versions(handler(memoV2), handler(memoV1)));

        app.initialize();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(List.of(prefix + "memos")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(prefix + "memos");
            assertEquals(2, topic.partitions().size());
        }
    }

    /** A typed handler of {@code schema} that does nothing. */
    private static <T> TypedHandler<T> handler(MessageSchema<T> schema) {
        return new TypedHandler<>() {
            @Override
            public MessageSchema<T> schema() {
                return schema;
            }

            @Override
            public void handle(T data, MessageContext context) { }
        };
    }
}
