package io.kafkaesk.internal.consumer;

import java.util.TreeSet;

/**
 * Tracks which fetched offsets of one partition are done, and answers the highest offset that may be committed.
 *
 * <p>An offset is registered when its record is fetched and completed when its record is done (handled, skipped
 * or dead-lettered). The committable offset is the first registered offset that is not yet complete, or one past
 * the highest completed offset when nothing is outstanding: committing it never skips a record that is not done,
 * however completions are ordered and whatever gaps (compaction, transaction markers) the offsets have. Records
 * that are dropped without completing (revocation, shutdown) simply stay outstanding, which holds the commit at
 * the first of them.
 *
 * <p>Not thread-safe: the owner synchronizes.
 */
final class OffsetTracker {
    private final TreeSet<Long> outstanding = new TreeSet<>();
    private long highestCompleted = -1;

    /** Records that {@code offset} was fetched and must complete before any later offset is committed. */
    void register(long offset) {
        outstanding.add(offset);
    }

    /** Records that the record at {@code offset} is done. */
    void complete(long offset) {
        if (outstanding.remove(offset)) {
            highestCompleted = Math.max(highestCompleted, offset);
        }
    }

    /**
     * The offset to commit (the next record to read after a restart), or -1 when no record completed yet or the
     * first outstanding record precedes every completed one.
     */
    long committable() {
        if (highestCompleted < 0) {
            return -1;
        }
        if (outstanding.isEmpty()) {
            return highestCompleted + 1;
        }
        long first = outstanding.first();
        return first;
    }

    /** The number of registered offsets not completed yet. */
    int outstanding() {
        return outstanding.size();
    }
}
