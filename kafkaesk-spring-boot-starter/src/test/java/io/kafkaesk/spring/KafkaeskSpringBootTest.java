package io.kafkaesk.spring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.BatchRecord;
import io.kafkaesk.MessageContext;
import io.kafkaesk.spring.events.Note;
import io.kafkaesk.spring.events.NotePublisher;
import io.kafkaesk.spring.events.NoteSubscriber;
import io.kafkaesk.spring.test.EmbeddedKafkaesk;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** The starter in a {@code @SpringBootTest} on a real broker: beans publish, receive and dead-letter. */
@SpringBootTest(classes = KafkaeskSpringBootTest.Shop.class)
@EmbeddedKafkaesk
class KafkaeskSpringBootTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Shop {
        @Bean
        Inbox inbox() {
            return new Inbox();
        }

        @Bean
        Picky picky() {
            return new Picky();
        }

        @Bean
        Journal journal() {
            return new Journal();
        }

        @Bean
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }

        @Bean
        OpenTelemetry openTelemetry(InMemorySpanExporter spans) {
            return OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                    .build();
        }
    }

    /** A generated subscriber implemented by a bean. */
    @KafkaeskListener(pattern = "notes", group = "inbox")
    static class Inbox implements NoteSubscriber {
        final Map<String, Note> received = new ConcurrentHashMap<>();

        @Override
        public void onNote(Note data, MessageContext context) {
            received.put(data.id(), data);
        }
    }

    /** A listener method that refuses one note: with one attempt, it is dead-lettered at once. */
    static class Picky {
        @KafkaeskListener(pattern = "notes", group = "picky", attempts = 1)
        void check(Note note) {
            if (note.text().equals("poison")) {
                throw new IllegalArgumentException("cannot take note " + note.id());
            }
        }
    }

    /** A batch listener method: lists of at most three notes of one partition. */
    static class Journal {
        final List<String> stored = new CopyOnWriteArrayList<>();
        final List<Integer> sizes = new CopyOnWriteArrayList<>();

        @KafkaeskListener(pattern = "notes", group = "journal", maxBatchSize = 3)
        void store(List<BatchRecord<Note>> batch) {
            sizes.add(batch.size());
            batch.forEach(r -> stored.add(r.data().id()));
        }
    }

    @Autowired
    NotePublisher publisher;

    @Autowired
    Journal journal;

    @Autowired
    Inbox inbox;

    @Autowired
    Application application;

    @Autowired
    MeterRegistry meters;

    @Autowired
    InMemorySpanExporter spans;

    @Autowired
    KafkaeskHealthIndicator health;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void thePublisherBeanPublishesToTheTestBrokerUnderAPrefixOfItsOwn() throws Exception {
        ApplicationSettings settings = application.settings();
        assertEquals(List.of(TestBroker.servers()), settings.kafkaServers());
        assertTrue(settings.topicPrefix().startsWith("test-"), settings.topicPrefix());

        RecordMetadata sent = publisher.publishToNotes(new Note("n-sent", "hello")).get(60, TimeUnit.SECONDS);

        assertEquals(settings.topicPrefix() + "notes", sent.topic());
        ConsumerRecord<byte[], byte[]> record = TestBroker.first(sent.topic(), "note n-sent", DEADLINE,
                r -> r.offset() == sent.offset() && r.partition() == sent.partition());
        assertEquals("n-sent", new String(record.key(), StandardCharsets.UTF_8), "keyed by the schema's /id");
        String envelope = new String(record.value(), StandardCharsets.UTF_8);
        assertTrue(envelope.contains("Note:1") && envelope.contains("hello"), "the envelope: " + envelope);
        assertNotNull(meters.find("kafkaesk.publish").timer(), "publish timer in the context's registry");
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertTrue(finished.stream().anyMatch(s -> s.getKind() == SpanKind.PRODUCER), "spans: " + finished);
    }

    @Test
    void theSubscriberBeanReceives() throws Exception {
        Note note = new Note("n-received", "hello");
        publisher.publishToNotes(note).get(60, TimeUnit.SECONDS);

        TestBroker.await("the inbox bean received " + note, DEADLINE,
                () -> note.equals(inbox.received.get("n-received")));

        TestBroker.await("a handler timer is recorded", DEADLINE, () -> meters.find("kafkaesk.handler").timer() != null);
        Health current = health.health();
        assertEquals(Status.UP, current.getStatus(), current.toString());
        Map<?, ?> groups = (Map<?, ?>) current.getDetails().get("subscriptions");
        assertEquals(List.of("inbox", "journal", "picky"), groups.keySet().stream().sorted().toList(),
                current.toString());
    }

    @Test
    void theBatchListenerMethodReceivesListsOfAtMostItsMaxBatchSize() throws Exception {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add("n-batch-" + i);
            sent.add(publisher.publishToNotes(new Note("n-batch-" + i, "batched")));
        }
        for (CompletableFuture<RecordMetadata> s : sent) {
            s.get(60, TimeUnit.SECONDS);
        }

        TestBroker.await("the journal stored " + ids, DEADLINE, () -> journal.stored.containsAll(ids));
        assertTrue(journal.sizes.stream().allMatch(n -> n >= 1 && n <= 3), "batch sizes " + journal.sizes);
    }

    @Test
    void aFailingHandlerDeadLettersTheRecordWithItsOriginalBytes() throws Exception {
        publisher.publishToNotes(new Note("n-poison", "poison")).get(60, TimeUnit.SECONDS);
        byte[] original = TestBroker.first(application.topic("notes"), "note n-poison", DEADLINE,
                r -> "n-poison".equals(new String(r.key(), StandardCharsets.UTF_8))).value();

        ConsumerRecord<byte[], byte[]> letter = TestBroker.first(application.topic("kafkaesk.dead-letter"),
                "the dead letter of n-poison", DEADLINE, r -> true);

        assertArrayEquals(original, letter.value());
        assertEquals("picky", TestBroker.header(letter, "kafkaesk.error.group").orElseThrow());
        String reason = TestBroker.header(letter, "kafkaesk.error.message").orElseThrow();
        assertTrue(reason.contains("cannot take note n-poison"), reason);
    }

    @Test
    void pausingTheCachedContextLeavesTheSubscriptionsRunning() throws Exception {
        KafkaeskLifecycle lifecycle = context.getBean(KafkaeskLifecycle.class);

        // What Spring's test framework does to a cached context while tests of another context run.
        context.pause();
        assertTrue(lifecycle.isRunning(), "a paused context keeps kafkaesk running");
        context.restart();

        Note note = new Note("n-after-restart", "still here");
        publisher.publishToNotes(note).get(60, TimeUnit.SECONDS);
        TestBroker.await("the inbox bean received " + note + " after the restart", DEADLINE,
                () -> note.equals(inbox.received.get("n-after-restart")));
    }
}
