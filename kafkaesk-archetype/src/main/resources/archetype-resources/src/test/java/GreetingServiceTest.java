package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ${package}.events.Greeting;
import io.kafkaesk.Application;
import io.kafkaesk.SchemaValidationException;
import io.kafkaesk.test.KafkaCluster;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service against a real Kafka broker that starts inside the test JVM (kafkaesk-test): no Docker needed. */
@KafkaeskTest
class GreetingServiceTest {
    @Test
    void theGreetingPublishedOnStartReachesTheReplier(KafkaCluster kafka, TopicPrefix prefix) throws Exception {
        GreetingReplier replier = new GreetingReplier();
        try (Application app = GreetingService.app(replier)) {
            app.configure(settings -> settings.kafkaServers(kafka.bootstrapServers()).topicPrefix(prefix.value()));
            app.initialize();

            List<Greeting> received = awaitOne(replier);
            assertEquals(Greeting.builder().from("${artifactId}").to("world").text("Hello, world!").build(),
                    received.get(0));
        }
    }

    @Test
    void anInvalidGreetingIsRefusedBeforeItIsSent(KafkaCluster kafka, TopicPrefix prefix) {
        try (Application app = GreetingService.app()) {
            app.configure(settings -> settings.kafkaServers(kafka.bootstrapServers()).topicPrefix(prefix.value()));
            SchemaValidationException e = assertThrows(SchemaValidationException.class,
                    () -> new Greeter(app).greet("", "grace"));
            assertTrue(e.getMessage().contains("from"), e.getMessage());
        }
    }

    /** Waits, up to a generous deadline, for the first greeting. */
    private static List<Greeting> awaitOne(GreetingReplier replier) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (replier.received().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no greeting received within 60 s");
            }
            Thread.sleep(20);
        }
        return replier.received();
    }
}
