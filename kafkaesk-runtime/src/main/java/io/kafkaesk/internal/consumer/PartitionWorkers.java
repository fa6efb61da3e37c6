package io.kafkaesk.internal.consumer;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads of one {@link ConsumerEngine}: drains each scheduled partition's queue through the processor,
 * one record (or, for a {@link BatchProcessor}, one batch) at a time, and reports outcomes that end the
 * subscription to the engine.
 */
final class PartitionWorkers {
    private static final Logger log = LoggerFactory.getLogger(PartitionWorkers.class);
    /** Records (or batches) one drain processes before it yields its worker to other partitions. */
    private static final int DRAIN_ROUNDS = 64;

    private final ConsumerEngine engine;
    private final RecordProcessor processor;
    private final @Nullable BatchProcessor batches;
    private final ThreadPoolExecutor pool;

    PartitionWorkers(ConsumerEngine engine, RecordProcessor processor, int threads) {
        this.engine = engine;
        this.processor = processor;
        this.batches = processor instanceof BatchProcessor b ? b : null;
        AtomicInteger sequence = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, engine.name() + "-worker-" + sequence.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** Runs a drain of {@code work} on a worker; a pool already shut down leaves the partition unscheduled. */
    void schedule(PartitionWork work) {
        try {
            pool.execute(() -> drain(work));
        } catch (RejectedExecutionException e) {
            work.unschedule();
        }
    }

    private void drain(PartitionWork work) {
        for (int i = 0; i < DRAIN_ROUNDS; i++) {
            boolean more = batches == null ? processOne(work) : processBatch(work, batches);
            if (!more) {
                return;
            }
        }
        // Yield the worker to other partitions; the drain stays scheduled, so order is kept.
        schedule(work);
    }

    /** Processes the next record; false when there is none or the partition must not go on. */
    private boolean processOne(PartitionWork work) {
        ConsumerRecord<byte[], byte[]> record = work.next();
        if (record == null) {
            return false;
        }
        // An interrupt left over from an earlier handler must not cut this record's back-offs short.
        Thread.interrupted();
        Outcome outcome;
        try {
            outcome = processor.process(record, work);
        } catch (Throwable t) {
            outcome = Outcome.fail(t);
        }
        outcome = checked(outcome, work);
        work.finished(record, outcome);
        return goOn(record, outcome);
    }

    /** Processes the next batch; false when there is none or the partition must not go on. */
    private boolean processBatch(PartitionWork work, BatchProcessor batch) {
        List<ConsumerRecord<byte[], byte[]>> records = work.nextBatch(batch.maxBatchSize());
        if (records.isEmpty()) {
            return false;
        }
        Thread.interrupted();
        @Nullable Outcome[] outcomes;
        try {
            outcomes = batch.processBatch(records, work);
        } catch (Throwable t) {
            outcomes = new Outcome[records.size()];
            outcomes[0] = Outcome.fail(t);
        }
        for (int i = 0; i < outcomes.length; i++) {
            Outcome outcome = outcomes[i];
            if (outcome == null) {
                // Not reached: only after a record that stopped the partition or was given up.
                continue;
            }
            outcomes[i] = checked(outcome, work);
        }
        work.finishedBatch(records, outcomes);
        for (int i = 0; i < outcomes.length; i++) {
            Outcome outcome = outcomes[i];
            if (outcome != null && !goOn(records.get(i), outcome)) {
                return false;
            }
        }
        return true;
    }

    /** A record given up while its partition is still assigned: going on would let later records overtake it. */
    private static Outcome checked(Outcome outcome, PartitionWork work) {
        if (outcome.kind() == Outcome.Kind.ABANDONED && !work.cancelled()) {
            return Outcome.fail(new IllegalStateException("The record was given up while its partition was "
                    + "still assigned"));
        }
        return outcome;
    }

    /** Acts on an outcome that ends the subscription; true when the partition goes on. */
    private boolean goOn(ConsumerRecord<byte[], byte[]> record, Outcome outcome) {
        switch (outcome.kind()) {
            case STOP -> {
                log.info("Consumer {} of group {} stops: the handler asked to stop at {}-{}@{}", engine.name(),
                        engine.config().group(), record.topic(), record.partition(), record.offset());
                engine.requestStop();
                return false;
            }
            case FAIL -> {
                engine.fail(new IllegalStateException("Record " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " failed; it is not committed", outcome.failure()));
                return false;
            }
            default -> {
                // Done, or given up because the partition is cancelled: the next take finds nothing and unschedules.
                return true;
            }
        }
    }

    /** Stops taking work; returns at once. */
    void shutdown() {
        pool.shutdown();
    }

    /** Ends the pool: idle workers end at once; one still busy runs a record that overran the shutdown timeout. */
    void terminate() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
