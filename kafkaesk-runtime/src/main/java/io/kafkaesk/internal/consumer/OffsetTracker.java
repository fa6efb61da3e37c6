package io.kafkaesk.internal.consumer;

import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

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
 * <p>Offsets arrive in increasing order and usually complete in that order, so they are kept in a ring in
 * registration order with a completion flag each: registering appends, completing the oldest pops it (and any
 * completed ones behind it), and other completions find their entry by binary search. No boxing, no tree. Should
 * an offset ever be registered out of order, the tracker moves its outstanding offsets into a sorted set and
 * carries on there, with the same answers.
 *
 * <p>Not thread-safe: the owner synchronizes.
 */
final class OffsetTracker {
    private long[] offsets = new long[64];
    private boolean[] completed = new boolean[64];
    /** Index of the oldest entry; every entry from it on is registered and not yet popped. */
    private int head;
    private int size;
    /** Entries in the ring that are completed but not popped (they sit behind an outstanding one). */
    private int completedInRing;
    private long highestCompleted = -1;
    /** The outstanding offsets, once one was registered out of order; null while the ring serves. */
    private @Nullable TreeSet<Long> irregular;

    /** Records that {@code offset} was fetched and must complete before any later offset is committed. */
    void register(long offset) {
        TreeSet<Long> set = irregular;
        if (set != null) {
            set.add(offset);
            return;
        }
        if (size > 0 && offset <= offsets[index(size - 1)]) {
            set = new TreeSet<>();
            for (int i = 0; i < size; i++) {
                if (!completed[index(i)]) {
                    set.add(offsets[index(i)]);
                }
            }
            set.add(offset);
            irregular = set;
            return;
        }
        if (size == offsets.length) {
            grow();
        }
        int i = index(size++);
        offsets[i] = offset;
        completed[i] = false;
    }

    /** Records that the record at {@code offset} is done. */
    void complete(long offset) {
        TreeSet<Long> set = irregular;
        if (set != null) {
            if (set.remove(offset)) {
                highestCompleted = Math.max(highestCompleted, offset);
            }
            return;
        }
        if (size == 0) {
            return;
        }
        int at = offsets[head] == offset ? 0 : find(offset);
        if (at < 0 || completed[index(at)]) {
            return; // not registered, or completed already
        }
        completed[index(at)] = true;
        completedInRing++;
        highestCompleted = Math.max(highestCompleted, offset);
        while (size > 0 && completed[head]) {
            head = (head + 1) % offsets.length;
            size--;
            completedInRing--;
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
        TreeSet<Long> set = irregular;
        if (set != null) {
            return set.isEmpty() ? highestCompleted + 1 : set.first();
        }
        return size == 0 ? highestCompleted + 1 : offsets[head]; // the head is never a completed entry
    }

    /** The number of registered offsets not completed yet. */
    int outstanding() {
        TreeSet<Long> set = irregular;
        return set != null ? set.size() : size - completedInRing;
    }

    /** The ring index of the {@code n}-th entry from the head. */
    private int index(int n) {
        return (head + n) % offsets.length;
    }

    /** The position from the head of {@code offset} in the ring (whose offsets increase), or -1. */
    private int find(long offset) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long v = offsets[index(mid)];
            if (v < offset) {
                low = mid + 1;
            } else if (v > offset) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void grow() {
        long[] o = new long[offsets.length * 2];
        boolean[] c = new boolean[offsets.length * 2];
        for (int i = 0; i < size; i++) {
            o[i] = offsets[index(i)];
            c[i] = completed[index(i)];
        }
        offsets = o;
        completed = c;
        head = 0;
    }

    @Override
    public String toString() {
        return irregular != null ? "OffsetTracker" + irregular
                : "OffsetTracker[" + size + " in ring from " + (size == 0 ? "-" : Long.toString(offsets[head]))
                        + ", highest completed " + highestCompleted + "]";
    }

    /** For tests: whether the ring still serves (no out-of-order registration seen). */
    boolean inOrder() {
        return irregular == null;
    }
}
