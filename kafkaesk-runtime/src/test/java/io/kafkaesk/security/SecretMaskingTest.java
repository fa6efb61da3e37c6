package io.kafkaesk.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.ConsumerUnhealthyException;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.internal.consumer.EngineConfig;
import io.kafkaesk.test.SecureKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Passwords given in {@code kafkaSettings} never appear in logs, in settings' text or in error messages. */
@ExtendWith(SecuredCluster.class)
class SecretMaskingTest {
    private static final String USER = "mask-dave";
    private static final String PASSWORD = "dave-Pa55word-Xq7";
    private static final String WRONG_PASSWORD = "not-dave-Zz9k";

    @Test
    void settingsTextShowsTheSecurityProtocolAndHidesPasswords() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.mechanism", "SCRAM-SHA-512");
        settings.put("sasl.jaas.config", SecureKafka.jaas(USER, PASSWORD));
        settings.put("ssl.truststore.location", "/etc/kafka/truststore.p12");
        settings.put("ssl.truststore.password", "trust-Pa55");
        settings.put("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----");
        settings.put("basic.auth.user.info", "user:pa55"); // not Kafka's: kafkaesk cannot tell, so hidden
        String text = Application.builder().kafkaSettings(settings).build().settings().toString();

        assertTrue(text.contains("security.protocol=SASL_SSL"), text);
        assertTrue(text.contains("sasl.mechanism=SCRAM-SHA-512"), text);
        assertTrue(text.contains("ssl.truststore.location=/etc/kafka/truststore.p12"), text);
        assertTrue(text.contains("sasl.jaas.config=[hidden]"), text);
        assertTrue(text.contains("ssl.truststore.password=[hidden]"), text);
        assertTrue(text.contains("ssl.keystore.key=[hidden]"), text);
        assertTrue(text.contains("basic.auth.user.info=[hidden]"), text);
        for (String secret : new String[] {PASSWORD, USER, "trust-Pa55", "PRIVATE KEY", "pa55"}) {
            assertFalse(text.contains(secret), text);
        }
    }

    @Test
    void consumerEngineConfigTextHidesPasswords() {
        EngineConfig config = new EngineConfig("g", Map.of("sasl.jaas.config", SecureKafka.jaas(USER, PASSWORD),
                "security.protocol", "SASL_SSL"), List.of("t"), null, 1, true, Duration.ofSeconds(5),
                Duration.ofMillis(100), 100, Duration.ofSeconds(5));
        assertTrue(config.toString().contains("security.protocol=SASL_SSL"), config.toString());
        assertFalse(config.toString().contains(PASSWORD), config.toString());
    }

    @Test
    void aSettingKafkaCannotParseIsReportedWithoutShowingItsSecretValue() {
        // Kafka's own message would be "Invalid value 73194652 for configuration ssl.truststore.password: ...".
        try (Application app = Application.builder().kafkaServers("localhost:9")
                .kafkaSettings(Map.of("security.protocol", "SSL", "ssl.truststore.password", 73194652)).build()) {
            KafkaeskException e = assertThrows(KafkaeskException.class, app::initialize);
            assertTrue(e.getMessage().contains("ssl.truststore.password"), e.getMessage());
            assertFalse(e.getMessage().contains("73194652"), e.getMessage());
            assertNull(e.getCause(), "the cause, which shows the value, is left out");
        }
    }

    @Test
    void aBadJaasConfigIsReportedWithKafkasReasonAndWithoutThePassword() {
        String jaas = SecureKafka.jaas(USER, PASSWORD).replace(";", ""); // not terminated
        try (Application app = Application.builder().kafkaServers("localhost:9")
                .kafkaSettings(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", jaas)).build()) {
            KafkaeskException e = assertThrows(KafkaeskException.class, app::initialize);
            assertTrue(e.getMessage().contains("JAAS config entry not terminated by semi-colon"), e.getMessage());
            assertFalse(stackTrace(e).contains(PASSWORD), stackTrace(e));
        }
    }

    @Test
    void noPasswordReachesTheLogsOrErrorsOfASecuredApplication(SecureKafka kafka) throws Exception {
        String prefix = SecuredCluster.uniquePrefix();
        kafka.createUser(USER, PASSWORD);
        kafka.allow(USER, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.ALL);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder errors = new StringBuilder();
        // slf4j-simple looks System.err up on every line, so the logs of this block land in `captured`.
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            try (Application app = app(kafka, prefix, PASSWORD)) {
                app.initialize(); // logs its settings
                app.publishAndWait("masked", new Event("e1", "fine"));
            }
            try (Application app = app(kafka, prefix, WRONG_PASSWORD)) {
                app.subscribeEnvelopes("masked*", prefix + "group", (envelope, context) -> { });
                app.initialize();
                KafkaeskException e = assertThrows(KafkaeskException.class,
                        () -> app.publishAndWait("masked", new Event("e2", "refused")));
                errors.append(stackTrace(e));
                errors.append(stackTrace(Received.awaitCondition("an unhealthy consumer", () -> {
                    try {
                        app.healthCheck();
                        return null;
                    } catch (ConsumerUnhealthyException unhealthy) {
                        return unhealthy;
                    }
                })));
            }
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        original.print(logs);
        assertTrue(logs.contains("sasl.jaas.config=[hidden]"), "the settings were logged: " + logs);
        assertTrue(errors.toString().contains("Authentication failed"), errors.toString());
        assertTrue(errors.toString().contains("ConsumerUnhealthyException"), errors.toString());
        for (String secret : new String[] {PASSWORD, WRONG_PASSWORD, kafka.truststorePassword()}) {
            assertFalse(logs.contains(secret), "a password is in the logs: " + logs);
            assertFalse(errors.toString().contains(secret), "a password is in an error: " + errors);
        }
    }

    private static Application app(SecureKafka kafka, String prefix, String password) {
        Application app = Application.builder()
                .kafkaServers(kafka.bootstrapServers())
                .topicPrefix(prefix)
                .kafkaSettings(kafka.saslSslConfig(USER, password))
                .replicationFactor(1)
                .publishTimeout(Duration.ofSeconds(5))
                .build();
        app.schema(Event.SCHEMA);
        return app;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
