package io.kafkaesk.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.spring.events.Note;
import io.kafkaesk.spring.events.NotePublisher;
import io.kafkaesk.spring.test.EmbeddedKafkaesk;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Closing the Spring context lets the record in flight finish and commits it.
 *
 * <p>The test framework owns the context: the test leaves a record in flight, {@code @DirtiesContext} closes the
 * context right after the test (a cached context that a test closed itself would be restarted by the context cache),
 * and {@link #theRecordInFlightFinishedAndWasCommitted()} checks what the close did.
 */
@SpringBootTest(classes = KafkaeskShutdownTest.Slow.class)
@EmbeddedKafkaesk
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class KafkaeskShutdownTest {
    private static final SlowWorker WORKER = new SlowWorker();
    private static final AtomicReference<TopicPartition> IN_FLIGHT = new AtomicReference<>();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Slow {
        @Bean
        SlowWorker slowWorker() {
            return WORKER;
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

    @Autowired
    Application application;

    @Autowired
    NotePublisher publisher;

    @Test
    void theContextClosesWhileARecordIsInFlight() throws Exception {
        int partition = publisher.publishToNotes(new Note("n-1", "slow")).get(60, TimeUnit.SECONDS).partition();
        IN_FLIGHT.set(new TopicPartition(application.topic("notes"), partition));
        assertTrue(WORKER.started.await(60, TimeUnit.SECONDS), "the record reached the handler");
        assertFalse(WORKER.finished.get(), "still in flight when the context closes");
    }

    @AfterAll
    static void theRecordInFlightFinishedAndWasCommitted() throws Exception {
        TopicPartition inFlight = IN_FLIGHT.get();
        assertNotNull(inFlight, "the test published a record");
        assertTrue(WORKER.finished.get(), "the context closed only after the record in flight was handled");
        try (Admin admin = TestBroker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("slow").partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
            OffsetAndMetadata offset = committed.get(inFlight);
            assertEquals(1, offset == null ? -1 : offset.offset(), "committed past the handled record: " + committed);
        }
    }
}
