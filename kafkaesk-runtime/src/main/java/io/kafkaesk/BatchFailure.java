package io.kafkaesk;

import java.util.Objects;

/**
 * Thrown by a {@link BatchHandler} to name the record of its batch that failed: the records before it are done,
 * that record and those after it are retried, and once the attempts are used up that record alone is
 * dead-lettered with {@link #getCause()} as the reason.
 */
public final class BatchFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int index;

    /**
     * Names the failing record.
     *
     * @param index the record's position in the batch the handler received, from 0
     * @param cause why it failed: the reason its dead letter carries, and what the {@link RetryPolicy} classifies
     */
    public BatchFailure(int index, Throwable cause) {
        super("Record " + index + " of the batch failed: " + Objects.requireNonNull(cause, "cause"), cause);
        if (index < 0) {
            throw new IllegalArgumentException("Invalid batch index " + index + ": it must be 0 or more");
        }
        this.index = index;
    }

    /** The failing record's position in the batch, from 0. */
    public int index() {
        return index;
    }
}
