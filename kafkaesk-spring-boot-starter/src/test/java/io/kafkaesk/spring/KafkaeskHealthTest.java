package io.kafkaesk.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.RetryPolicy;
import io.kafkaesk.spring.events.Note;
import io.kafkaesk.spring.events.NotePublisher;
import io.kafkaesk.spring.test.EmbeddedKafkaesk;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/** The {@code kafkaesk} health indicator of a running application, while a consumer dies. */
@SpringBootTest(classes = KafkaeskHealthTest.Stopping.class)
@EmbeddedKafkaesk
@DirtiesContext // its consumer is dead: no other test may get this context from the cache
class KafkaeskHealthTest {
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

    @Autowired
    KafkaeskHealthIndicator health;

    @Autowired
    NotePublisher publisher;

    @Test
    void healthGoesDownWhenAConsumerDies() throws Exception {
        assertEquals(Status.UP, health.health().getStatus(), health.health().toString());

        publisher.publishToNotes(new Note("n-1", "bye")).get(60, TimeUnit.SECONDS);

        TestBroker.await("the kafkaesk health is DOWN", DEADLINE,
                () -> health.health().getStatus().equals(Status.DOWN));
        Health down = health.health();
        Map<?, ?> quitter = (Map<?, ?>) ((Map<?, ?>) down.getDetails().get("subscriptions")).get("quitter");
        assertEquals("DOWN", quitter.get("status"), down.toString());
        assertTrue(String.valueOf(quitter.get("error")).contains("quitting on n-1"), down.toString());
    }
}
