package io.kafkaesk.spring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.MessageContext;
import io.kafkaesk.spring.events.Note;
import io.kafkaesk.spring.events.NotePublisher;
import io.kafkaesk.spring.events.NoteSubscriber;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter in a real Spring Boot application on a real broker: beans publish, receive and dead-letter.
 *
 * <p>The application is started with {@link org.springframework.boot.SpringApplication}, as {@code main} would:
 * {@code @SpringBootTest}'s JUnit extension in Spring Framework 7 needs JUnit Jupiter 6, and this build runs 5.
 */
class KafkaeskSpringBootTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() {
        context = TestBroker.run(Shop.class);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

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

    private final NotePublisher publisher = context.getBean(NotePublisher.class);
    private final Inbox inbox = context.getBean(Inbox.class);
    private final Application application = context.getBean(Application.class);
    private final MeterRegistry meters = context.getBean(MeterRegistry.class);
    private final InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
    private final KafkaeskHealthIndicator health = context.getBean(KafkaeskHealthIndicator.class);

    @Test
    void aPublisherBeanPublishesAndASubscriberBeanReceives() throws Exception {
        Note note = new Note("n-1", "hello");
        RecordMetadata sent = publisher.publishToNotes(note).get(60, TimeUnit.SECONDS);
        assertEquals(application.topic("notes"), sent.topic());

        TestBroker.await("the inbox bean received " + note, DEADLINE, () -> note.equals(inbox.received.get("n-1")));

        assertNotNull(meters.find("kafkaesk.publish").timer(), "publish timer in the context's registry");
        TestBroker.await("a handler timer is recorded", DEADLINE, () -> meters.find("kafkaesk.handler").timer() != null);
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertTrue(finished.stream().anyMatch(s -> s.getKind() == SpanKind.PRODUCER), "spans: " + finished);

        Health current = health.health();
        assertEquals(Status.UP, current.getStatus(), current.toString());
        Map<?, ?> groups = (Map<?, ?>) current.getDetails().get("subscriptions");
        assertEquals(List.of("inbox", "picky"), groups.keySet().stream().sorted().toList(), current.toString());
    }

    @Test
    void aFailingHandlerDeadLettersTheRecordWithItsOriginalBytes() throws Exception {
        publisher.publishToNotes(new Note("n-poison", "poison")).get(60, TimeUnit.SECONDS);
        byte[] original = TestBroker.read(application.topic("notes"), 1, DEADLINE).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("n-poison")).findFirst()
                .orElseThrow().value();

        List<ConsumerRecord<byte[], byte[]>> dead = TestBroker.read(application.topic("kafkaesk.dead-letter"), 1,
                DEADLINE);
        assertEquals(1, dead.size(), "one dead letter");
        ConsumerRecord<byte[], byte[]> letter = dead.get(0);
        assertArrayEquals(original, letter.value());
        assertEquals("picky", header(letter, "kafkaesk.error.group"));
        assertTrue(header(letter, "kafkaesk.error.message").contains("cannot take note n-poison"),
                header(letter, "kafkaesk.error.message"));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, "header " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
