package io.kafkaesk.internal.consumer;

import java.time.Duration;

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
     * Asks the poll thread to commit {@code nextOffset} (the offset of the next record to read) for this partition
     * promptly; the commit is sent at the next poll iteration and at the latest on revocation or close.
     */
    void requestCommit(long nextOffset);
}
