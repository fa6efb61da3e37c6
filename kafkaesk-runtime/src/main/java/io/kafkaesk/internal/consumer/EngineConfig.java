package io.kafkaesk.internal.consumer;

import io.kafkaesk.internal.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
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
 * @param shutdownTimeout how long close and revocation wait for records in flight
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
        Duration shutdownTimeout) {

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
        if (maxQueuedBytesPerPartition < 1) {
            throw new IllegalArgumentException("maxQueuedBytesPerPartition must be 1 or more");
        }
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
