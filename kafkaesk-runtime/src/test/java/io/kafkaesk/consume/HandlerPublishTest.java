package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static io.kafkaesk.consume.Kit.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.PublishHeaders;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.UnhandledMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Publishing from a handler: which headers travel on, and that the record is done only when its publishes are. */
class HandlerPublishTest extends BrokerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final RetryPolicy FAST = RetryPolicy.attempts(3).backoff(Duration.ofMillis(10), 2.0,
            Duration.ofMillis(50));

    private Application app() {
        Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(1).build();
        app.schema(Note.SCHEMA);
        apps.add(app);
        return app;
    }

    @Test
    void aFollowUpCarriesTheAllowListedHeadersOfTheHandledRecordAndNothingElse() {
        Application app = app();
        List<ConsumerRecord<byte[], byte[]>> forwarded = new CopyOnWriteArrayList<>();
        // The handler does not wait: the record is done when the publish is acknowledged, whatever the handler does.
        app.subscribe("in", "forwarder", (NoteSubscriber) (note, ctx) -> {
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("hop", "2");
            ctx.publish(Note.SCHEMA, "out", new Note(note.id(), "forwarded"), utf8("k-" + note.id()),
                    PublishHeaders.of(extra));
            ctx.publish("out", new Note(note.id(), "text headers"), "text-key", Map.of("hop", "3"));
            ctx.publisher(Note.SCHEMA).publish("out", new Note(note.id(), "typed"), "typed-key", Map.of("hop", "4"));
        });
        app.subscribeRecords("out", "sink", (record, ctx) -> forwarded.add(record));
        app.initialize();
        Map<String, String> consumed = new LinkedHashMap<>();
        consumed.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        consumed.put("tracestate", "vendor=1");
        consumed.put("X-Request-Id", "req-42");
        consumed.put("hop", "1");
        consumed.put("kafkaesk.error.message", "an earlier failure");
        consumed.put("__TypeId__", "com.example.Foreign");
        consumed.put("content-type", "application/x-foreign");
        app.publish("in", new Note("p1", "x"), "in-key", consumed).join();

        await(WAIT, () -> "forwarded " + forwarded, () -> forwarded.size() == 3);
        assertEquals(List.of("traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "tracestate=vendor=1", "X-Request-Id=req-42", "hop=2"), headers(forwarded.get(0)));
        assertEquals("k-p1", Kit.string(forwarded.get(0).key()));
        assertEquals(List.of("traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "tracestate=vendor=1", "X-Request-Id=req-42", "hop=3"), headers(forwarded.get(1)));
        assertEquals("text-key", Kit.string(forwarded.get(1).key()));
        // A schema's publisher from the context (what a generated XPublisher.of(context) binds) does the same.
        assertEquals(List.of("traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "tracestate=vendor=1", "X-Request-Id=req-42", "hop=4"), headers(forwarded.get(2)));
        assertEquals("typed-key", Kit.string(forwarded.get(2).key()));
    }

    @Test
    void aFollowUpTheBrokerRefusesFailsTheAttemptSoTheRecordIsRetriedAndDeadLetteredNotCommitted() throws Exception {
        assertRefusedFollowUpIsDeadLettered("g-refused", false);
    }

    @Test
    void aRecordSkippedAsUnhandledIsDoneOnlyWhenWhatItPublishedIsAcknowledged() throws Exception {
        assertRefusedFollowUpIsDeadLettered("g-skipped", true);
    }

    private void assertRefusedFollowUpIsDeadLettered(String group, boolean skip) throws Exception {
        // A topic whose records may be at most 10 bytes: the broker refuses every follow-up, after the handler
        // returned (the handler does not wait for its publish).
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(prefix + "tiny", 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "10")))).all().get(30, TimeUnit.SECONDS);
        }
        Application app = app();
        AtomicInteger returned = new AtomicInteger();
        app.subscribe("in", group, (NoteSubscriber) (note, ctx) -> {
            ctx.publish("tiny", new Note(note.id(), "follow-up"));
            returned.incrementAndGet();
            if (skip) {
                throw new UnhandledMessage("skipped after publishing");
            }
        }).retry(FAST);
        app.initialize();
        app.publishAndWait("in", new Note("r1", "x"));

        List<ConsumerRecord<byte[], byte[]>> dead = Kit.read(kafka.bootstrapServers(),
                prefix + "kafkaesk.dead-letter", 1, WAIT);
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Header h : dead.get(0).headers()) {
            if (h.key().startsWith("kafkaesk.error.")) {
                reasons.put(h.key(), Kit.string(h.value()));
            }
        }
        assertEquals(3, returned.get(), "each attempt ran the handler to its end");
        assertEquals("3", reasons.get("kafkaesk.error.attempts"), reasons.toString());
        String message = reasons.get("kafkaesk.error.message");
        assertTrue(message.contains("A publish started by the handler of record " + prefix + "in-0@0 failed"),
                message);
        // Dead-lettered, so done: committed past it; and never committed while its attempts failed.
        await(WAIT, () -> "committed", () -> committedTotal(group) == 1);
    }

    @Test
    void invalidFollowUpDataFailsTheAttemptBeforeAnythingIsSent() {
        Application app = app();
        AtomicInteger attempts = new AtomicInteger();
        app.subscribe("in", "g-invalid", (NoteSubscriber) (note, ctx) -> {
            attempts.incrementAndGet();
            ctx.publish("out", new Note(note.id(), "x".repeat(101))); // maxLength 100
        }).retry(FAST);
        app.initialize();
        app.publishAndWait("in", new Note("v1", "x"));
        List<ConsumerRecord<byte[], byte[]>> dead = Kit.read(kafka.bootstrapServers(),
                prefix + "kafkaesk.dead-letter", 1, WAIT);
        assertEquals("v1", Kit.string(dead.get(0).key()));
        assertTrue(attempts.get() >= 1);
        await(WAIT, () -> "committed", () -> committedTotal("g-invalid") == 1);
    }

    private long committedTotal(String group) {
        try {
            return Kit.committedTotal(kafka.bootstrapServers(), group);
        } catch (Exception e) {
            return -1;
        }
    }

    private static List<String> headers(ConsumerRecord<byte[], byte[]> record) {
        List<String> seen = new ArrayList<>();
        for (Header h : record.headers()) {
            seen.add(h.key() + "=" + Kit.string(h.value()));
        }
        return seen;
    }
}
