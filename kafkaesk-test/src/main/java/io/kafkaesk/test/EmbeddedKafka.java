package io.kafkaesk.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;

/**
 * A real Apache Kafka cluster in KRaft mode, running inside this JVM from Kafka's own server code: no Docker, no
 * installation, about two seconds to start one node.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().brokers(3).start()) {
 *     Map<String, Object> config = kafka.clientConfig();   // bootstrap.servers=localhost:<port>,...
 *     kafka.stopBroker(1);                                  // clients now see broker 1 as down
 *     kafka.startBroker(1);                                 // it rejoins and catches up
 * }
 * }</pre>
 *
 * <p>A one-node cluster is a single combined KRaft broker and controller. A cluster of N brokers has N broker
 * nodes (ids {@code 0} to {@code N-1}) and one dedicated KRaft controller, so stopping any broker leaves the
 * metadata quorum untouched, just as a broker outage does in production. (A quorum of several combined nodes is
 * not used: in Kafka 4.3 its followers' voter updates are rejected and their Raft threads die.) Data lives in a
 * fresh temporary directory, which {@link #close()} deletes. Each broker listens on a fixed {@code localhost} port
 * for its whole life, so {@link #bootstrapServers()} does not change when brokers stop and start.
 *
 * <p>Internal topics ({@code __consumer_offsets}, {@code __transaction_state}) are created with a replication
 * factor of {@code min(brokers, 3)}, so consumer groups and transactions work on a single node.
 *
 * <p>The broker logs a lot at INFO. With slf4j-simple, a {@code src/test/resources/simplelogger.properties}
 * containing these lines keeps test output readable:
 *
 * <pre>
 * org.slf4j.simpleLogger.defaultLogLevel=info
 * org.slf4j.simpleLogger.log.org.apache.kafka=warn
 * org.slf4j.simpleLogger.log.kafka=warn
 * </pre>
 *
 * <p>Instances are thread-safe.
 */
