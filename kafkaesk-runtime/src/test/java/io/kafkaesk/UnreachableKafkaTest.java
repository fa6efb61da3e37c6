package io.kafkaesk;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.TestSchemas.Content;
import io.kafkaesk.test.EmbeddedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * When Kafka cannot be reached, publishing fails after the publish timeout with an error that names the servers;
 * it never hangs. (The generous {@code get} bound below only turns a hang into a failure; it is not a speed check.)
 */
class UnreachableKafkaTest {
    private static final long NEVER_SECONDS = 60;

    @Test
    void publishToServersThatDoNotAnswerFailsTheFutureNamingThem() throws Exception {
        String servers = "127.0.0.1:" + closedPort();
        try (Application app = Application.builder().kafkaServers(servers).publishTimeout(Duration.ofSeconds(2))
                .build()) {
            app.schema(TestSchemas.content());
            CompletableFuture<RecordMetadata> future = app.publish("s", new Content("bar", "a1"));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> future.get(NEVER_SECONDS, TimeUnit.SECONDS));
            KafkaeskException cause = assertInstanceOf(KafkaeskException.class, e.getCause());
            assertTrue(cause.getMessage().contains(servers), cause.getMessage());
            assertTrue(cause.getMessage().contains("kafkaServers"), cause.getMessage());

            KafkaeskException again = assertThrows(KafkaeskException.class,
                    () -> app.publishAndWait("s", new Content("bar", "a1")));
            assertTrue(again.getMessage().contains(servers), again.getMessage());
        }
    }

    @Test
    void initializeFailsNamingTheServersAndWhyTheyCannotBeReached() throws Exception {
        String servers = "127.0.0.1:" + closedPort();
        try (Application app = Application.builder().kafkaServers(servers).publishTimeout(Duration.ofSeconds(2))
                .build()) {
            app.schema(TestSchemas.content("declared"));
            KafkaeskException e = assertThrows(KafkaeskException.class, app::initialize);
            assertTrue(e.getMessage().contains(servers), e.getMessage());
            assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        }
    }

    @Test
    void publishAfterTheBrokerStopsFailsTheFutureNamingTheServers() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.builder().brokers(1).start();
        String servers = kafka.bootstrapServers();
        try (Application app = Application.builder().kafkaServers(servers).publishTimeout(Duration.ofSeconds(3))
                .build()) {
            app.schema(TestSchemas.content());
            app.publishAndWait("s", new Content("bar", "a1")); // the topic now exists and is cached
            stop(kafka);
            CompletableFuture<RecordMetadata> future = app.publish("s", new Content("baz", "a2"), null, List.of());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> future.get(NEVER_SECONDS, TimeUnit.SECONDS));
            KafkaeskException cause = assertInstanceOf(KafkaeskException.class, e.getCause());
            assertTrue(cause.getMessage().contains(servers), cause.getMessage());
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, cause.getCause());
        } finally {
            stop(kafka);
        }
    }

    private boolean stopped;

    private void stop(EmbeddedKafka kafka) {
        if (!stopped) {
            stopped = true;
            kafka.close();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
