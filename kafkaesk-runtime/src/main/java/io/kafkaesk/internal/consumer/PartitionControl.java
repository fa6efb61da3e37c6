package io.kafkaesk.internal.consumer;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a {@link RecordProcessor} may ask of the partition whose record it is processing. */
public interface PartitionControl {
    /** True once the partition is revoked or the engine is stopping: give the record up at the next chance. */
    boolean cancelled();

    /**
     * Waits for {@code delay} (a retry back-off), returning early when the partition is cancelled.
     *
     * @return true when the full delay passed, false when the partition was cancelled or the thread interrupted
     */
    boolean sleep(Duration delay);

    /**
     * Asks for a commit of the record in flight and every earlier one, once that record is done: nothing happens
     * until the processor reports it {@link Outcome.Kind#DONE} (handled, skipped or dead-lettered); then the poll
     * thread sends the commit at its next iteration, and at the latest on revocation or close. When the record
     * ends any other way (stop, failure, given up) the request is dropped.
     */
    void requestCommit();

    /**
     * Reports a record of the batch in flight done before the batch ends (a {@link BatchProcessor} whose handler
     * named a later record as failed): its offset may be committed once every earlier record is done, while the
     * rest of the batch is still retried. The batch's outcomes must report it done as well.
     */
    void done(ConsumerRecord<byte[], byte[]> record);
}
