package io.kafkaesk.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Apache Kafka cluster in KRaft mode, running in this JVM from Kafka's own server code.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().brokers(1).start()) {
 *     String servers = kafka.bootstrapServers();
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final Path baseDirectory;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path baseDirectory) {
        this.cluster = cluster;
        this.baseDirectory = baseDirectory;
    }

    /** Starts describing a cluster; by default one combined broker and controller node. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code bootstrap.servers} value for clients of this cluster. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops every node and deletes the cluster's temporary directories. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Embedded Kafka cluster in " + baseDirectory + " did not stop cleanly", e);
        }
    }

    /** Describes a cluster to start. */
    public static final class Builder {
        private int brokers = 1;
        private final Map<String, Object> brokerConfig = new HashMap<>();

        private Builder() {}

        /** The number of broker nodes, 1 or more; each also acts as a KRaft controller. Default 1. */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("brokers must be 1 or more, got " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /** Sets a broker configuration property on every node, overriding the kit's default. */
        public Builder brokerConfig(String name, Object value) {
            brokerConfig.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /** Formats storage, starts every node and waits until all brokers are ready. */
        public EmbeddedKafka start() throws Exception {
            Path base = Files.createTempDirectory("kafkaesk-kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(brokers)
                    .setBaseDirectory(base)
                    .build();
            KafkaClusterTestKit.Builder kit = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            // Internal topics default to replication factor 3, which a smaller cluster cannot host: consumer
            // groups would never find a coordinator. Small internal topics also make start-up faster.
            int internalReplicas = Math.min(brokers, 3);
            kit.setConfigProp("offsets.topic.replication.factor", String.valueOf(internalReplicas));
            kit.setConfigProp("offsets.topic.num.partitions", "5");
            kit.setConfigProp("transaction.state.log.replication.factor", String.valueOf(internalReplicas));
            kit.setConfigProp("transaction.state.log.min.isr", "1");
            kit.setConfigProp("group.initial.rebalance.delay.ms", "0");
            brokerConfig.forEach(kit::setConfigProp);
            KafkaClusterTestKit cluster = kit.build();
            try {
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
            } catch (Exception e) {
                cluster.close();
                throw e;
            }
            return new EmbeddedKafka(cluster, base);
        }
    }
}
