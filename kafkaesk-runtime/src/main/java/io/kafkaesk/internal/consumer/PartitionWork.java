package io.kafkaesk.internal.consumer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * The fetched, not yet processed records of one assigned partition, and its commit bookkeeping.
 *
 * <p>The poll thread enqueues records; at most one worker at a time drains the queue (the {@code scheduled} flag),
 * so records of a partition are processed one by one, in order. Cancelling (revocation, shutdown) drops the queue
 * and wakes a worker sleeping in a retry back-off; the record in flight, if any, finishes and {@link #awaitIdle}
 * lets the poll thread wait for it. All mutable state is guarded by this object's monitor, except the commit
 * positions, which only the poll thread touches.
 */
final class PartitionWork implements PartitionControl {
    final TopicPartition partition;
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> queue = new ArrayDeque<>();
    private final OffsetTracker tracker = new OffsetTracker();
    private boolean scheduled;
    private boolean inFlight;
    private boolean cancelled;
    private boolean halted;
    private long requestedCommit = -1;
    /** A commit asked for by the handler of the record in flight, applied once that record is done. */
    private boolean commitAsked;
    private long queuedBytes;

    /** The offset last acknowledged by the broker (poll thread only). */
    long committed = -1;
    /** The offset last sent in an asynchronous commit (poll thread only). */
    long commitSent = -1;

    /** A rough size of a ConsumerRecord with its header list and its offset tracker entry. */
    private static final long RECORD_OVERHEAD_BYTES = 256;
    /** A rough size of one header object beyond its key and value. */
    private static final long HEADER_OVERHEAD_BYTES = 48;

    PartitionWork(TopicPartition partition) {
        this.partition = partition;
    }

    /**
     * Appends fetched records.
     *
     * @return true when the caller must schedule a drain of this partition on the worker pool
     */
    synchronized boolean enqueue(List<ConsumerRecord<byte[], byte[]>> records) {
        if (cancelled || halted) {
            return false;
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
            tracker.register(r.offset());
            queue.add(r);
            queuedBytes += footprint(r);
        }
        if (scheduled || queue.isEmpty()) {
            return false;
        }
        scheduled = true;
        return true;
    }

    /** Takes the next record to process, or returns null and unschedules the drain when there is none to take. */
    synchronized @Nullable ConsumerRecord<byte[], byte[]> next() {
        ConsumerRecord<byte[], byte[]> r = cancelled || halted ? null : queue.poll();
        if (r == null) {
            scheduled = false;
            inFlight = false;
            notifyAll();
            return null;
        }
        inFlight = true;
        queuedBytes -= footprint(r);
        return r;
    }

    /**
     * Takes up to {@code max} queued records to process as one batch, in order, or returns an empty list and
     * unschedules the drain when there is none to take.
     */
    synchronized List<ConsumerRecord<byte[], byte[]>> nextBatch(int max) {
        ConsumerRecord<byte[], byte[]> first = next();
        if (first == null) {
            return List.of();
        }
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(Math.min(max, queue.size() + 1));
        batch.add(first);
        while (batch.size() < max && !queue.isEmpty()) {
            ConsumerRecord<byte[], byte[]> r = queue.poll();
            queuedBytes -= footprint(r);
            batch.add(r);
        }
        return batch;
    }

    /**
     * Records what became of a batch taken with {@link #nextBatch}: each record's outcome, in order, null for a
     * record not reached. A commit asked for during the batch covers the records done before the first that is not.
     */
    synchronized void finishedBatch(List<ConsumerRecord<byte[], byte[]>> records, @Nullable Outcome[] outcomes) {
        inFlight = false;
        boolean asked = commitAsked;
        commitAsked = false;
        boolean contiguous = true;
        for (int i = 0; i < records.size(); i++) {
            Outcome outcome = outcomes[i];
            if (outcome == null) {
                contiguous = false;
                continue;
            }
            switch (outcome.kind()) {
                case DONE -> {
                    tracker.complete(records.get(i).offset());
                    if (asked && contiguous) {
                        requestedCommit = Math.max(requestedCommit, records.get(i).offset() + 1);
                    }
                }
                case STOP, FAIL -> {
                    contiguous = false;
                    halted = true;
                    queue.clear();
                    queuedBytes = 0;
                }
                case ABANDONED -> contiguous = false;
            }
        }
        notifyAll();
    }

    /** Called when the drain could not be scheduled (the pool is shut down). */
    synchronized void unschedule() {
        scheduled = false;
        notifyAll();
    }

    /** Records what became of the record in flight. */
    synchronized void finished(ConsumerRecord<byte[], byte[]> record, Outcome outcome) {
        inFlight = false;
        boolean asked = commitAsked;
        commitAsked = false;
        switch (outcome.kind()) {
            case DONE -> {
                tracker.complete(record.offset());
                if (asked) {
                    requestedCommit = Math.max(requestedCommit, record.offset() + 1);
                }
            }
            case STOP, FAIL -> {
                // Nothing after this record may run: the order of the partition would be broken.
                halted = true;
                queue.clear();
                queuedBytes = 0;
            }
            case ABANDONED -> { }
        }
        notifyAll();
    }

    /** Drops queued records and stops retries; the record in flight, if any, still finishes. */
    synchronized void cancel() {
        cancelled = true;
        queue.clear();
        queuedBytes = 0;
        notifyAll();
    }

    /** Waits until no record of this partition is being processed or {@code deadlineNanos} passes. */
    synchronized boolean awaitIdle(long deadlineNanos) {
        while (inFlight || (scheduled && !queue.isEmpty())) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The number of records fetched and not yet taken by a worker. */
    synchronized int queued() {
        return queue.size();
    }

    /** The approximate memory held by records fetched and not yet taken by a worker. */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    /**
     * What a queued record costs: key, value and headers, plus a fixed allowance for the record object, its header
     * list and its entry in the offset tracker.
     */
    private static long footprint(ConsumerRecord<byte[], byte[]> r) {
        long bytes = RECORD_OVERHEAD_BYTES + Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
        for (Header h : r.headers()) {
            bytes += HEADER_OVERHEAD_BYTES + h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return bytes;
    }

    /**
     * The offset to commit now, or -1.
     *
     * @param includeCompleted true to include completed work (library commits), false for user-requested commits only
     */
    synchronized long commitCandidate(boolean includeCompleted) {
        long c = includeCompleted ? tracker.committable() : -1;
        return Math.max(c, requestedCommit);
    }

    @Override
    public synchronized boolean cancelled() {
        return cancelled;
    }

    @Override
    public synchronized boolean sleep(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        while (!cancelled) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public synchronized void done(ConsumerRecord<byte[], byte[]> record) {
        tracker.complete(record.offset());
    }

    @Override
    public synchronized void requestCommit() {
        commitAsked = true;
    }

    @Override
    public String toString() {
        return partition.toString();
    }
}
