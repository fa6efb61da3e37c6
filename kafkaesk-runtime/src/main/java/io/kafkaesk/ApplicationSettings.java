package io.kafkaesk;

import io.kafkaesk.internal.Secrets;
import io.kafkaesk.internal.observe.Observer;
import io.kafkaesk.metrics.KafkaeskMetrics;
import io.kafkaesk.observe.Observability;
import io.kafkaesk.tracing.KafkaeskTracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The configuration of an {@link Application}, read-only, and its {@link Builder}. Set it with
 * {@link Application#builder()} or {@link Application#configure}; read it with {@link Application#settings()}.
 *
 * <p>Each getter documents its default. There is no {@code kafkaApiVersion} setting (Python kafkaesk's
 * {@code kafka_api_version}): the Java client negotiates the protocol version with each broker itself.
 */
public final class ApplicationSettings {
    private final List<String> kafkaServers;
    private final String topicPrefix;
    private final Map<String, Object> kafkaSettings;
    private final int replicationFactor; // 0: derived from the cluster
    private final boolean autoCommit;
    private final long autoCommitIntervalMs;
    private final int defaultPartitions;
    private final Duration publishTimeout;
    private final boolean validatePublished;
    private final List<Observer> observers;

    private ApplicationSettings(Builder b) {
        this.kafkaServers = List.copyOf(b.kafkaServers);
        this.topicPrefix = b.topicPrefix;
        this.kafkaSettings = Collections.unmodifiableMap(new LinkedHashMap<>(b.kafkaSettings));
        this.replicationFactor = b.replicationFactor;
        this.autoCommit = b.autoCommit;
        this.autoCommitIntervalMs = b.autoCommitIntervalMs;
        this.defaultPartitions = b.defaultPartitions;
        this.publishTimeout = b.publishTimeout;
        this.validatePublished = b.validatePublished;
        this.observers = List.copyOf(b.observers);
    }

    /** Starts configuring an application; every setting has a default except {@code kafkaServers}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    Builder toBuilder() {
        Builder b = new Builder();
        b.kafkaServers = kafkaServers;
        b.topicPrefix = topicPrefix;
        b.kafkaSettings = new LinkedHashMap<>(kafkaSettings);
        b.replicationFactor = replicationFactor;
        b.autoCommit = autoCommit;
        b.autoCommitIntervalMs = autoCommitIntervalMs;
        b.defaultPartitions = defaultPartitions;
        b.publishTimeout = publishTimeout;
        b.validatePublished = validatePublished;
        b.observers.addAll(observers);
        return b;
    }

    /** The Kafka bootstrap servers, {@code host:port} each; empty until configured. */
    public List<String> kafkaServers() {
        return kafkaServers;
    }

    /**
     * The servers as a {@code bootstrap.servers} value.
     *
     * @throws KafkaeskException when no servers are configured, saying how to configure them
     */
    public String bootstrapServers() {
        if (kafkaServers.isEmpty()) {
            throw new KafkaeskException("The kafkaServers setting is missing: this application has no Kafka "
                    + "servers to connect to. Set them with Application.builder().kafkaServers(\"host:9092\") or, "
                    + "for an application built before its settings are known, "
                    + "app.configure(b -> b.kafkaServers(\"host:9092\")) before initialize() or publish()");
        }
        return String.join(",", kafkaServers);
    }

    /** Prepended to every stream name to form its topic name; default empty. */
    public String topicPrefix() {
        return topicPrefix;
    }

    /**
     * Extra client properties passed to the producer, the consumers and the admin client alike (SSL, SASL,
     * client.id, anything); they override kafkaesk's defaults. Default empty.
     */
    public Map<String, Object> kafkaSettings() {
        return kafkaSettings;
    }

    /**
     * The replication factor of topics kafkaesk creates; empty (the default) means the number of brokers in the
     * cluster, at most 3.
     */
    public OptionalInt replicationFactor() {
        return replicationFactor == 0 ? OptionalInt.empty() : OptionalInt.of(replicationFactor);
    }

    /** Whether kafkaesk commits consumed offsets itself; default true. When false only the handler commits. */
    public boolean autoCommit() {
        return autoCommit;
    }

    /** How often kafkaesk commits handled offsets when {@link #autoCommit()} is on; default 5000 ms. */
    public long autoCommitIntervalMs() {
        return autoCommitIntervalMs;
    }

    /** Partitions of created topics whose schema names none; default 7. */
    public int defaultPartitions() {
        return defaultPartitions;
    }

    /**
     * How long Kafka may take to answer before a publish fails: bounds the producer's waits (metadata and
     * acknowledgement), topic creation on a stream's first use, and admin requests. Default 30 s. When Kafka
     * cannot be reached, a publish fails after about this long (at most twice on a stream's first use) with an
     * error naming the servers.
     */
    public Duration publishTimeout() {
        return publishTimeout;
    }

    /** Whether published data is validated against its JSON schema before it is sent; default true. */
    public boolean validatePublished() {
        return validatePublished;
    }

    /** The metrics and tracing observers, in the order they were added; empty by default. */
    List<Observer> observers() {
        return observers;
    }

    /**
     * The settings, for logs. Values of {@code kafkaSettings} that may be credentials are shown as {@code [hidden]}:
     * those of Kafka's password settings ({@code sasl.jaas.config}, {@code ssl.truststore.password} ...) and of any
     * setting Kafka's clients do not define; the others ({@code security.protocol}, {@code sasl.mechanism} ...) are
     * shown.
     */
    @Override
    public String toString() {
        return "ApplicationSettings{kafkaServers=" + kafkaServers + ", topicPrefix='" + topicPrefix
                + "', kafkaSettings=" + Secrets.masked(kafkaSettings) + ", replicationFactor="
                + (replicationFactor == 0 ? "auto" : replicationFactor) + ", autoCommit=" + autoCommit
                + ", autoCommitIntervalMs=" + autoCommitIntervalMs + ", defaultPartitions=" + defaultPartitions
                + ", publishTimeout=" + publishTimeout + ", validatePublished=" + validatePublished + "}";
    }

    /**
     * Configures an {@link Application}: every setting with its default; only {@code kafkaServers} is required, and
     * may also be given later through {@link Application#configure}.
     */
    public static final class Builder {
        private List<String> kafkaServers = List.of();
        private String topicPrefix = "";
        private Map<String, Object> kafkaSettings = new LinkedHashMap<>();
        private int replicationFactor; // 0: derived from the cluster
        private boolean autoCommit = true;
        private long autoCommitIntervalMs = 5000;
        private int defaultPartitions = 7;
        private Duration publishTimeout = Duration.ofSeconds(30);
        private boolean validatePublished = true;
        private boolean discoverSchemas = true;
        private final List<Observer> observers = new ArrayList<>();

        private Builder() {}

        /**
         * The Kafka bootstrap servers, {@code host:port} each; a comma-separated list in one string works too.
         * Required before the application connects.
         */
        public Builder kafkaServers(String... servers) {
            return kafkaServers(Arrays.asList(servers));
        }

        /** The Kafka bootstrap servers, {@code host:port} each. Required before the application connects. */
        public Builder kafkaServers(List<String> servers) {
            List<String> parsed = new ArrayList<>();
            for (String entry : servers) {
                for (String server : Objects.requireNonNull(entry, "server").split(",")) {
                    if (!server.isBlank()) {
                        parsed.add(server.trim());
                    }
                }
            }
            this.kafkaServers = List.copyOf(parsed);
            return this;
        }

        /** Prepended to every stream to form its topic, for example {@code "prod."}; default empty. */
        public Builder topicPrefix(String topicPrefix) {
            this.topicPrefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
            return this;
        }

        /**
         * Client properties for the producer, the consumers and the admin client (SSL, SASL, client.id, tuning);
         * they replace earlier kafkaSettings and override kafkaesk's defaults.
         */
        public Builder kafkaSettings(Map<String, ?> kafkaSettings) {
            Map<String, Object> copy = new LinkedHashMap<>();
            kafkaSettings.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "kafkaSettings key"),
                    Objects.requireNonNull(v, () -> "kafkaSettings value of " + k)));
            this.kafkaSettings = copy;
            return this;
        }

        /**
         * The replication factor of created topics. Default: the number of brokers in the cluster, at most 3.
         *
         * @throws IllegalArgumentException when below 1 or above 32767
         */
        public Builder replicationFactor(int replicationFactor) {
            if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
                throw new IllegalArgumentException("Invalid value " + replicationFactor
                        + " for replicationFactor: it must be between 1 and " + Short.MAX_VALUE);
            }
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** Whether kafkaesk commits consumed offsets itself; default true. */
        public Builder autoCommit(boolean autoCommit) {
            this.autoCommit = autoCommit;
            return this;
        }

        /**
         * How often handled offsets are committed when {@code autoCommit} is on; default 5000 ms.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder autoCommitIntervalMs(long autoCommitIntervalMs) {
            if (autoCommitIntervalMs < 1) {
                throw new IllegalArgumentException("Invalid value " + autoCommitIntervalMs
                        + " for autoCommitIntervalMs: it must be 1 or more");
            }
            this.autoCommitIntervalMs = autoCommitIntervalMs;
            return this;
        }

        /**
         * Partitions of created topics whose schema names none; default 7.
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder defaultPartitions(int defaultPartitions) {
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException("Invalid value " + defaultPartitions
                        + " for defaultPartitions: it must be 1 or more");
            }
            this.defaultPartitions = defaultPartitions;
            return this;
        }

        /**
         * How long Kafka may take to answer before a publish fails: the producer's wait for metadata and for the
         * broker's acknowledgement ({@code max.block.ms}, {@code delivery.timeout.ms}), and, separately, the
         * creation of a stream's topic on its first use, every admin request, and {@code initialize()}'s creation
         * of declared streams. Default 30 s. When Kafka is unreachable, the publish's future fails after about this
         * long (at most twice this long on a stream's first use) with an error naming the servers.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder publishTimeout(Duration publishTimeout) {
            if (publishTimeout.isNegative() || publishTimeout.isZero()) {
                throw new IllegalArgumentException("Invalid value " + publishTimeout
                        + " for publishTimeout: it must be positive");
            }
            this.publishTimeout = publishTimeout;
            return this;
        }

        /**
         * Whether published data is validated against its JSON schema before it is sent; default true. Turn it
         * off only when the data is known to be valid and the few microseconds per record matter.
         */
        public Builder validatePublished(boolean validatePublished) {
            this.validatePublished = validatePublished;
            return this;
        }

        /**
         * Adds metrics or tracing: {@code KafkaeskMetrics.micrometer(registry)} (Micrometer meters, see
         * {@link KafkaeskMetrics}) or {@code KafkaeskTracing.openTelemetry(openTelemetry)} (spans and W3C trace
         * context in headers, see {@link KafkaeskTracing}). Call it once for each; none by default.
         *
         * @throws IllegalArgumentException for an {@code Observability} that kafkaesk did not create
         */
        public Builder observability(Observability observability) {
            if (!(observability instanceof Observer observer)) {
                throw new IllegalArgumentException("Unsupported observability " + observability.getClass().getName()
                        + ": use KafkaeskMetrics.micrometer(registry) or KafkaeskTracing.openTelemetry(otel)");
            }
            observers.add(observer);
            return this;
        }

        /**
         * Whether {@link #build()} registers the schemas of every {@link SchemaIndex} on the class path (the
         * generated {@code KafkaeskSchemas} of each source set); default true, so {@code app.schemas(...)} is
         * needed only for descriptors that are not generated.
         */
        public Builder discoverSchemas(boolean discoverSchemas) {
            this.discoverSchemas = discoverSchemas;
            return this;
        }

        /** The settings as configured so far, without building an application. */
        public ApplicationSettings settings() {
            return new ApplicationSettings(this);
        }

        /**
         * Builds the application; it connects on {@link Application#initialize()} or its first publish.
         *
         * @throws SchemaConflictException when two discovered schemas conflict
         * @throws KafkaeskException when a registered schema index cannot be loaded
         */
        public Application build() {
            Application application = new Application(settings());
            if (discoverSchemas) {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                application.schemas(SchemaIndex.discoverSchemas(loader != null ? loader
                        : Application.class.getClassLoader()));
            }
            return application;
        }
    }
}
