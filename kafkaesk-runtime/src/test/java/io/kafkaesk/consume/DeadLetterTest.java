package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static io.kafkaesk.consume.Kit.string;
import static io.kafkaesk.consume.Kit.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.ConsumerUnhealthyException;
import io.kafkaesk.MessageContext;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.Subscription;
import io.kafkaesk.SubscriptionStats;
import io.kafkaesk.UnhandledMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterTest extends BrokerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RetryPolicy FAST = RetryPolicy.attempts(3).backoff(Duration.ofMillis(10), 2.0,
            Duration.ofMillis(50));

    private Application app() {
        Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(1).build();
        app.schema(Note.SCHEMA);
        apps.add(app);
        return app;
    }

    private static Map<String, String> errorHeaders(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> out = new HashMap<>();
        for (Header h : record.headers()) {
            if (h.key().startsWith("kafkaesk.error.")) {
                out.put(h.key().substring("kafkaesk.error.".length()), string(h.value()));
            }
        }
        return out;
    }

    private static String note(String id) {
        return "{\"schema\":\"Note:1\",\"data\":{\"id\":\"" + id + "\",\"text\":\"ok\"}}";
    }

    @Test
    void poisonPillsAreDeadLetteredWithTheirReasonAndLaterGoodRecordsAreHandled() {
        Application app = app();
        List<String> handled = new CopyOnWriteArrayList<>();
        Subscription s = app.subscribe("mixed", "g1", (NoteSubscriber) (note, ctx) -> handled.add(note.id()));
        app.initialize();
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        List<Header> binaryTrace = List.of(new RecordHeader("traceparent", notUtf8));
        List<Header> binaryOther = List.of(new RecordHeader("x-binary", notUtf8));
        app.rawPublish("mixed", utf8(note("good1")), null, List.of()).join();
        app.rawPublish("mixed", utf8("this is not json"), utf8("k-notjson"), List.of()).join();
        app.rawPublish("mixed", utf8(note("good2")), null, List.of()).join();
        app.rawPublish("mixed", utf8("{\"id\":\"no envelope\"}"), null, List.of()).join();
        app.rawPublish("mixed", utf8("{\"schema\":\"Other:1\",\"data\":{\"id\":\"x\",\"text\":\"y\"}}"), null,
                List.of()).join();
        app.rawPublish("mixed", utf8("{\"schema\":\"Note:1\",\"data\":[1,2,3]}"), null, List.of()).join();
        app.rawPublish("mixed", utf8(note("bad-header")), null, binaryTrace).join();
        app.rawPublish("mixed", utf8(note("binary-ok")), null, binaryOther).join();
        app.rawPublish("mixed", utf8(note("good3")), null, List.of()).join();

        await(WAIT, () -> "handled " + handled, () -> handled.contains("good3"));
        assertEquals(List.of("good1", "good2", "binary-ok", "good3"), handled);

        List<ConsumerRecord<byte[], byte[]>> dead = Kit.read(kafka.bootstrapServers(),
                prefix + "kafkaesk.dead-letter", 5, WAIT);
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            Map<String, String> h = errorHeaders(r);
            assertEquals(prefix + "mixed", h.get("topic"));
            assertEquals("0", h.get("partition"));
            assertEquals("g1", h.get("group"));
            assertEquals("0", h.get("attempts"), "undecodable records are not retried");
            assertEquals("io.kafkaesk.internal.consumer.UndecodableRecordException", h.get("class"));
            assertTrue(h.containsKey("timestamp"));
            reasons.add(h.get("offset") + ": " + h.get("message"));
        }
        assertTrue(reasons.get(0).startsWith("1: Record value is not JSON"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("3: ") && reasons.get(1).contains("without a \"schema\""), reasons.get(1));
        assertTrue(reasons.get(2).startsWith("4: Record has Other:1 but this subscription of group g1 handles only "
                + "Note:1"), reasons.get(2));
        assertTrue(reasons.get(3).startsWith("5: Data of schema Note:1 does not bind"), reasons.get(3));
        assertTrue(reasons.get(4).startsWith("6: Header 'traceparent' is not UTF-8"), reasons.get(4));
        // Byte for byte: key, value and the original headers come first, unchanged.
        assertArrayEquals(utf8("this is not json"), dead.get(0).value());
        assertArrayEquals(utf8("k-notjson"), dead.get(0).key());
        Header first = dead.get(4).headers().toArray()[0];
        assertEquals("traceparent", first.key());
        assertArrayEquals(notUtf8, first.value());
        await(WAIT, () -> "stats " + s.stats(), () -> s.stats().equals(new SubscriptionStats(4, 0, 5, 0)));
    }

    @Test
    void aValueTooLargeForTheDeadLetterTopicANullValueAndAHandlerThatAlwaysThrowsAreDeadLetteredAndTheConsumerLivesOn()
            throws Exception {
        String topic = prefix + "big";
        int fiveMb = 5 * 1024 * 1024;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(6 * 1024 * 1024)))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Application app = app();
        List<String> handled = new CopyOnWriteArrayList<>();
        Subscription s = app.subscribe("big", "g-big", (NoteSubscriber) (note, ctx) -> {
            if (note.id().equals("always")) {
                throw new IllegalStateException("this handler always fails on " + note.id());
            }
            handled.add(note.id());
        }).retry(FAST);
        app.initialize();
        Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "max.request.size", 6 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            byte[] huge = new byte[fiveMb];
            Arrays.fill(huge, (byte) 'x');
            producer.send(new ProducerRecord<>(topic, 0, utf8("k-huge"), huge)).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, 0, utf8("k-null"), null)).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, 0, null, utf8(note("always")))).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, 0, null, utf8(note("after")))).get(30, TimeUnit.SECONDS);
        }
        await(Duration.ofSeconds(60), () -> "handled " + handled + ", stats " + s.stats(),
                () -> handled.contains("after"));
        app.healthCheck();
        List<ConsumerRecord<byte[], byte[]>> dead = Kit.read(kafka.bootstrapServers(),
                prefix + "kafkaesk.dead-letter", 3, WAIT);
        Map<String, String> huge = errorHeaders(dead.get(0));
        assertEquals("0", huge.get("offset"));
        assertEquals(null, dead.get(0).value(), "the value is left out of a dead letter too large for its topic");
        assertArrayEquals(utf8("k-huge"), dead.get(0).key());
        assertTrue(huge.get("value-dropped").startsWith(fiveMb + " bytes, too large for the dead-letter topic"),
                huge.get("value-dropped"));
        Map<String, String> nullValue = errorHeaders(dead.get(1));
        assertEquals("1", nullValue.get("offset"));
        assertEquals("0", nullValue.get("attempts"));
        Map<String, String> always = errorHeaders(dead.get(2));
        assertEquals("2", always.get("offset"));
        assertEquals("3", always.get("attempts"));
        assertEquals("java.lang.IllegalStateException", always.get("class"));
        assertEquals(List.of("after"), handled);
        assertEquals(new SubscriptionStats(1, 0, 3, 2), s.stats());
    }

    @Test
    void validationFailuresAreDeadLetteredWithTheViolationsWhenTheSubscriptionValidates() {
        Application app = app();
        List<String> handled = new CopyOnWriteArrayList<>();
        app.subscribe("checked", "g1", (NoteSubscriber) (note, ctx) -> handled.add(note.id())).validate(true);
        app.initialize();
        String tooLong = "x".repeat(101);
        app.rawPublish("checked", utf8("{\"schema\":\"Note:1\",\"data\":{\"id\":\"v1\",\"text\":\"" + tooLong
                + "\"}}"), null, List.of()).join();
        app.rawPublish("checked", utf8(note("v2")), null, List.of()).join();
        await(WAIT, () -> "handled " + handled, () -> handled.contains("v2"));
        assertEquals(List.of("v2"), handled);
        ConsumerRecord<byte[], byte[]> dead = Kit.read(kafka.bootstrapServers(), prefix + "kafkaesk.dead-letter", 1,
                WAIT).get(0);
        Map<String, String> h = errorHeaders(dead);
        assertEquals("io.kafkaesk.SchemaValidationException", h.get("class"));
        assertTrue(h.get("message").contains("$.text: maxLength"), h.get("message"));
    }

    @Test
    void aFailingHandlerIsRetriedThenDeadLetteredAndTheNextRecordsAreHandled() {
        Application app = app().deadLetterStream("app.dlq");
        List<String> handled = new CopyOnWriteArrayList<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        Subscription s = app.subscribe("flaky", "g1", (NoteSubscriber) (note, ctx) -> {
            if (note.id().equals("boom")) {
                attempts.add(ctx.attempt());
                throw new IllegalStateException("cannot handle " + note.id());
            }
            handled.add(note.id());
        }).retry(FAST);
        app.initialize();
        List<Header> headers = List.of(new RecordHeader("h1", utf8("v1")));
        app.publishAndWait("flaky", new Note("boom", "x"), utf8("key-1"), headers);
        app.publishAndWait("flaky", new Note("after", "x"));
        await(WAIT, () -> "handled " + handled, () -> handled.contains("after"));
        assertEquals(List.of(1, 2, 3), attempts);
        ConsumerRecord<byte[], byte[]> dead = Kit.read(kafka.bootstrapServers(), prefix + "app.dlq", 1, WAIT).get(0);
        Map<String, String> h = errorHeaders(dead);
        assertEquals("java.lang.IllegalStateException", h.get("class"));
        assertEquals("cannot handle boom", h.get("message"));
        assertEquals("3", h.get("attempts"));
        assertEquals("0", h.get("offset"));
        assertArrayEquals(utf8("key-1"), dead.key());
        assertEquals("{\"schema\":\"Note:1\",\"data\":{\"id\":\"boom\",\"text\":\"x\"}}", string(dead.value()));
        assertEquals("h1", dead.headers().toArray()[0].key());
        await(WAIT, () -> "stats " + s.stats(), () -> s.stats().equals(new SubscriptionStats(1, 0, 1, 2)));
    }

    @Test
    void aSubscriptionsOwnDeadLetterStreamWinsOverTheApplications() {
        Application app = app().deadLetterStream("app.dlq");
        app.subscribe("own", "g1", (NoteSubscriber) (note, ctx) -> {
            throw new IllegalArgumentException("no");
        }).retry(RetryPolicy.attempts(1)).deadLetterStream("own.dlq");
        app.initialize();
        app.publishAndWait("own", new Note("x", "y"));
        ConsumerRecord<byte[], byte[]> dead = Kit.read(kafka.bootstrapServers(), prefix + "own.dlq", 1, WAIT).get(0);
        assertEquals("1", errorHeaders(dead).get("attempts"));
    }

    @Test
    void whenTheDeadLetterTopicCannotBeWrittenTheSubscriptionStopsWithoutCommittingTheRecord() throws Exception {
        Application app = app();
        List<String> handled = new CopyOnWriteArrayList<>();
        app.subscribe("dlq-down", "g-down", (NoteSubscriber) (note, ctx) -> {
            if (note.id().equals("boom")) {
                throw new IllegalStateException("handler bug");
            }
            handled.add(note.id());
        }).retry(RetryPolicy.attempts(1).fixedBackoff(Duration.ofMillis(10)))
                // A legal stream name, but with the prefix too long for a topic: every attempt to create and write
                // the dead-letter topic fails.
                .deadLetterStream("d".repeat(240) + ".dlq");
        app.initialize();
        app.publishAndWait("dlq-down", new Note("ok1", "x"));
        app.publishAndWait("dlq-down", new Note("boom", "x"));
        app.publishAndWait("dlq-down", new Note("ok2", "x"));
        await(WAIT, () -> "the consumer is still alive", () -> {
            try {
                app.healthCheck();
                return false;
            } catch (ConsumerUnhealthyException e) {
                return true;
            }
        });
        assertEquals(List.of("ok1"), handled, "nothing after the record that could not be dead-lettered");
        app.close(); // the failed consumer commits what it finished while it shuts down
        var offset = Kit.committed(kafka.bootstrapServers(), "g-down").get(new TopicPartition(prefix + "dlq-down", 0));
        assertEquals(1, offset == null ? 0 : offset.offset(), "committed up to, not past, the record");
    }

    @Test
    void aRecordOfAnotherVersionOfTheSubscribersSchemaIdIsDeadLetteredAtOnce() {
        Application app = app();
        List<String> handled = new CopyOnWriteArrayList<>();
        app.subscribe("versions", "g1", (NoteSubscriber) (note, ctx) -> handled.add(ctx.schemaKey() + " " + note.id()))
                .onNewerVersion(Subscription.NewerVersion.DEAD_LETTER);
        app.initialize();
        // It would bind to Note with its extra field silently dropped; VersionsTest covers versions(...).
        app.rawPublish("versions", utf8("{\"schema\":\"Note:2\",\"data\":{\"id\":\"v2\",\"text\":\"t\",\"extra\":1}}"),
                null, List.of()).join();
        app.rawPublish("versions", utf8(note("v1")), null, List.of()).join();
        await(WAIT, () -> "handled " + handled, () -> handled.contains("Note:1 v1"));
        assertEquals(List.of("Note:1 v1"), handled);
        Map<String, String> h = errorHeaders(Kit.read(kafka.bootstrapServers(), prefix + "kafkaesk.dead-letter", 1,
                WAIT).get(0));
        assertEquals("0", h.get("attempts"));
        assertTrue(h.get("message").startsWith("Record has Note:2 but this subscription of group g1 handles only "
                + "Note:1: "), h.get("message"));
    }

    @Test
    void aGlobThatMatchesEverythingNeverConsumesTheDeadLetterTopic() {
        Application app = app();
        List<String> calls = new CopyOnWriteArrayList<>();
        app.subscribe("*", "everything", (NoteSubscriber) (note, ctx) -> {
            calls.add(ctx.record().topic() + " " + note.id());
            if (note.id().equals("boom")) {
                throw new IllegalStateException("no");
            }
        }).retry(RetryPolicy.attempts(1));
        app.initialize();
        app.publishAndWait("first", new Note("boom", "x"));
        Kit.read(kafka.bootstrapServers(), prefix + "kafkaesk.dead-letter", 1, WAIT);
        // A topic created after the dead-letter topic: once it is consumed, the glob has seen the dead-letter
        // topic in its metadata too, and left it alone.
        app.publishAndWait("second", new Note("later", "x"));
        await(WAIT, () -> "calls " + calls, () -> calls.contains(prefix + "second later"));
        assertEquals(List.of(prefix + "first boom", prefix + "second later"), calls);
    }

    @Test
    void aRawSubscriptionThatValidatesDeadLettersRecordsOfUnknownSchemas() {
        Application app = app();
        List<String> handled = new CopyOnWriteArrayList<>();
        app.subscribeBytes("raw-checked", "g1", (value, ctx) -> handled.add(ctx.schemaKey())).validate(true);
        app.initialize();
        app.rawPublish("raw-checked", utf8("{\"schema\":\"Unknown:1\",\"data\":{}}"), null, List.of()).join();
        app.rawPublish("raw-checked", utf8(note("fine")), null, List.of()).join();
        await(WAIT, () -> "handled " + handled, () -> handled.size() == 1);
        assertEquals(List.of("Note:1"), handled);
        ConsumerRecord<byte[], byte[]> dead = Kit.read(kafka.bootstrapServers(), prefix + "kafkaesk.dead-letter", 1,
                WAIT).get(0);
        assertTrue(errorHeaders(dead).get("message").contains("Unknown:1, which this application does not know"));
    }

    @Test
    void unhandledMessageIsSkippedCountedAndCommittedWithoutRetryOrDeadLetter() throws Exception {
        Application app = app();
        AtomicInteger calls = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        Subscription s = app.subscribe("skip", "g1", (NoteSubscriber) (note, ctx) -> {
            calls.incrementAndGet();
            if (note.id().startsWith("skip")) {
                throw new UnhandledMessage("not for us");
            }
            handled.add(note.id());
        });
        app.initialize();
        app.publishAndWait("skip", new Note("skip1", "x"));
        app.publishAndWait("skip", new Note("keep", "x"));
        await(WAIT, () -> "handled " + handled, () -> handled.contains("keep"));
        assertEquals(2, calls.get());
        await(WAIT, () -> "stats " + s.stats(), () -> s.stats().equals(new SubscriptionStats(1, 1, 0, 0)));
        await(WAIT, () -> "commit", () -> {
            try {
                var offset = Kit.committed(kafka.bootstrapServers(), "g1").get(new TopicPartition(prefix + "skip", 0));
                return offset != null && offset.offset() == 2;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void rawHandlersGetValuesUndecodedAndAnEmptySchemaKeyForNonEnvelopes() {
        Application app = app();
        List<String> seen = new CopyOnWriteArrayList<>();
        app.subscribeBytes("tomb", "g1", (value, ctx) ->
                seen.add(string(value) + ":" + ctx.schemaKey()));
        app.initialize();
        app.rawPublish("tomb", utf8("not json"), null, List.of()).join();
        await(WAIT, () -> "seen " + seen, () -> seen.size() == 1);
        assertEquals(List.of("not json:"), seen);
    }
}
