package io.kafkaesk.internal.consumer;

import io.kafkaesk.internal.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;

/**
 * How one {@link ConsumerEngine} consumes.
 *
 * @param group the consumer group id
 * @param consumerProperties complete KafkaConsumer properties except group id, deserializers and auto commit,
 *     which the engine sets itself
 * @param topics exact topics to subscribe to; used when {@code pattern} is null
 * @param pattern a regular expression over topic names, or null for {@code topics}
 * @param concurrency how many partitions are processed in parallel, 1 or more
 * @param autoCommit true when the engine commits completed work; false when only requested commits are sent
 * @param commitInterval how often completed work is committed when {@code autoCommit}
 * @param pollTimeout the longest one poll blocks; bounds the latency of resumes, requested commits and stop
 * @param maxQueuedBytesPerPartition fetched, unprocessed bytes per partition (keys, values and a per-record
 *     allowance) above which the partition is paused; it resumes once half of that is left
 * @param shutdownTimeout how long close waits for records in flight before it commits what is done and leaves
 *     the group
 * @param revocationTimeout how long a revocation waits for the record in flight of a revoked partition before
 *     the partition is let go; within {@code max.poll.interval.ms} the group waits for it, so the partition is
 *     never handed over while its record runs (see {@link #protocolLimit(Map)})
 * @param maxQueuedBytes fetched, unprocessed bytes the whole consumer holds at most (on top of what one poll
 *     returns): above it every partition is paused, whatever the number of partitions
 */
public record EngineConfig(
        String group,
        Map<String, Object> consumerProperties,
        List<String> topics,
        @Nullable Pattern pattern,
        int concurrency,
        boolean autoCommit,
        Duration commitInterval,
        Duration pollTimeout,
        long maxQueuedBytesPerPartition,
        Duration shutdownTimeout,
        Duration revocationTimeout,
        long maxQueuedBytes) {

    /** The default of {@code maxQueuedBytes}: 64 MiB. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    /** Kafka's default {@code max.poll.interval.ms}. */
    private static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

    /** A configuration whose revocation waits as long as its close, with the default memory bound. */
    public EngineConfig(String group, Map<String, Object> consumerProperties, List<String> topics,
            @Nullable Pattern pattern, int concurrency, boolean autoCommit, Duration commitInterval,
            Duration pollTimeout, long maxQueuedBytesPerPartition, Duration shutdownTimeout) {
        this(group, consumerProperties, topics, pattern, concurrency, autoCommit, commitInterval, pollTimeout,
                maxQueuedBytesPerPartition, shutdownTimeout, shutdownTimeout, DEFAULT_MAX_QUEUED_BYTES);
    }

    /** Validates and copies. */
    public EngineConfig {
        Objects.requireNonNull(group, "group");
        consumerProperties = Map.copyOf(consumerProperties);
        topics = List.copyOf(topics);
        if (pattern == null && topics.isEmpty()) {
            throw new IllegalArgumentException("A consumer needs topics or a pattern");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be 1 or more, got " + concurrency);
        }
        if (maxQueuedBytesPerPartition < 1 || maxQueuedBytes < 1) {
            throw new IllegalArgumentException("maxQueuedBytesPerPartition and maxQueuedBytes must be 1 or more");
        }
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(revocationTimeout, "revocationTimeout");
    }

    /**
     * How long a member may spend on the records in flight of a revoked partition (or on stop) while the group
     * still waits for it: 90% of {@code max.poll.interval.ms} (Kafka's default 300 s gives 270 s), the rest left
     * for the commit. The group's rebalance waits up to {@code max.poll.interval.ms} for a member to give up its
     * partitions, and a member that does not poll for longer is removed from the group, which hands its partitions
     * over at once.
     */
    public static Duration protocolLimit(Map<String, Object> consumerProperties) {
        Object raw = consumerProperties.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        long ms = DEFAULT_MAX_POLL_INTERVAL_MS;
        if (raw != null) {
            try {
                ms = Long.parseLong(raw.toString().trim());
            } catch (NumberFormatException e) {
                // Kafka refuses the setting with its name when the consumer is created.
            }
        }
        return Duration.ofMillis(Math.max(1, ms * 9 / 10));
    }

    /** The main settings, for logs; consumer properties that may be credentials are hidden. */
    @Override
    public String toString() {
        return "EngineConfig[group=" + group + ", " + describeSource() + ", concurrency=" + concurrency
                + ", autoCommit=" + autoCommit + ", consumerProperties=" + Secrets.masked(consumerProperties) + "]";
    }

    /** What is subscribed to, for logs and messages. */
    public String describeSource() {
        return pattern != null ? "pattern " + pattern.pattern() : "topics " + topics;
    }
}
