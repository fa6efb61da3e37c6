package io.kafkaesk.test;

import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * A Kafka cluster that tests talk to: an {@link EmbeddedKafka}, an external broker named by the {@code KAFKA}
 * environment variable, or a Testcontainers broker.
 *
 * <p>Code written against this interface runs unchanged on all three; only {@link EmbeddedKafka} can stop and
 * start brokers.
 */
public interface KafkaCluster {
    /** The {@code bootstrap.servers} value for clients of this cluster, e.g. {@code localhost:9092}. */
    String bootstrapServers();

    /**
     * The minimal client configuration for this cluster: {@code bootstrap.servers} and nothing else.
     *
     * <p>The returned map is mutable and new on every call, so callers can add their own settings.
     */
    default Map<String, Object> clientConfig() {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** Creates an admin client for this cluster; the caller closes it. */
    default Admin admin() {
        return Admin.create(clientConfig());
    }

    /** A short description for test reports and error messages, e.g. {@code embedded Kafka (1 node)}. */
    String description();
}
