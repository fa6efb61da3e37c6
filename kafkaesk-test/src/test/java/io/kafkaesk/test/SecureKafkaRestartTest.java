package io.kafkaesk.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

/** A secured cluster of several brokers: users and ACLs reach every broker, and survive a broker's restart. */
class SecureKafkaRestartTest {
    @Test
    void restartedBrokerKeepsItsSecuredPortUsersAndAcls() throws Exception {
        try (SecureKafka kafka = SecureKafka.builder().brokers(2).user("erin", "erin-secret").start()) {
            kafka.allow("erin", ResourceType.TOPIC, "erin.", PatternType.PREFIXED, AclOperation.ALL);
            String[] servers = kafka.bootstrapServers(SecurityProtocol.SASL_SSL).split(",");
            assertEquals(2, servers.length, kafka.toString());
            assertEquals(2, nodesSeenVia(kafka, servers[1]));

            kafka.embedded().stopBroker(1);
            kafka.embedded().startBroker(1);

            assertEquals(servers[1], kafka.bootstrapServers(SecurityProtocol.SASL_SSL).split(",")[1]);
            Clients.await("broker 1 to authenticate erin again", () -> nodesSeenVia(kafka, servers[1]) == 2,
                    () -> "not yet");
            Map<String, Object> config = new HashMap<>(kafka.saslSslConfig("erin", "erin-secret"));
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers[1]);
            Clients.produce(new Configured(config), "erin.after-restart", List.of("a"));
        }
    }

    /** Connects to one broker only, as erin, and counts the brokers it reports. */
    private static int nodesSeenVia(SecureKafka kafka, String server) {
        Map<String, Object> config = new HashMap<>(kafka.saslSslConfig("erin", "erin-secret"));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, server);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get(20, TimeUnit.SECONDS));
            return nodes.size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A cluster seen through a fixed client configuration. */
    private record Configured(Map<String, Object> config) implements KafkaCluster {
        @Override
        public String bootstrapServers() {
            return (String) config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        }

        @Override
        public Map<String, Object> clientConfig() {
            return new HashMap<>(config);
        }

        @Override
        public String description() {
            return "configured client";
        }
    }
}
