package io.kafkaesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.ConsumerUnhealthyException;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.test.SecureKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ACLs enforced by the broker's authorizer, seen through kafkaesk: users authenticate with SCRAM over SASL_SSL and
 * may do only what their ACLs allow.
 */
@ExtendWith(SecuredCluster.class)
class AclTest {
    /** May read and describe the class's topics, but not write or create them; may write elsewhere. */
    private static final String READER = "acl-reader";
    /** May read and describe the class's topics, and write nowhere. */
    private static final String NO_WRITE = "acl-no-write";
    /** May do anything on the class's topics and read its groups. */
    private static final String WRITER = "acl-writer";
    private static final String PASSWORD = "acl-Secret-2";
    private static String prefix;

    @BeforeAll
    static void createUsers(SecureKafka kafka) throws Exception {
        prefix = SecuredCluster.uniquePrefix();
        kafka.createUser(READER, PASSWORD);
        kafka.createUser(WRITER, PASSWORD);
        kafka.createUser(NO_WRITE, PASSWORD);
        kafka.allow(NO_WRITE, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.READ,
                AclOperation.DESCRIBE);
        kafka.allow(READER, ResourceType.TOPIC, "elsewhere-" + prefix, PatternType.PREFIXED, AclOperation.WRITE);
        kafka.allow(READER, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.READ,
                AclOperation.DESCRIBE);
        kafka.allow(WRITER, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.ALL);
        kafka.allow(WRITER, ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ);
        SecureTopics.create(kafka, prefix + "existing");
    }

    @Test
    void userWithoutWriteGetsAnAuthorizationErrorAndNothingIsSent(SecureKafka kafka) {
        try (Application app = app(kafka, READER)) {
            KafkaeskException e = assertThrows(KafkaeskException.class,
                    () -> app.publishAndWait("existing", new Event("e1", "refused")));
            assertInstanceOf(TopicAuthorizationException.class, e.getCause(), e.toString());
            assertTrue(e.getMessage().contains(prefix + "existing"), e.getMessage());
            assertTrue(e.getMessage().contains("WRITE"), e.getMessage());
        }
        assertEquals(0, SecureTopics.endOffset(kafka, prefix + "existing"), "no record reached the topic");
    }

    @Test
    void userWithNoWriteAnywhereIsRefusedAProducerIdWithAnErrorThatSaysWhy(SecureKafka kafka) {
        try (Application app = app(kafka, NO_WRITE)) {
            KafkaeskException e = assertThrows(KafkaeskException.class,
                    () -> app.publishAndWait("existing", new Event("e1", "refused")));
            // The refusal itself, or the producer's "error state" it caused when the send came after it.
            assertTrue(causes(e).stream().anyMatch(ClusterAuthorizationException.class::isInstance), e.toString());
            assertTrue(e.getMessage().contains("WRITE operation on the topic"), e.getMessage());
        }
        assertEquals(0, SecureTopics.endOffset(kafka, prefix + "existing"), "no record reached the topic");
    }

    @Test
    void applicationRefusedAProducerIdPublishesOnceTheUserMayWrite(SecureKafka kafka) throws Exception {
        String user = "acl-late-writer";
        kafka.createUser(user, PASSWORD);
        kafka.allow(user, ResourceType.TOPIC, prefix + "late", PatternType.PREFIXED, AclOperation.READ,
                AclOperation.DESCRIBE);
        SecureTopics.create(kafka, prefix + "late");
        try (Application app = app(kafka, user)) {
            assertThrows(KafkaeskException.class, () -> app.publishAndWait("late", new Event("e1", "refused")));
            kafka.allow(user, ResourceType.TOPIC, prefix + "late", PatternType.PREFIXED, AclOperation.WRITE);
            app.publishAndWait("late", new Event("e2", "allowed now"));
            app.healthCheck();
        }
        assertEquals(1, SecureTopics.endOffset(kafka, prefix + "late"));
    }

    @Test
    void userWithoutCreateCannotCreateATopicOnFirstPublish(SecureKafka kafka) {
        try (Application app = app(kafka, READER)) {
            KafkaeskException e = assertThrows(KafkaeskException.class,
                    () -> app.publishAndWait("never-created", new Event("e1", "refused")));
            assertInstanceOf(TopicAuthorizationException.class, e.getCause(), e.toString());
        }
    }

    @Test
    void userAllowedToWriteCreatesTheTopicAndPublishes(SecureKafka kafka) throws Exception {
        try (Application app = app(kafka, WRITER)) {
            app.publishAndWait("written", new Event("e1", "allowed"));
        }
        assertEquals(1, SecureTopics.read(kafka, prefix + "written", 1).size());
    }

    @Test
    void userWithoutReadOnTheGroupIsRefusedAndTheConsumerReportsIt(SecureKafka kafka) throws Exception {
        try (Application app = app(kafka, READER)) {
            app.subscribeEnvelopes("existing", prefix + "not-allowed", new Received());
            app.initialize();
            ConsumerUnhealthyException unhealthy = Received.awaitCondition("an unhealthy consumer", () -> {
                try {
                    app.healthCheck();
                    return null;
                } catch (ConsumerUnhealthyException e) {
                    return e;
                }
            });
            assertTrue(unhealthy.getMessage().contains("GroupAuthorizationException"), unhealthy.getMessage());
            assertTrue(unhealthy.getMessage().contains("READ operation on that group"), unhealthy.getMessage());
        }
    }

    @Test
    void userAllowedToWriteTheTopicAndReadTheGroupPublishesAndConsumes(SecureKafka kafka) throws Exception {
        Received received = new Received();
        try (Application app = app(kafka, WRITER)) {
            app.subscribeEnvelopes("both", prefix + "writers", received);
            app.initialize();
            app.publishAndWait("both", new Event("e1", "allowed"));
            received.await(1);
            app.healthCheck();
        }
        assertEquals(List.of("e1"), received.ids());
    }

    @Test
    void failingRecordIsDeadLetteredUnderTheUsersAcls(SecureKafka kafka) throws Exception {
        try (Application app = app(kafka, WRITER)) {
            app.subscribeEnvelopes("fails", prefix + "failing", (envelope, context) -> {
                throw new IllegalStateException("handler refuses " + envelope.path("data").path("id"));
            }).retry(RetryPolicy.attempts(1));
            app.initialize();
            app.publishAndWait("fails", new Event("e1", "doomed"));
            List<ConsumerRecord<byte[], byte[]>> dead = SecureTopics.read(kafka, prefix + "kafkaesk.dead-letter", 1);
            assertEquals(1, dead.size(), "the record reached the dead-letter topic");
            Header error = dead.get(0).headers().lastHeader("kafkaesk.error.class");
            assertEquals(IllegalStateException.class.getName(), new String(error.value(), StandardCharsets.UTF_8));
            app.healthCheck();
        }
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static Application app(SecureKafka kafka, String user) {
        Application app = Application.builder()
                .kafkaServers(kafka.bootstrapServers())
                .topicPrefix(prefix)
                .kafkaSettings(kafka.saslSslConfig(user, PASSWORD))
                .replicationFactor(1)
                .publishTimeout(Duration.ofSeconds(5))
                .defaultPartitions(1) // the dead-letter topic, read from partition 0
                .build();
        app.schema(Event.SCHEMA);
        return app;
    }
}
