package io.kafkaesk.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A one-node Kafka broker (KRaft, broker and controller in one) for local development: it listens on a fixed
 * {@code localhost} port, 9092 by default, and keeps its data in a directory that survives restarts, so topics,
 * records and committed offsets are still there the next day. Unlike {@link EmbeddedKafka}, which tests use, it is
 * meant to run for as long as a developer works.
 *
 * <pre>{@code
 * try (LocalBroker broker = LocalBroker.builder().port(9092).dataDirectory(Path.of("target/kafka")).start()) {
 *     // clients use broker.bootstrapServers(), "localhost:9092"
 * }
 * }</pre>
 *
 * <p>The data directory defaults to {@code kafkaesk-broker} in the user's home directory. It is formatted on first
 * use; {@link Builder#fresh(boolean)} deletes it first. The controller listens on a second port, chosen free at each
 * start. {@code mvn kafkaesk:broker} and {@code kafkaesk broker} run one until Ctrl-C.
 */
public final class LocalBroker implements AutoCloseable {
    /** The port clients use unless told otherwise. */
    public static final int DEFAULT_PORT = 9092;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String CONTROLLER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDirectory;
    private boolean closed;

    private LocalBroker(KafkaRaftServer server, int port, Path dataDirectory) {
        this.server = server;
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** Starts describing a broker: port 9092, data in {@code ~/kafkaesk-broker}, kept. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default data directory: {@code kafkaesk-broker} in the user's home directory. */
    public static Path defaultDataDirectory() {
        return Path.of(System.getProperty("user.home"), "kafkaesk-broker");
    }

    /** The {@code bootstrap.servers} value for clients, {@code localhost:<port>}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Where the broker keeps its logs and metadata. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Shuts the broker down cleanly (its data stays); calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * Blocks until the JVM shuts down (Ctrl-C, SIGTERM), closing the broker cleanly on the way out, so that its data
     * is consistent at the next start. For commands that run a broker and nothing else.
     */
    public void awaitJvmShutdown() {
        CountDownLatch closedByHook = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close();
            closedByHook.countDown();
        }, "kafkaesk-broker-stop"));
        try {
            closedByHook.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    @Override
    public String toString() {
        return "local Kafka broker at " + bootstrapServers() + ", data in " + dataDirectory;
    }

    /** Describes a broker to start. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private Path dataDirectory = defaultDataDirectory();
        private boolean fresh;

        private Builder() {}

        /** The port of the client listener on {@code localhost}. Default 9092. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The directory of the broker's data, created when missing. Default {@code ~/kafkaesk-broker}. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory.toAbsolutePath();
            return this;
        }

        /** Whether to delete the data directory before starting, to begin with no topics. Default false. */
        public Builder fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        /**
         * Formats the data directory unless it holds a broker's data already, starts the broker and waits until it
         * serves clients.
         *
         * @throws IllegalStateException when the port is taken, the directory holds something else, or the broker
         *     does not start within 60 s
         */
        public LocalBroker start() {
            try {
                if (fresh) {
                    Utils.delete(dataDirectory.toFile());
                }
                Files.createDirectories(dataDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot prepare the broker's data directory " + dataDirectory, e);
            }
            checkFree(port);
            KafkaConfig config = new KafkaConfig(properties(freePort()), false);
            KafkaRaftServer server = null;
            try {
                format();
                server = new KafkaRaftServer(config, Time.SYSTEM);
                server.startup();
                LocalBroker broker = new LocalBroker(server, port, dataDirectory);
                awaitReady(broker);
                return broker;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (server != null) {
                    server.shutdown();
                    server.awaitShutdown();
                }
                throw new IllegalStateException("The local Kafka broker on port " + port + " with data in "
                        + dataDirectory + " failed to start: " + e, e);
            }
        }

        private Properties properties(int controllerPort) {
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
            p.put("listeners", "PLAINTEXT://localhost:" + port + "," + CONTROLLER + "://localhost:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
            p.put("controller.listener.names", CONTROLLER);
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
            p.put("log.dirs", dataDirectory.toString());
            // One node: internal topics cannot have more replicas, and a consumer group starts at once.
            for (Map.Entry<String, String> e : Map.of("offsets.topic.replication.factor", "1",
                    "offsets.topic.num.partitions", "5", "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1", "transaction.state.log.num.partitions", "5",
                    "share.coordinator.state.topic.replication.factor", "1", "share.coordinator.state.topic.min.isr",
                    "1", "group.initial.rebalance.delay.ms", "0").entrySet()) {
                p.put(e.getKey(), e.getValue());
            }
            return p;
        }

        private void format() throws Exception {
            if (Files.exists(dataDirectory.resolve("meta.properties"))) {
                return; // formatted by an earlier start: it keeps its data and cluster id
            }
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDirectory.toString()))
                    .setMetadataLogDirectory(dataDirectory.toString())
                    .setControllerListenerName(CONTROLLER)
                    .setReleaseVersion(MetadataVersion.latestProduction());
            formatter.run();
        }

        private void awaitReady(LocalBroker broker) throws InterruptedException {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            String lastSeen = "nothing yet";
            try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers(), AdminClientConfig.CLIENT_ID_CONFIG, "kafkaesk-local-broker"))) {
                while (System.nanoTime() < deadline) {
                    try {
                        if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                            return;
                        }
                    } catch (ExecutionException | TimeoutException e) {
                        lastSeen = e.toString();
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
            throw new IllegalStateException("not serving within " + START_TIMEOUT.toSeconds() + " s; last seen: "
                    + lastSeen);
        }

        private static void checkFree(int port) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("Port " + port + " is taken: is a broker running already? Choose "
                        + "another port", e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("No free port for the broker's controller", e);
            }
        }
    }
}