public final class EmbeddedKafka implements KafkaCluster, AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaClusterTestKit cluster;
    private final Path baseDirectory;
    private final String bootstrapServers;
    private final SortedSet<Integer> brokerIds;
    private final SortedSet<Integer> stopped = new TreeSet<>();
    private boolean closed;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path baseDirectory) {
        this.cluster = cluster;
        this.baseDirectory = baseDirectory;
        // Computed once: the kit derives it from running brokers, and each node keeps its port across restarts.
        this.bootstrapServers = cluster.bootstrapServers();
        this.brokerIds = Collections.unmodifiableSortedSet(new TreeSet<>(cluster.brokers().keySet()));
    }

    /** Starts describing a cluster; by default one node. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a one-node cluster with the default configuration. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    /** The {@code bootstrap.servers} value for clients: every node's {@code localhost:port}, stopped or not. */
    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String description() {
        return "embedded Kafka (" + brokerIds.size() + (brokerIds.size() == 1 ? " node)" : " nodes)");
    }

    /** The node ids of all brokers, running or stopped, in ascending order (the first is {@code 0}). */
    public SortedSet<Integer> brokerIds() {
        return brokerIds;
    }

    /** The node ids of the brokers that are running now. */
    public synchronized SortedSet<Integer> runningBrokerIds() {
        TreeSet<Integer> running = new TreeSet<>(brokerIds);
        running.removeAll(stopped);
        return Collections.unmodifiableSortedSet(running);
    }

    /** The brokers that are running now, by id; for the kit's own waits on broker state. */
    synchronized Map<Integer, BrokerServer> runningBrokers() {
        Map<Integer, BrokerServer> running = new TreeMap<>(cluster.brokers());
        running.keySet().removeAll(stopped);
        return running;
    }

    /** The directory holding every node's logs and metadata; {@link #close()} deletes it. */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /**
     * Shuts a broker down cleanly and waits until it has stopped; does nothing if it is stopped already.
     *
     * <p>The broker shuts down in a controlled way: partitions it leads move to other in-sync replicas first.
     * The KRaft controller keeps running (in a one-node cluster, the controller half of the node), so the cluster
     * metadata survives and clients see exactly what they see when a broker goes away.
     *
     * @throws IllegalArgumentException if {@code brokerId} is not one of {@link #brokerIds()}
     */
    public synchronized void stopBroker(int brokerId) {
        BrokerServer broker = broker(brokerId);
        if (stopped.contains(brokerId)) {
            return;
        }
        broker.shutdown();
        broker.awaitShutdown();
        stopped.add(brokerId);
    }

    /**
     * Starts a stopped broker again and waits until it has registered with the controller and is serving
     * requests; does nothing if it is running.
     *
     * <p>The broker keeps its id, port and log directories, so it rejoins with its data and catches up as a
     * follower; it re-enters the in-sync replica set of its partitions once it has caught up, which happens
     * shortly after this method returns.
     *
     * <p>This takes about six seconds: the controller accepts the new incarnation of a broker only once the
     * session of the old one has expired ({@code broker.session.timeout.ms}, which the kit sets to 6000 instead of
     * Kafka's 9000; override it with {@link Builder#brokerConfig(String, Object)}).
     *
     * @throws IllegalArgumentException if {@code brokerId} is not one of {@link #brokerIds()}
     * @throws IllegalStateException if the broker does not come up within 60 seconds
     */
    public synchronized void startBroker(int brokerId) {
        BrokerServer broker = broker(brokerId);
        if (!stopped.contains(brokerId)) {
            return;
        }
        broker.startup();
        stopped.remove(brokerId);
        awaitRunning(brokerId);
    }

    /**
     * Stops every node and deletes the cluster's temporary directory; calling it again does nothing.
     *
     * @throws IllegalStateException if a node fails to stop or the directory cannot be deleted
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Exception failure = null;
        try {
            cluster.close();
        } catch (Exception e) {
            failure = e;
        }
        try {
            Utils.delete(baseDirectory.toFile());
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw new IllegalStateException(
                    "Embedded Kafka cluster in " + baseDirectory + " did not stop cleanly: " + failure, failure);
        }
    }

    @Override
    public String toString() {
        return description() + " at " + bootstrapServers;
    }

    private BrokerServer broker(int brokerId) {
        if (closed) {
            throw new IllegalStateException(description() + " is closed");
        }
        BrokerServer broker = cluster.brokers().get(brokerId);
        if (broker == null) {
            throw new IllegalArgumentException("No broker " + brokerId + " in " + description()
                    + "; broker ids are " + brokerIds);
        }
        return broker;
    }

    /** Waits until the cluster's metadata lists the broker as an active (unfenced) node again. */
    private void awaitRunning(int brokerId) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastSeen = "nothing yet";
        try (Admin admin = cluster.admin()) {
            while (true) {
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (nodes.stream().anyMatch(node -> node.id() == brokerId)) {
                        return;
                    }
                    lastSeen = "active nodes " + nodes;
                } catch (ExecutionException | TimeoutException e) {
                    lastSeen = e.toString();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Broker " + brokerId + " of " + description()
                            + " did not rejoin within " + START_TIMEOUT.toSeconds() + " s; last seen: " + lastSeen);
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting broker " + brokerId, e);
        }
    }

    /** Describes a cluster to start. */
    public static final class Builder {
        private int brokers = 1;
        private final Map<String, String> brokerConfig = new LinkedHashMap<>();
        private final Map<Integer, Map<String, String>> nodeConfig = new TreeMap<>();
        private @Nullable String internalListener;
        private final Map<Integer, String> extraListeners = new TreeMap<>();

        private Builder() {}

        /**
         * Names the kit's plaintext listener (used between brokers and by {@link EmbeddedKafka#bootstrapServers()})
         * and adds listeners to each broker, e.g. {@code "SASL_SSL://localhost:41234"}; the caller configures their
         * security protocols and settings with {@link #brokerConfig(String, Object)}. For {@link SecureKafka}.
         */
        Builder listeners(String internalListener, Map<Integer, String> extraListenersByBroker) {
            this.internalListener = internalListener;
            this.extraListeners.putAll(extraListenersByBroker);
            return this;
        }

        /** The number of brokers, 1 or more. Default 1. */
        public Builder brokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("brokers must be 1 or more, got " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /**
         * Sets a broker configuration property on every node, overriding the kit's default, e.g.
         * {@code brokerConfig("auto.create.topics.enable", false)}.
         */
        public Builder brokerConfig(String name, Object value) {
            // As text, which Kafka parses for every config type (an Integer is rejected where a String is expected).
            brokerConfig.put(Objects.requireNonNull(name, "name"),
                    String.valueOf(Objects.requireNonNull(value, "value")));
            return this;
        }

        /** Sets several broker configuration properties on every node; see {@link #brokerConfig(String, Object)}. */
        public Builder brokerConfig(Map<String, ?> properties) {
            properties.forEach(this::brokerConfig);
            return this;
        }

        /**
         * Sets a broker configuration property on one node only, overriding the cluster-wide value, e.g.
         * {@code brokerConfig(2, "broker.rack", "rack-b")}. Nodes are numbered from {@code 0}.
         */
        public Builder brokerConfig(int brokerId, String name, Object value) {
            nodeConfig.computeIfAbsent(brokerId, id -> new HashMap<>())
                    .put(Objects.requireNonNull(name, "name"), String.valueOf(Objects.requireNonNull(value, "value")));
            return this;
        }

        /**
         * Formats storage in a new temporary directory, starts every node and waits until all brokers are ready.
         *
         * @throws IllegalArgumentException if a per-node setting names a node that does not exist
         * @throws IllegalStateException if the cluster fails to start; its directory is deleted
         */
        public EmbeddedKafka start() {
            for (int id : nodeConfig.keySet()) {
                if (id < 0 || id >= brokers) {
                    throw new IllegalArgumentException("brokerConfig for node " + id
                            + ", but the cluster has nodes 0 to " + (brokers - 1));
                }
            }
            Path base;
            try {
                base = Files.createTempDirectory("kafkaesk-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary directory for embedded Kafka", e);
            }
            KafkaClusterTestKit cluster = null;
            try {
                TestKitNodes.Builder nodesBuilder = new TestKitNodes.Builder()
                        .setCombined(brokers == 1)
                        .setNumBrokerNodes(brokers)
                        .setNumControllerNodes(1)
                        .setPerServerProperties(perNodeConfig())
                        .setBaseDirectory(base);
                if (internalListener != null) {
                    nodesBuilder.setBrokerListenerName(new ListenerName(internalListener))
                            .setControllerListenerName(new ListenerName(CONTROLLER_LISTENER));
                }
                TestKitNodes nodes = nodesBuilder.build();
                KafkaClusterTestKit.Builder kit = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
                // Internal topics default to replication factor 3, which a smaller cluster cannot host: consumer
                // groups would never find a coordinator. Fewer internal partitions also start faster.
                int internalReplicas = Math.min(brokers, 3);
                kit.setConfigProp("offsets.topic.replication.factor", String.valueOf(internalReplicas));
                kit.setConfigProp("offsets.topic.num.partitions", "5");
                kit.setConfigProp("transaction.state.log.replication.factor", String.valueOf(internalReplicas));
                kit.setConfigProp("transaction.state.log.num.partitions", "5");
                kit.setConfigProp("transaction.state.log.min.isr", "1");
                kit.setConfigProp("share.coordinator.state.topic.replication.factor", String.valueOf(internalReplicas));
                kit.setConfigProp("share.coordinator.state.topic.min.isr", "1");
                kit.setConfigProp("group.initial.rebalance.delay.ms", "0");
                // A restarted broker cannot register again until the session of its previous incarnation has
                // expired (9 s by default). A shorter session with frequent heartbeats makes restarts quicker,
                // while still tolerating the multi-second stalls of a loaded CI machine without fencing brokers.
                kit.setConfigProp("broker.session.timeout.ms", "6000");
                kit.setConfigProp("broker.heartbeat.interval.ms", "500");
                brokerConfig.forEach(kit::setConfigProp);
                cluster = kit.build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                return new EmbeddedKafka(cluster, base);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                IllegalStateException failure = new IllegalStateException(
                        "Embedded Kafka with " + brokers + " node(s) failed to start: " + e, e);
                try {
                    if (cluster != null) {
                        cluster.close();
                    }
                } catch (Exception closing) {
                    failure.addSuppressed(closing);
                }
                try {
                    Utils.delete(base.toFile());
                } catch (IOException deleting) {
                    failure.addSuppressed(deleting);
                }
                throw failure;
            }
        }

        /** The per-node settings, with each broker's {@code listeners} when extra listeners are asked for. */
        private Map<Integer, Map<String, String>> perNodeConfig() {
            Map<Integer, Map<String, String>> config = new TreeMap<>();
            nodeConfig.forEach((id, properties) -> config.put(id, new HashMap<>(properties)));
            extraListeners.forEach((id, extra) -> {
                // The kit binds its own listeners (port 0 here) to sockets it opened beforehand, by name.
                String listeners = internalListener + "://localhost:0"
                        + (brokers == 1 ? "," + CONTROLLER_LISTENER + "://localhost:0" : "") + "," + extra;
                config.computeIfAbsent(id, ignored -> new HashMap<>()).putIfAbsent("listeners", listeners);
            });
            return config;
        }
    }
}
