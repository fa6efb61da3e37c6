package io.kafkaesk.internal;

import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.MessageSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics kafkaesk publishes to, once each, and never alters one that exists.
 *
 * <p>A new topic gets:
 * <ul>
 *   <li>partitions: the schema's, else the application's {@code defaultPartitions};
 *   <li>replication factor: the configured one, else the number of brokers in the cluster (asked of the
 *       cluster once, not counted from the bootstrap list), at most 3;
 *   <li>{@code retention.ms}: the schema's retention, when it sets one.
 * </ul>
 *
 * <p>The returned future completes once every partition's leader serves the topic, so that the first records
 * published to a new topic are not refused by a leader that has not opened its partition yet.
 *
 * <p>When the client may not create topics (an authorization error) but the topic exists, the topic is used.
 * An existing topic (also one created by a concurrent application: that race is expected and harmless) is
 * left as it is; when its partition count or retention differ from what the schema asks, that drift is logged
 * as a warning. Outcomes are cached per topic, so after the first call for a topic, {@link #ensureTopic} costs one
 * map lookup; a failed attempt is forgotten so that the next call tries again.
 *
 * <p>Thread-safe.
 */
public final class TopicManager {
    private static final Logger LOG = LoggerFactory.getLogger(TopicManager.class);
    private static final int MAX_REPLICATION_FACTOR = 3;
    private static final long LEADER_POLL_MS = 20;

    private final Admin admin;
    private final ApplicationSettings settings;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> topics = new ConcurrentHashMap<>();
    private volatile @Nullable CompletableFuture<Integer> brokerCount;

    /**
     * Creates a manager that uses the given admin client (owned by the caller, who closes it).
     *
     * @param admin a connected admin client
     * @param settings the application's settings (defaults, timeout, servers for error messages)
     */
    public TopicManager(Admin admin, ApplicationSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /**
     * Makes sure a topic exists, creating it when missing.
     *
     * @param topic the full topic name (prefix included)
     * @param schema the schema whose partitions and retention a new topic gets; null for the defaults
     * @return a future that completes when the topic exists (or was found to exist), and fails with a
     *     {@link KafkaeskException} naming the servers when Kafka does not answer within the publish timeout
     */
    public CompletableFuture<Void> ensureTopic(String topic, @Nullable MessageSchema<?> schema) {
        CompletableFuture<Void> known = topics.get(topic);
        if (known != null) {
            return known;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> raced = topics.putIfAbsent(topic, mine);
        if (raced != null) {
            return raced;
        }
        create(topic, schema).whenComplete((ignored, error) -> {
            if (error == null) {
                mine.complete(null);
            } else {
                topics.remove(topic, mine);
                mine.completeExceptionally(describeFailure("create topic '" + topic + "'", error));
            }
        });
        return mine;
    }

    /**
     * Like {@link #ensureTopic} but waits, at most the publish timeout.
     *
     * @throws KafkaeskException when the topic could not be created or checked in time
     */
    public void ensureTopicAndWait(String topic, @Nullable MessageSchema<?> schema) {
        await(ensureTopic(topic, schema), settings.publishTimeout(), "create topic '" + topic + "'");
    }

    /** Whether this manager has already seen {@code topic} exist (created or found); no round trip. */
    public boolean isKnown(String topic) {
        CompletableFuture<Void> known = topics.get(topic);
        return known != null && known.isDone() && !known.isCompletedExceptionally();
    }

    /** The number of brokers in the cluster, asked once and cached. */
    public CompletableFuture<Integer> brokerCount() {
        CompletableFuture<Integer> count = brokerCount;
        if (count == null) {
            synchronized (this) {
                count = brokerCount;
                if (count == null) {
                    CompletableFuture<Integer> asked = admin.describeCluster().nodes().toCompletionStage()
                            .thenApply(Collection::size).toCompletableFuture();
                    // Forget a failed answer so that the next topic creation asks again.
                    asked.whenComplete((n, e) -> {
                        if (e != null) {
                            resetBrokerCount(asked);
                        }
                    });
                    brokerCount = asked;
                    count = asked;
                }
            }
        }
        return count;
    }

    private synchronized void resetBrokerCount(CompletableFuture<Integer> failed) {
        if (brokerCount == failed) {
            brokerCount = null;
        }
    }

    /**
     * Compares an existing topic with what a schema asks for.
     *
     * @return one line per difference (empty when none): partitions, then retention
     */
    public CompletableFuture<List<String>> drift(String topic, @Nullable MessageSchema<?> schema) {
        if (schema == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        int partitions = partitionsFor(schema);
        Optional<Long> retentionMs = schema.retention().map(Duration::toMillis);
        CompletableFuture<TopicDescription> description = admin.describeTopics(List.of(topic)).allTopicNames()
                .toCompletionStage().thenApply(m -> m.get(topic)).toCompletableFuture();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        CompletableFuture<@Nullable String> retention = retentionMs.isEmpty()
                ? CompletableFuture.completedFuture(null)
                : admin.describeConfigs(List.of(resource)).all().toCompletionStage().thenApply(configs -> {
                    Config config = configs.get(resource);
                    ConfigEntry entry = config == null ? null : config.get(TopicConfig.RETENTION_MS_CONFIG);
                    return entry == null ? null : entry.value();
                }).toCompletableFuture();
        return description.thenCombine(retention, (d, actualRetention) -> {
            List<String> drift = new ArrayList<>();
            if (d.partitions().size() != partitions) {
                drift.add("topic '" + topic + "' has " + d.partitions().size() + " partitions, schema " + schema.key()
                        + " asks for " + partitions);
            }
            if (retentionMs.isPresent() && !String.valueOf(retentionMs.get()).equals(actualRetention)) {
                drift.add("topic '" + topic + "' has retention.ms=" + actualRetention + ", schema " + schema.key()
                        + " asks for " + retentionMs.get());
            }
            return drift;
        });
    }

    private CompletableFuture<Void> create(String topic, @Nullable MessageSchema<?> schema) {
        int partitions = partitionsFor(schema);
        CompletableFuture<Short> replicas = settings.replicationFactor().isPresent()
                ? CompletableFuture.completedFuture((short) settings.replicationFactor().getAsInt())
                : brokerCount().thenApply(n -> (short) Math.max(1, Math.min(n, MAX_REPLICATION_FACTOR)));
        return replicas.thenCompose(replicationFactor -> {
            NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor);
            if (schema != null && schema.retention().isPresent()) {
                newTopic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                        String.valueOf(schema.retention().get().toMillis())));
            }
            return admin.createTopics(List.of(newTopic)).all().toCompletionStage()
                    .thenRun(() -> LOG.info("Created topic '{}' ({} partitions, replication factor {}{})", topic,
                            partitions, replicationFactor, newTopic.configs() == null ? "" : ", " + newTopic.configs()))
                    .exceptionallyCompose(error -> {
                        if (unwrap(error) instanceof TopicExistsException) {
                            return drift(topic, schema).handle((drift, driftError) -> {
                                if (driftError != null) {
                                    LOG.debug("Could not compare existing topic '{}' with its schema", topic,
                                            driftError);
                                } else {
                                    drift.forEach(line -> LOG.warn("Topic drift, left unchanged: {}", line));
                                }
                                return null;
                            });
                        }
                        if (unwrap(error) instanceof AuthorizationException) {
                            // Topics managed by operators: not allowed to create, but an existing topic is fine.
                            return admin.describeTopics(List.of(topic)).allTopicNames().toCompletionStage()
                                    .handle((found, describeError) -> {
                                        if (describeError != null) {
                                            throw new CompletionException(error);
                                        }
                                        LOG.info("Not allowed to create topic '{}'; it exists, so it is used as it is",
                                                topic);
                                        return (Void) null;
                                    });
                        }
                        return CompletableFuture.failedFuture(error);
                    })
                    .thenCompose(created -> awaitLeaders(topic, System.nanoTime()
                            + settings.publishTimeout().toNanos()));
        });
    }

    /**
     * Waits until the leader of every partition of a topic serves it, asking each leader for its latest offset.
     *
     * <p>The controller confirms a new topic before its leaders have opened the partitions. An idempotent
     * producer that sends at once can then have its first batch refused (NOT_LEADER_OR_FOLLOWER) while a later
     * batch is accepted, after which the first batch's retries fail as out of sequence until the delivery timeout
     * (KAFKA-15591, a broker-side bug present in the Kafka 4.3 brokers tested here, and in any older cluster a
     * user may run). Publishing only once each leader answers closes that window. Best
     * effort: this never fails; past the deadline, or on an error that retrying will not cure, it gives up and
     * leaves the outcome to the producer.
     */
    private CompletableFuture<Void> awaitLeaders(String topic, long deadlineNanos) {
        CompletableFuture<Void> probe = admin.describeTopics(List.of(topic)).allTopicNames().toCompletionStage()
                .thenCompose(descriptions -> {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    for (TopicPartitionInfo p : descriptions.get(topic).partitions()) {
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                    }
                    return admin.listOffsets(latest).all().toCompletionStage();
                })
                .thenApply(offsets -> (Void) null)
                .toCompletableFuture();
        return probe.handle((ignored, error) -> {
            if (error == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            Throwable cause = unwrap(error);
            if (cause instanceof RetriableException && System.nanoTime() < deadlineNanos) {
                Executor later = CompletableFuture.delayedExecutor(LEADER_POLL_MS, TimeUnit.MILLISECONDS);
                return CompletableFuture.runAsync(() -> {}, later).thenCompose(x -> awaitLeaders(topic, deadlineNanos));
            }
            LOG.debug("Not waiting further for the leaders of topic '{}'", topic, cause);
            return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(next -> next);
    }

    private int partitionsFor(@Nullable MessageSchema<?> schema) {
        return schema != null && schema.partitions().isPresent()
                ? schema.partitions().getAsInt()
                : settings.defaultPartitions();
    }

    /** A failure with the action, the cause and the servers in its message. */
    KafkaeskException describeFailure(String action, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof KafkaeskException k) {
            return k;
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new KafkaeskException("Could not " + action + ": Kafka at " + settings.kafkaServers()
                    + " (kafkaServers setting) did not answer within " + settings.publishTimeout().toMillis()
                    + " ms (publishTimeout setting): " + cause.getMessage(), cause);
        }
        return new KafkaeskException("Could not " + action + " on Kafka at " + settings.kafkaServers() + ": "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage() + SecurityErrors.hint(cause), cause);
    }

    /**
     * Waits for a future at most {@code timeout}, turning every failure into a {@link KafkaeskException} that
     * names the action and the servers.
     */
    <T> T await(CompletableFuture<T> future, Duration timeout, String action) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaeskException("Interrupted while waiting to " + action, e);
        } catch (ExecutionException e) {
            throw describeFailure(action, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw describeFailure(action, new org.apache.kafka.common.errors.TimeoutException(
                    "no answer within " + timeout.toMillis() + " ms"));
        }
    }

    /** The failure inside CompletionException and ExecutionException wrappers. */
    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
