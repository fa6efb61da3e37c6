package io.kafkaesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.test.SecureKafka;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TLS through {@code kafkaSettings}: the broker's certificate is signed by a test authority and valid for
 * {@code localhost} only. Clients of the SSL listener are {@code User:ANONYMOUS}, allowed on this class's prefix.
 */
@ExtendWith(SecuredCluster.class)
class TlsTest {
    private static String prefix;

    @BeforeAll
    static void allowAnonymous(SecureKafka kafka) {
        prefix = SecuredCluster.uniquePrefix();
        kafka.allow("ANONYMOUS", ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.ALL);
    }

    @Test
    void publishesWhenTheClientTrustsTheBrokersAuthority(SecureKafka kafka) throws Exception {
        try (Application app = app(kafka.bootstrapServers(SecurityProtocol.SSL), kafka.sslConfig())) {
            app.publishAndWait("trusted", new Event("e1", "over TLS"));
        }
        assertEquals(1, SecureTopics.read(kafka, prefix + "trusted", 1).size());
    }

    @Test
    void clientThatDoesNotTrustTheBrokersAuthorityIsRefused(SecureKafka kafka) {
        Map<String, Object> settings = kafka.sslConfig();
        // The JDK's default trust store, which knows public authorities only.
        settings.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        settings.remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        settings.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        try (Application app = app(kafka.bootstrapServers(SecurityProtocol.SSL), settings)) {
            KafkaeskException e = assertThrows(KafkaeskException.class,
                    () -> app.publishAndWait("untrusted", new Event("e1", "x")));
            assertInstanceOf(SslAuthenticationException.class, e.getCause(), e.toString());
            assertTrue(e.getMessage().contains("ssl.truststore"), e.getMessage());
        }
    }

    @Test
    void hostNameVerificationRefusesACertificateForAnotherName(SecureKafka kafka) {
        // 127.0.0.1 is the same broker, but its certificate names only localhost.
        String byAddress = kafka.bootstrapServers(SecurityProtocol.SSL).replace("localhost", "127.0.0.1");
        try (Application app = app(byAddress, kafka.sslConfig())) {
            KafkaeskException e = assertThrows(KafkaeskException.class,
                    () -> app.publishAndWait("by-address", new Event("e1", "x")));
            assertInstanceOf(SslAuthenticationException.class, e.getCause(), e.toString());
            assertTrue(e.getMessage().contains("ssl.endpoint.identification.algorithm"), e.getMessage());
        }
    }

    private static Application app(String servers, Map<String, Object> settings) {
        Application app = Application.builder()
                .kafkaServers(servers)
                .topicPrefix(prefix)
                .kafkaSettings(settings)
                .replicationFactor(1)
                .publishTimeout(Duration.ofSeconds(5))
                .build();
        app.schema(Event.SCHEMA);
        return app;
    }
}
