package io.kafkaesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkaesk.Application;
import io.kafkaesk.examples.events.KafkaeskSchemas;
import io.kafkaesk.examples.events.shop.OrderPlaced;
import io.kafkaesk.examples.events.shop.OrderPlacedPublisher;
import io.kafkaesk.test.SecureKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** The README's SecureKafka snippet: the generated publisher works over SCRAM and TLS with only topic ACLs. */
class SecuredShopTest {
    @Test
    void generatedPublisherPublishesOverSaslSslWithPrefixedAcls() throws Exception {
        try (SecureKafka kafka = SecureKafka.builder().user("billing", "s3cret").start()) {
            kafka.allow("billing", ResourceType.TOPIC, "billing.", PatternType.PREFIXED, AclOperation.ALL);
            try (Application app = Application.builder()
                    .kafkaServers(kafka.bootstrapServers(SecurityProtocol.SASL_SSL))
                    .topicPrefix("billing.")
                    .kafkaSettings(kafka.saslSslConfig("billing", "s3cret")) // the settings shown above
                    .build()) {
                app.schemas(KafkaeskSchemas.all());
                OrderPlacedPublisher.of(app).publishToShopOrdersLegacy(
                        OrderPlaced.builder().orderId("o-1").customer("ada").total(12.0).build()).get();
            }
            assertEquals(1, recordsIn(kafka, "billing.shop.orders.legacy")); // read as the admin, a super user
        }
    }

    /** Counts the records of a topic, as the cluster's admin. */
    private static long recordsIn(SecureKafka kafka, String topic) {
        Map<String, Object> config = kafka.clientConfig();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(30)).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }
}
