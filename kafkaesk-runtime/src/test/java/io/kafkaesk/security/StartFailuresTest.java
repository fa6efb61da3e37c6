package io.kafkaesk.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.test.EmbeddedKafka;
import io.kafkaesk.test.SecureKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Kafka that cannot be used is reported when the application starts, with the likely cause, by the start-up
 * check instead of a client timeout. The publish timeout is set to four minutes, so a failure reported within half
 * of it can only come from the check: the bound tells the two apart and is not a speed measurement (a loaded
 * machine may take seconds more than the documented few).
 */
@ExtendWith(SecuredCluster.class)
class StartFailuresTest {
    private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration BEFORE_ANY_TIMEOUT = CLIENT_TIMEOUT.dividedBy(2);
    private static EmbeddedKafka plaintext;

    @BeforeAll
    static void startPlaintextBroker() {
        plaintext = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopPlaintextBroker() {
        plaintext.close();
    }

    @Test
    void serversWhereNothingListensAreReportedAsRefused() throws IOException {
        String server = "127.0.0.1:" + closedPort();
        String message = failureOf(server, Map.of());
        assertTrue(message.contains(server + ": nothing listens on port"), message);
        assertTrue(message.contains("connection refused"), message);
    }

    @Test
    void anUnknownHostIsNamed() {
        String message = failureOf("no-such-broker.invalid:9092", Map.of());
        assertTrue(message.contains("unknown host no-such-broker.invalid"), message);
    }

    @Test
    void tlsAgainstAPlaintextListenerIsNamed() {
        String message = failureOf(plaintext.bootstrapServers(), Map.of("security.protocol", "SSL"));
        assertTrue(message.contains("the listener does not speak TLS, but security.protocol is SSL"), message);
    }

    @Test
    void plaintextAgainstATlsListenerIsNamed(SecureKafka kafka) {
        String message = failureOf(kafka.bootstrapServers(SecurityProtocol.SSL), Map.of());
        assertTrue(message.contains("the listener speaks TLS, but security.protocol is PLAINTEXT"), message);
        assertTrue(message.contains("set security.protocol to SSL"), message);
    }

    @Test
    void saslWithoutTlsAgainstATlsListenerIsNamed(SecureKafka kafka) {
        Map<String, Object> settings = kafka.saslPlaintextConfig("nobody", "nothing");
        String message = failureOf(kafka.bootstrapServers(SecurityProtocol.SASL_SSL), settings);
        assertTrue(message.contains("the listener speaks TLS, but security.protocol is SASL_PLAINTEXT"), message);
        assertTrue(message.contains("set security.protocol to SASL_SSL"), message);
    }

    @Test
    void aSettingValueKafkaCannotReadIsNamed() {
        String message = failureOf(plaintext.bootstrapServers(), Map.of("linger.ms", "abc"));
        assertTrue(message.startsWith("Invalid value abc for configuration linger.ms: Not a number of type LONG"),
                message);
    }

    @Test
    void aSettingValueOutsideItsRangeIsNamed() {
        String message = failureOf(plaintext.bootstrapServers(), Map.of("acks", "2"));
        assertTrue(message.startsWith("Invalid value 2 for configuration acks"), message);
    }

    @Test
    void aWorkingBrokerPassesTheCheck() {
        try (Application app = Application.builder().kafkaServers(plaintext.bootstrapServers())
                .topicPrefix("start-ok-").build()) {
            app.initialize();
            app.healthCheck();
        }
    }

    /** Starts an application on these servers and returns the message it fails with, checking when it failed. */
    private static String failureOf(String servers, Map<String, Object> settings) {
        try (Application app = Application.builder().kafkaServers(servers).kafkaSettings(settings)
                .publishTimeout(CLIENT_TIMEOUT).build()) {
            long start = System.nanoTime();
            KafkaeskException e = assertThrows(KafkaeskException.class, app::initialize);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(BEFORE_ANY_TIMEOUT) < 0,
                    "reported after " + took.toMillis() + " ms: " + e.getMessage());
            return e.getMessage();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
