package io.kafkaesk.internal.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offset commits of one {@link ConsumerEngine}: requested commits at once and completed work every
 * {@link EngineConfig#commitInterval()} (asynchronously, from the poll loop), and a synchronous commit when
 * partitions are given up. Only {@link OffsetTracker#committable() contiguous completed} offsets, or offsets a
 * handler asked for once its record was done, are committed. Poll thread only.
 */
final class Commits {
    private static final Logger log = LoggerFactory.getLogger(Commits.class);

    private final EngineConfig config;
    private final String name;
    private long lastIntervalCommitNanos;

    Commits(EngineConfig config, String name) {
        this.config = config;
        this.name = name;
    }

    /** Starts the commit interval; when the poll loop starts. */
    void start() {
        lastIntervalCommitNanos = System.nanoTime();
    }

    /** Sends, asynchronously, what is due: requested commits, and completed work when the interval passed. */
    void commitDue(KafkaConsumer<byte[], byte[]> c, Collection<PartitionWork> works) {
        long now = System.nanoTime();
        boolean intervalDue = config.autoCommit()
                && now - lastIntervalCommitNanos >= config.commitInterval().toNanos();
        if (intervalDue) {
            lastIntervalCommitNanos = now;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, PartitionWork> sent = new HashMap<>();
        for (PartitionWork work : works) {
            long candidate = work.commitCandidate(intervalDue);
            if (candidate > work.committed && candidate > work.commitSent) {
                offsets.put(work.partition, new OffsetAndMetadata(candidate));
                sent.put(work.partition, work);
                work.commitSent = candidate;
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        c.commitAsync(offsets, (committed, error) -> {
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                PartitionWork work = sent.get(e.getKey());
                if (work == null) {
                    continue;
                }
                if (error == null) {
                    work.committed = Math.max(work.committed, e.getValue().offset());
                } else {
                    // Sent again at the next opportunity.
                    work.commitSent = work.committed;
                }
            }
            if (error != null) {
                log.warn("Consumer {} of group {}: commit of {} failed; it is retried", name, config.group(),
                        offsets, error);
            }
        });
    }

    /**
     * Commits what is done of partitions being given up, synchronously, within
     * {@link ConsumerEngine#CLOSE_TIMEOUT}; a failed commit is logged (those records will be delivered again).
     *
     * @param why what gives them up, for the log: revocation, close
     */
    void commitNow(KafkaConsumer<byte[], byte[]> c, Collection<PartitionWork> works, String why) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionWork work : works) {
            long candidate = work.commitCandidate(config.autoCommit());
            if (candidate > work.committed) {
                offsets.put(work.partition, new OffsetAndMetadata(candidate));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                c.commitSync(offsets, ConsumerEngine.CLOSE_TIMEOUT);
                log.debug("Consumer {} of group {} committed {} on {}", name, config.group(), offsets, why);
                return;
            } catch (WakeupException e) {
                if (attempt >= 2) {
                    throw e;
                }
            } catch (RuntimeException e) {
                log.warn("Consumer {} of group {}: commit of {} on {} failed; those records will be delivered again",
                        name, config.group(), offsets, why, e);
                return;
            }
        }
    }
}
