package io.kafkaesk.internal.consumer;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RecordProcessor} that takes consecutive records of one partition at once; the engine gives it up to
 * {@link #maxBatchSize()} of the partition's queued records, never two batches of one partition at once.
 */
public interface BatchProcessor extends RecordProcessor {
    /** The most records one call of {@link #processBatch} takes, 1 or more. */
    int maxBatchSize();

    /**
     * Processes consecutive records of one partition, in offset order, and says what became of each. Must not
     * throw: a throwable that escapes is treated as {@link Outcome#fail(Throwable)} of the first record.
     *
     * @return one outcome per record, in order; null for a record not reached because an earlier one stopped the
     *     partition or was given up (it is not committed)
     */
    @Nullable Outcome[] processBatch(List<ConsumerRecord<byte[], byte[]>> records, PartitionControl control);
}
