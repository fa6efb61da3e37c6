package io.kafkaesk.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.spring.events.Note;
import io.kafkaesk.spring.events.NotePublisher;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The application's life within Spring Boot's: health while it runs, graceful shutdown, a failed start. */
class KafkaeskLifecycleTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Stopping {
        @Bean
        Quitter quitter() {
            return new Quitter();
        }
    }

    /** Stops its subscription at the first record, without committing it: its consumer is then dead. */
    static class Quitter {
        @KafkaeskListener(pattern = "notes", group = "quitter", attempts = 1, exhausted = RetryPolicy.Exhausted.STOP)
        void take(Note note) {
            throw new IllegalStateException("quitting on " + note.id());
        }
    }

    @Test
    void healthGoesDownWhenAConsumerDies() throws Exception {
        try (ConfigurableApplicationContext context = TestBroker.run(Stopping.class)) {
            KafkaeskHealthIndicator health = context.getBean(KafkaeskHealthIndicator.class);
            assertEquals(Status.UP, health.health().getStatus(), health.health().toString());

            context.getBean(NotePublisher.class).publishToNotes(new Note("n-1", "bye")).get(60, TimeUnit.SECONDS);

            TestBroker.await("the kafkaesk health is DOWN", DEADLINE,
                    () -> health.health().getStatus().equals(Status.DOWN));
            Health down = health.health();
            Map<?, ?> quitter = (Map<?, ?>) ((Map<?, ?>) down.getDetails().get("subscriptions")).get("quitter");
            assertEquals("DOWN", quitter.get("status"), down.toString());
            assertTrue(String.valueOf(quitter.get("error")).contains("quitting on n-1"), down.toString());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Slow {
        @Bean
        SlowWorker slowWorker() {
            return new SlowWorker();
        }
    }

    /** Takes a while over each record, so that shutdown begins while one is in flight. */
    static class SlowWorker {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicBoolean finished = new AtomicBoolean();

        @KafkaeskListener(pattern = "notes", group = "slow")
        void work(Note note) throws InterruptedException {
            started.countDown();
            Thread.sleep(1500); // the work in flight when the context closes
            finished.set(true);
        }
    }

    @Test
    void shutdownFinishesTheRecordInFlightAndCommitsIt() throws Exception {
        ConfigurableApplicationContext context = TestBroker.run(Slow.class);
        SlowWorker worker = context.getBean(SlowWorker.class);
        Application application = context.getBean(Application.class);
        String topic = application.topic("notes");
        int partition = context.getBean(NotePublisher.class).publishToNotes(new Note("n-1", "slow"))
                .get(60, TimeUnit.SECONDS).partition();
        assertTrue(worker.started.await(60, TimeUnit.SECONDS), "the record reached the handler");
        assertFalse(worker.finished.get(), "still in flight when the context closes");

        context.close();

        assertTrue(worker.finished.get(), "close() returned only after the record in flight was handled");
        try (Admin admin = TestBroker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("slow").partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
            OffsetAndMetadata offset = committed.get(new TopicPartition(topic, partition));
            assertEquals(1, offset == null ? -1 : offset.offset(), "committed past the handled record: " + committed);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Empty {}

    @Test
    void aMissingServersPropertyFailsStartupNamingIt() {
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> new SpringApplicationBuilder(Empty.class)
                        .web(WebApplicationType.NONE).run().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("The property kafkaesk.servers is missing"), messages.toString());
        // Spring Boot's "APPLICATION FAILED TO START" report comes from the analyzers spring.factories lists.
        // Analyzers that need the context's bean factory cannot be created here: skipped.
        FailureAnalysis analysis = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> { }))
                .stream().map(analyzer -> analyzer.analyze(failure)).filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new AssertionError("no failure analyzer explains " + failure));
        assertTrue(analysis.getDescription().contains("kafkaesk.servers"), analysis.getDescription());
        assertTrue(analysis.getAction().contains("Set kafkaesk.servers=localhost:9092"), analysis.getAction());
    }
}
