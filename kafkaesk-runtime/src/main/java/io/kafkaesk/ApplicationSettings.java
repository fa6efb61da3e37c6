package io.kafkaesk;

import io.kafkaesk.internal.Secrets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The configuration of an {@link Application}, read-only. Set it with {@link Application#builder()} or
 * {@link Application#configure}; read it with {@link Application#settings()}.
 *
 * <p>Each getter documents its default.
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

    ApplicationSettings(List<String> kafkaServers, String topicPrefix, Map<String, Object> kafkaSettings,
            int replicationFactor, boolean autoCommit, long autoCommitIntervalMs, int defaultPartitions,
            Duration publishTimeout, boolean validatePublished) {
        this.kafkaServers = List.copyOf(kafkaServers);
        this.topicPrefix = topicPrefix;
        this.kafkaSettings = Collections.unmodifiableMap(new LinkedHashMap<>(kafkaSettings));
        this.replicationFactor = replicationFactor;
        this.autoCommit = autoCommit;
        this.autoCommitIntervalMs = autoCommitIntervalMs;
        this.defaultPartitions = defaultPartitions;
        this.publishTimeout = publishTimeout;
        this.validatePublished = validatePublished;
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
}
