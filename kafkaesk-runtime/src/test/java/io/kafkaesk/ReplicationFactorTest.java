package io.kafkaesk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkaesk.TestSchemas.Content;
import io.kafkaesk.test.EmbeddedKafka;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/** The replication factor of created topics follows the brokers the cluster reports, not the bootstrap list. */
class ReplicationFactorTest {
    @Test
    void topicsOnAThreeBrokerClusterGetThreeReplicasFromAOneServerBootstrapList() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().brokers(3).start()) {
            String oneServer = kafka.bootstrapServers().split(",")[0];
            assertEquals(3, replicasOfCreatedTopic(oneServer, kafka.bootstrapServers(), 0));
            assertEquals(2, replicasOfCreatedTopic(oneServer, kafka.bootstrapServers(), 2));
        }
    }

    @Test
    void topicsOnAOneBrokerClusterGetOneReplica() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().brokers(1).start()) {
            assertEquals(1, replicasOfCreatedTopic(kafka.bootstrapServers(), kafka.bootstrapServers(), 0));
        }
    }

    /** Publishes once through an application that knows only {@code servers}; 0 leaves the factor to the cluster. */
    private static int replicasOfCreatedTopic(String servers, String allServers, int configured) throws Exception {
        String prefix = "rf" + configured + ".";
        try (Application app = Application.builder().kafkaServers(servers).topicPrefix(prefix).build();
                Admin admin = Admin.create(Map.of("bootstrap.servers", allServers))) {
            if (configured > 0) {
                app.configure(b -> b.replicationFactor(configured));
            }
            app.schema(TestSchemas.content());
            app.publishAndWait("s", new Content("bar", "a1"));
            TopicDescription description = TopicReader.describe(admin, prefix + "s");
            return description.partitions().get(0).replicas().size();
        }
    }
}
