package io.kafkaesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.ConsumerUnhealthyException;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.test.SecureKafka;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SCRAM-SHA-512 over SASL_SSL and SASL_PLAINTEXT, configured through {@code kafkaSettings} only. A wrong password
 * fails fast with Kafka's authentication error; the generous {@code get} bounds only turn a hang into a failure.
 */
@ExtendWith(SecuredCluster.class)
class ScramAuthenticationTest {
    private static final String USER = "scram-carol";
    private static final String PASSWORD = "carol-Secret-1";
    private static final long NEVER_SECONDS = 60;
    private static String prefix;

    @BeforeAll
    static void createUser(SecureKafka kafka) {
        prefix = SecuredCluster.uniquePrefix();
        kafka.createUser(USER, PASSWORD);
        kafka.allow(USER, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.ALL);
        kafka.allow(USER, ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ);
    }

    @Test
    void publishesOverSaslSslWithTheRightCredentials(SecureKafka kafka) throws Exception {
        try (Application app = app(kafka, SecurityProtocol.SASL_SSL, PASSWORD)) {
            RecordMetadata sent = app.publishAndWait("ssl", new Event("e1", "over TLS"));
            assertEquals(prefix + "ssl", sent.topic());
        }
        assertEquals(1, SecureTopics.read(kafka, prefix + "ssl", 1).size());
    }

    @Test
    void publishesAndConsumesOverSaslSslWithTheRightCredentials(SecureKafka kafka) throws Exception {
        Received received = new Received();
        try (Application app = app(kafka, SecurityProtocol.SASL_SSL, PASSWORD)) {
            app.subscribeEnvelopes("round-trip", prefix + "readers", received);
            app.initialize();
            app.publishAndWait("round-trip", new Event("e1", "there"));
            app.publishAndWait("round-trip", new Event("e2", "and back"));
            received.await(2);
            app.healthCheck();
        }
        assertEquals(Set.of("e1", "e2"), Set.copyOf(received.ids())); // keyed by id: in any order
    }

    @Test
    void wrongPasswordMakesTheConsumerUnhealthyAndCloseDoesNotHang(SecureKafka kafka, TestReporter reporter)
            throws Exception {
        Received received = new Received();
        Application app = app(kafka, SecurityProtocol.SASL_SSL, "not-the-password");
        try {
            app.subscribeEnvelopes("refused.*", prefix + "refused", received);
            app.initialize(); // a glob creates no topic, so the consumer is the first to talk to Kafka
            long started = System.nanoTime();
            ConsumerUnhealthyException unhealthy = Received.awaitCondition("an unhealthy consumer", () -> {
                try {
                    app.healthCheck();
                    return null;
                } catch (ConsumerUnhealthyException e) {
                    return e;
                }
            });
            reporter.publishEntry("unhealthy-after-ms", String.valueOf((System.nanoTime() - started) / 1_000_000));
            assertTrue(unhealthy.getMessage().contains("SaslAuthenticationException"), unhealthy.getMessage());
            assertTrue(unhealthy.getMessage().contains("sasl.jaas.config"), unhealthy.getMessage());
        } finally {
            long closing = System.nanoTime();
            app.close();
            reporter.publishEntry("close-ms", String.valueOf((System.nanoTime() - closing) / 1_000_000));
        }
        assertEquals(List.of(), received.envelopes);
    }

    @Test
    void publishesOverSaslPlaintextWithTheRightCredentials(SecureKafka kafka) throws Exception {
        try (Application app = app(kafka, SecurityProtocol.SASL_PLAINTEXT, PASSWORD)) {
            app.publishAndWait("plain", new Event("e1", "no TLS"));
        }
        assertEquals(1, SecureTopics.read(kafka, prefix + "plain", 1).size());
    }

    @Test
    void wrongPasswordFailsPublishWithAnAuthenticationErrorNotATimeout(SecureKafka kafka, TestReporter reporter)
            throws Exception {
        try (Application app = app(kafka, SecurityProtocol.SASL_SSL, "not-the-password")) {
            long started = System.nanoTime();
            CompletableFuture<RecordMetadata> future = app.publish("refused", new Event("e1", "x"));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> future.get(NEVER_SECONDS, TimeUnit.SECONDS));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            KafkaeskException failure = assertInstanceOf(KafkaeskException.class, e.getCause());
            assertInstanceOf(SaslAuthenticationException.class, failure.getCause(), failure.toString());
            assertTrue(failure.getMessage().contains("Authentication failed"), failure.getMessage());
            assertTrue(failure.getMessage().contains("sasl.jaas.config"), failure.getMessage());
            reporter.publishEntry("refused-after-ms", String.valueOf(elapsedMs));

            KafkaeskException again = assertThrows(KafkaeskException.class,
                    () -> app.publishAndWait("refused", new Event("e2", "x")));
            assertInstanceOf(SaslAuthenticationException.class, again.getCause(), again.toString());
        }
    }

    private static Application app(SecureKafka kafka, SecurityProtocol protocol, String password) {
        Application app = Application.builder()
                .kafkaServers(kafka.bootstrapServers(protocol))
                .topicPrefix(prefix)
                .kafkaSettings(protocol == SecurityProtocol.SASL_SSL ? kafka.saslSslConfig(USER, password)
                        : kafka.saslPlaintextConfig(USER, password))
                .replicationFactor(1)
                .publishTimeout(Duration.ofSeconds(5))
                .build();
        app.schema(Event.SCHEMA);
        return app;
    }
}
