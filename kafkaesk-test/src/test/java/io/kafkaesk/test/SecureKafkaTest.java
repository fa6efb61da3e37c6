package io.kafkaesk.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The secured cluster authenticates, encrypts and authorizes as documented; one cluster for the whole class. */
class SecureKafkaTest {
    private static final String ALICE = "alice";
    private static final String ALICE_PASSWORD = "alice-secret";
    private static SecureKafka kafka;

    @BeforeAll
    static void start() {
        kafka = SecureKafka.builder().user(ALICE, ALICE_PASSWORD).start();
        kafka.allow(ALICE, ResourceType.TOPIC, "alice.", PatternType.PREFIXED, AclOperation.ALL);
        kafka.allow("ANONYMOUS", ResourceType.TOPIC, "tls.", PatternType.PREFIXED, AclOperation.ALL);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            Path truststore = kafka.truststoreLocation();
            kafka.close();
            assertTrue(Files.notExists(truststore), "certificates are deleted on close");
        }
    }

    @Test
    void scramUserWritesOverSaslSslAndSaslPlaintext() throws Exception {
        send(config(SecurityProtocol.SASL_SSL, kafka.saslSslConfig(ALICE, ALICE_PASSWORD)), "alice.ssl");
        send(config(SecurityProtocol.SASL_PLAINTEXT, kafka.saslPlaintextConfig(ALICE, ALICE_PASSWORD)),
                "alice.plain");
    }

    @Test
    void wrongPasswordIsRefusedWithAnAuthenticationError() {
        Map<String, Object> config = config(SecurityProtocol.SASL_SSL, kafka.saslSslConfig(ALICE, "wrong"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> createTopic(config, "alice.refused"));
        assertInstanceOf(SaslAuthenticationException.class, e.getCause(), e.toString());
    }

    @Test
    void userWithoutAclCannotWrite() {
        Map<String, Object> config = config(SecurityProtocol.SASL_SSL, kafka.saslSslConfig(ALICE, ALICE_PASSWORD));
        ExecutionException e = assertThrows(ExecutionException.class, () -> send(config, "not-alice.topic"));
        assertInstanceOf(TopicAuthorizationException.class, e.getCause(), e.toString());
    }

    @Test
    void tlsClientTrustingTheTestAuthorityIsAnonymousAndNeedsAcls() throws Exception {
        send(config(SecurityProtocol.SSL, kafka.sslConfig()), "tls.topic");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> send(config(SecurityProtocol.SSL, kafka.sslConfig()), "alice.not-anonymous"));
        assertInstanceOf(TopicAuthorizationException.class, e.getCause(), e.toString());
    }

    @Test
    void tlsClientWithoutTheTestAuthorityIsRefused() {
        Map<String, Object> config = config(SecurityProtocol.SSL, kafka.sslConfig());
        config.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG); // the JDK's default trust store
        config.remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        config.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        ExecutionException e = assertThrows(ExecutionException.class, () -> createTopic(config, "tls.refused"));
        assertInstanceOf(SslAuthenticationException.class, e.getCause(), e.toString());
    }

    @Test
    void brokerCertificateIsValidForLocalhostOnly() throws Exception {
        Map<String, Object> config = config(SecurityProtocol.SSL, kafka.sslConfig());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(SecurityProtocol.SSL).replace("localhost", "127.0.0.1"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> createTopic(config, "tls.by-ip"));
        assertInstanceOf(SslAuthenticationException.class, e.getCause(), e.toString());

        config.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, ""); // the only difference
        createTopic(config, "tls.by-ip");
    }

    @Test
    void adminClientConfigIsASuperUser() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("anything", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        assertEquals("kafkaesk-admin", kafka.adminUser());
    }

    private static Map<String, Object> config(SecurityProtocol protocol, Map<String, Object> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(protocol));
        return config;
    }

    private static void createTopic(Map<String, Object> config, String topic) throws Exception {
        Map<String, Object> adminConfig = new HashMap<>(config);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void send(Map<String, Object> config, String topic) throws Exception {
        Map<String, Object> producerConfig = new HashMap<>(config);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
        }
    }
}
