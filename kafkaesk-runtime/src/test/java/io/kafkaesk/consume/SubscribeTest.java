package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static io.kafkaesk.consume.Kit.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.MessageContext;
import io.kafkaesk.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SubscribeTest extends BrokerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Application app() {
        Application app = Kit.app(kafka.bootstrapServers(), prefix).build();
        app.schema(Note.SCHEMA);
        apps.add(app);
        return app;
    }

    @Test
    void publishesAndConsumesOneMessage() {
        Application app = app();
        List<Note> received = new CopyOnWriteArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        app.subscribe("notes", "g1", (NoteSubscriber) (note, ctx) -> {
            keys.add(ctx.schemaKey() + " " + ctx.group() + " " + ctx.attempt() + " " + ctx.record().topic());
            received.add(note);
        });
        app.initialize();
        app.publishAndWait("notes", new Note("n1", "hello"));
        await(WAIT, () -> "received " + received, () -> received.size() == 1);
        assertEquals(new Note("n1", "hello"), received.get(0));
        assertEquals("Note:1 g1 1 " + prefix + "notes", keys.get(0));
    }

    @Test
    void aTypedHandlerReadsEnvelopesInAnyKeyOrderWithSpacesAndExtraKeys() {
        Application app = app();
        List<Note> received = new CopyOnWriteArrayList<>();
        app.subscribe("notes", "g-order", (NoteSubscriber) (note, ctx) -> received.add(note));
        app.initialize();
        // The canonical form (schema first) is read in one pass; any other form the thorough way.
        app.rawPublish("notes", Kit.utf8("{ \"data\" : {\"text\":\"b\",\"id\":\"n2\"}, \"extra\": [1, {}],"
                + " \"schema\" : \"Note:1\" }"), null, List.of()).join();
        app.rawPublish("notes", Kit.utf8("{\"schema\":\"Note:1\",\"extra\":{\"x\":[1]},\"data\":{\"id\":\"n3\","
                + "\"text\":\"c\",\"unknown\":1}}"), null, List.of()).join();
        await(WAIT, () -> "received " + received, () -> received.size() == 2);
        assertEquals(List.of(new Note("n2", "b"), new Note("n3", "c")), received);
    }

    @Test
    void publishesAndConsumesAThousandMessages() throws Exception {
        Kit.createTopic(kafka.bootstrapServers(), prefix + "notes", 3);
        Application app = app();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        Subscription s = app.subscribe("notes", "g1", (NoteSubscriber) (note, ctx) -> {
            ids.add(note.id());
            calls.incrementAndGet();
        });
        app.initialize();
        for (int i = 0; i < 1000; i++) {
            app.publish("notes", new Note("n" + i, "text " + i));
        }
        app.flush();
        await(WAIT, () -> "handled " + s.stats(), () -> s.stats().handled() == 1000);
        assertEquals(1000, ids.size());
    }

    @Test
    void exactStreamSubscriptionIgnoresAStreamWithALongerName() {
        Application publisher = app();
        publisher.publishAndWait("foo.bar1", new Note("wrong", "near name"));
        Application app = app();
        List<String> ids = new CopyOnWriteArrayList<>();
        app.subscribe("foo.bar", "g1", (NoteSubscriber) (note, ctx) -> ids.add(note.id()));
        app.initialize();
        publisher.publishAndWait("foo.bar1", new Note("wrong2", "near name"));
        publisher.publishAndWait("foo.bar", new Note("right", "exact"));
        await(WAIT, () -> "received " + ids, () -> ids.contains("right"));
        assertEquals(List.of("right"), ids);
    }

    @Test
    void twoGroupsOnOneStreamEachReceiveEverything() throws Exception {
        Kit.createTopic(kafka.bootstrapServers(), prefix + "notes", 3);
        Application app = app();
        Set<String> first = ConcurrentHashMap.newKeySet();
        Set<String> second = ConcurrentHashMap.newKeySet();
        app.subscribe("notes", "first", (NoteSubscriber) (note, ctx) -> first.add(note.id()));
        app.subscribe("notes", "second", (NoteSubscriber) (note, ctx) -> second.add(note.id()));
        app.initialize();
        for (int i = 0; i < 50; i++) {
            app.publish("notes", new Note("n" + i, "x"));
        }
        app.flush();
        await(WAIT, () -> first.size() + " and " + second.size(), () -> first.size() == 50 && second.size() == 50);
    }

    @Test
    void subscribingToAMissingStreamCreatesItAndReceivesWhatIsLaterPublished() {
        Application app = app();
        List<String> ids = new CopyOnWriteArrayList<>();
        app.subscribe("not.yet.there", "g1", (NoteSubscriber) (note, ctx) -> ids.add(note.id()));
        app.initialize();
        // The subscription created the topic: a second application publishes to it without creating anything.
        Application publisher = app();
        publisher.publishAndWait("not.yet.there", new Note("late", "x"));
        await(WAIT, () -> "received " + ids, () -> ids.equals(List.of("late")));
    }

    @Test
    void aGroupWithMessagesWaitingReceivesThemAll() throws Exception {
        Kit.createTopic(kafka.bootstrapServers(), prefix + "waiting", 3);
        Application publisher = app();
        for (int i = 0; i < 100; i++) {
            publisher.publish("waiting", new Note("n" + i, "x"));
        }
        publisher.flush();
        Application app = app();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        app.subscribe("waiting", "late-group", (NoteSubscriber) (note, ctx) -> ids.add(note.id()));
        app.initialize();
        await(WAIT, () -> "received " + ids.size(), () -> ids.size() == 100);
    }

    @Test
    void globMatchesAcrossDotsAndPicksUpStreamsCreatedLater() {
        Application app = app();
        Set<String> topics = ConcurrentHashMap.newKeySet();
        app.subscribe("content.*", "g1", (NoteSubscriber) (note, ctx) -> topics.add(ctx.record().topic()));
        app.initialize();
        Application publisher = app();
        publisher.publishAndWait("content.edited.Resource", new Note("a", "x"));
        publisher.publishAndWait("contents", new Note("b", "not matched"));
        await(WAIT, () -> "topics " + topics, () -> topics.contains(prefix + "content.edited.Resource"));
        // Created after the subscription started: found at the next metadata refresh (500 ms in these tests).
        publisher.publishAndWait("content.new", new Note("c", "x"));
        await(WAIT, () -> "topics " + topics, () -> topics.contains(prefix + "content.new"));
        assertEquals(Set.of(prefix + "content.edited.Resource", prefix + "content.new"), topics);
    }

    @Test
    void subscribeToTopicsReceivesFromEachNamedStream() {
        Application app = app();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        app.subscribeToTopics(List.of("a.one", "b.two"), "g1", (NoteSubscriber) (note, ctx) -> ids.add(note.id()));
        app.initialize();
        app.publishAndWait("a.one", new Note("1", "x"));
        app.publishAndWait("b.two", new Note("2", "x"));
        await(WAIT, () -> "received " + ids, () -> ids.equals(Set.of("1", "2")));
    }

    static final class NamedNoteHandler implements NoteSubscriber {
        final List<String> ids = new CopyOnWriteArrayList<>();

        @Override
        public void onNote(Note data, MessageContext context) {
            ids.add(context.group());
        }
    }

    @Test
    void groupDefaultsToTheNameOfANamedHandlerClass() {
        Application app = app();
        NamedNoteHandler handler = new NamedNoteHandler();
        Subscription s = app.subscribe("notes", handler);
        assertEquals(NamedNoteHandler.class.getName(), s.group());
        app.initialize();
        app.publishAndWait("notes", new Note("n", "x"));
        await(WAIT, () -> "groups " + handler.ids, () -> handler.ids.equals(List.of(NamedNoteHandler.class.getName())));
    }

    @Test
    void aLambdaWithoutAGroupIsRefusedWithAMessageAskingForOne() {
        Application app = app();
        NoteSubscriber lambda = (note, ctx) -> { };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> app.subscribe("notes", lambda));
        assertTrue(e.getMessage().contains("needs an explicit group"), e.getMessage());
        NoteSubscriber anonymous = new NoteSubscriber() {
            @Override
            public void onNote(Note data, MessageContext context) { }
        };
        assertThrows(IllegalArgumentException.class, () -> app.subscribe("notes", anonymous));
    }

    @Test
    void aBlankGroupIsRefused() {
        Application app = app();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> app.subscribe("notes", " ", (NoteSubscriber) (note, ctx) -> { }));
        assertTrue(e.getMessage().contains("must not be blank"), e.getMessage());
    }

    @Test
    void rawBytesRecordAndEnvelopeHandlersReceiveWhatTheyAskFor() {
        Application app = app();
        List<byte[]> values = new CopyOnWriteArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> records = new CopyOnWriteArrayList<>();
        List<JsonNode> envelopes = new CopyOnWriteArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        app.subscribeBytes("raw", "bytes", (value, ctx) -> {
            keys.add(ctx.schemaKey());
            values.add(value);
        });
        app.subscribeRecords("raw", "records", (record, ctx) -> records.add(record));
        app.subscribeEnvelopes("raw", "envelopes", (envelope, ctx) -> envelopes.add(envelope));
        app.initialize();
        app.publishAndWait("raw", new Note("r1", "raw"));
        await(WAIT, () -> values.size() + " " + records.size() + " " + envelopes.size(),
                () -> values.size() == 1 && records.size() == 1 && envelopes.size() == 1);
        byte[] expected = utf8("{\"schema\":\"Note:1\",\"data\":{\"id\":\"r1\",\"text\":\"raw\"}}");
        assertArrayEquals(expected, values.get(0));
        assertArrayEquals(expected, records.get(0).value());
        assertArrayEquals(utf8("r1"), records.get(0).key());
        assertEquals("Note:1", envelopes.get(0).get("schema").asString());
        assertEquals("r1", envelopes.get(0).get("data").get("id").asString());
        assertEquals(List.of("Note:1"), keys);
    }

    @Test
    void publishingFromAHandlerPropagatesTheAllowListedConsumedHeaders() {
        Application app = app();
        List<ConsumerRecord<byte[], byte[]>> forwarded = new CopyOnWriteArrayList<>();
        app.subscribe("in", "forwarder", (NoteSubscriber) (note, ctx) ->
                ctx.publish("out", new Note(note.id(), "forwarded"), null,
                        List.of(new RecordHeader("hop", utf8("2")))).get());
        app.subscribeRecords("out", "sink", (record, ctx) -> forwarded.add(record));
        app.initialize();
        List<Header> headers = List.of(new RecordHeader("traceparent",
                utf8("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")), new RecordHeader("hop", utf8("1")));
        app.publishAndWait("in", new Note("p1", "x"), null, headers);
        await(WAIT, () -> "forwarded " + forwarded, () -> forwarded.size() == 1);
        List<String> seen = new ArrayList<>();
        for (Header h : forwarded.get(0).headers()) {
            seen.add(h.key() + "=" + Kit.string(h.value()));
        }
        // "hop" is not on the allow-list (PublishHeaders.PROPAGATED): only the handler's own travels on.
        assertEquals(List.of("traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "hop=2"), seen);
    }

    @Test
    void subscribingAfterTheApplicationStartedIsRefused() {
        Application app = app();
        app.initialize();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> app.subscribe("notes", "g", (NoteSubscriber) (note, ctx) -> { }));
        assertTrue(e.getMessage().contains("before initialize()"), e.getMessage());
        assertEquals(Collections.emptyList(), app.subscriptions());
    }
}
