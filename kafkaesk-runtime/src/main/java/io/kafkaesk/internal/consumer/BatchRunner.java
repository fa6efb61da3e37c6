package io.kafkaesk.internal.consumer;

import io.kafkaesk.BatchFailure;
import io.kafkaesk.BatchHandler;
import io.kafkaesk.BatchRecord;
import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.StopConsumer;
import io.kafkaesk.TypedHandler;
import io.kafkaesk.UnhandledMessage;
import io.kafkaesk.internal.consumer.SubscriptionProcessor.Decoded;
import io.kafkaesk.internal.consumer.SubscriptionProcessor.Prepared;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link BatchHandler} on batches of one partition's records, with the retry and dead-letter semantics of
 * its subscription; decoding, dead-lettering and the one-record-at-a-time fallback are the
 * {@link SubscriptionProcessor}'s, given the batch handler as a handler of one record ({@link #oneAtATime}).
 *
 * <p>For each batch, in order:
 * <ol>
 *   <li>each record is checked and decoded as for a typed handler; one that cannot be decoded is dead-lettered
 *       at once and left out of the batch (a newer version follows {@code onNewerVersion}; when that stops the
 *       subscription, the batch ends before that record);</li>
 *   <li>the handler is called with the rest; it returned: every record is done once the publishes started through
 *       their contexts are acknowledged;</li>
 *   <li>it threw {@link BatchFailure}: the records before the named one are done (once their publishes are
 *       acknowledged); the batch from the named record on is retried per the {@link RetryPolicy}; when the attempts
 *       are used up (or the policy dead-letters the failure at once), the named record is dead-lettered and the
 *       records after it go on as a new batch with fresh attempts;</li>
 *   <li>it threw anything else: the whole batch is retried per the policy; when the attempts are used up (or the
 *       policy dead-letters the failure at once), each record is handled alone as a batch of one with the policy's
 *       full semantics (attempts, dead letter, circuit breaker), so only the records that fail alone are
 *       dead-lettered. A failure the policy classifies as {@link RetryPolicy.Failure#STOP}, or an exhausted policy
 *       of {@link RetryPolicy.Exhausted#STOP}, stops the subscription without committing the batch.</li>
 * </ol>
 */
public final class BatchRunner implements BatchProcessor {
    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    private final SubscriptionProcessor single;
    private final RecordAttempts attempts;
    private final BatchHandler<Object> handler;
    private final int maxBatchSize;

    /**
     * Runs {@code handler} in batches of at most {@code maxBatchSize} records.
     *
     * @param single the subscription's processor, made with {@link #oneAtATime(BatchHandler) oneAtATime(handler)}
     */
    @SuppressWarnings("unchecked")
    public BatchRunner(SubscriptionProcessor single, BatchHandler<?> handler, int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be 1 or more, got " + maxBatchSize);
        }
        this.single = single;
        this.attempts = single.attempts();
        this.handler = (BatchHandler<Object>) handler;
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * The batch handler as a handler of one record: it receives a batch of one, and a {@link BatchFailure} it
     * throws counts as its cause. What the subscription's processor runs, for decoding and for records handled
     * one at a time.
     */
    public static <T> TypedHandler<T> oneAtATime(BatchHandler<T> handler) {
        return new OneAtATime<>(handler);
    }

    @Override
    public int maxBatchSize() {
        return maxBatchSize;
    }

    @Override
    public Outcome process(ConsumerRecord<byte[], byte[]> record, PartitionControl control) {
        return single.process(record, control);
    }

    @Override
    public @Nullable Outcome[] processBatch(List<ConsumerRecord<byte[], byte[]>> records, PartitionControl control) {
        @Nullable Outcome[] outcomes = new Outcome[records.size()];
        List<Item> items = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            Prepared prepared = single.prepare(record, control);
            Decoded decoded = prepared.decoded();
            if (decoded != null) {
                items.add(new Item(i, record, decoded));
                continue;
            }
            Outcome outcome = settle(record, i, prepared.requireOutcome(), outcomes, control);
            if (outcome.kind() != Outcome.Kind.DONE) {
                break; // the batch ends before this record, which stops or is given up
            }
        }
        run(items, outcomes, control);
        return outcomes;
    }

    /** Handles the decoded records as batches, filling in their outcomes, until all are done or one is not. */
    private void run(List<Item> items, @Nullable Outcome[] outcomes, PartitionControl control) {
        RetryPolicy policy = attempts.policy();
        int start = 0;
        int attempt = 0;
        while (start < items.size()) {
            attempt++;
            List<Item> batch = items.subList(start, items.size());
            if (attempt > 1) {
                if (!attempts.backoff(control, policy.backoffAfter(attempt - 1))) {
                    outcomes[batch.get(0).index()] = Outcome.abandoned();
                    return;
                }
                for (Item item : batch) {
                    attempts.counters().retried.increment();
                    attempts.observers().retried(item.record(), attempts.group());
                }
            }
            Tried tried = tryOnce(batch, attempt, control);
            Outcome outcome = tried.outcome();
            if (outcome != null) {
                if (outcome.kind() == Outcome.Kind.DONE) {
                    batch.forEach(item -> done(item, outcomes, tried.skipped(), control));
                } else {
                    outcomes[batch.get(0).index()] = outcome;
                }
                return;
            }
            Throwable failure = tried.requireFailure();
            int failed = tried.index();
            for (int i = 0; i < failed; i++) {
                done(batch.get(i), outcomes, null, control); // committable while the rest is retried
            }
            start += Math.max(0, failed);
            Item first = items.get(start);
            log.warn("Group {}: batch handler failed on {} records from {}-{}@{}{} (attempt {} of {})",
                    attempts.group(), batch.size(), first.record().topic(), first.record().partition(),
                    batch.get(0).record().offset(), failed < 0 ? "" : ", naming the record @"
                    + first.record().offset(), attempt, policy.maxAttempts(), failure);
            RetryPolicy.Failure kind = policy.classify(failure);
            if (kind == RetryPolicy.Failure.STOP) {
                attempts.observers().consumed(first.record(), attempts.group(), failure);
                outcomes[first.index()] = Outcome.fail(failure);
                return;
            }
            if (kind == RetryPolicy.Failure.RETRY && attempt < policy.maxAttempts()) {
                continue;
            }
            if (kind == RetryPolicy.Failure.RETRY && policy.exhausted() == RetryPolicy.Exhausted.STOP) {
                attempts.observers().consumed(first.record(), attempts.group(), failure);
                outcomes[first.index()] = Outcome.fail(failure);
                return;
            }
            if (failed < 0) {
                oneAtATime(items.subList(start, items.size()), outcomes, control);
                return;
            }
            Outcome dead = settle(first.record(), first.index(),
                    attempts.deadLetter(first.record(), attempt, failure, control), outcomes, control);
            if (dead.kind() != Outcome.Kind.DONE) {
                return;
            }
            start++;
            attempt = 0;
        }
    }

    /** The fallback of a batch that failed without naming a record: each record alone, with the policy's semantics. */
    private void oneAtATime(List<Item> items, @Nullable Outcome[] outcomes, PartitionControl control) {
        log.info("Group {}: handling {} records of {}-{} one at a time, so that only those that fail alone are "
                + "dead-lettered", attempts.group(), items.size(), items.get(0).record().topic(),
                items.get(0).record().partition());
        for (Item item : items) {
            Outcome outcome = settle(item.record(), item.index(),
                    attempts.handle(item.record(), item.decoded(), control), outcomes, control);
            if (outcome.kind() != Outcome.Kind.DONE) {
                return;
            }
        }
    }

    /**
     * Sets a record's outcome; a record done is reported to the partition at once, so that it may be committed
     * while later records of the batch are still processed.
     */
    private static Outcome settle(ConsumerRecord<byte[], byte[]> record, int index, Outcome outcome,
            @Nullable Outcome[] outcomes, PartitionControl control) {
        outcomes[index] = outcome;
        if (outcome.kind() == Outcome.Kind.DONE) {
            control.done(record);
        }
        return outcome;
    }

    private void done(Item item, @Nullable Outcome[] outcomes, @Nullable UnhandledMessage skipped,
            PartitionControl control) {
        settle(item.record(), item.index(), Outcome.done(), outcomes, control);
        if (skipped == null) {
            attempts.counters().handled.increment();
        } else {
            attempts.counters().unhandled.increment();
        }
        attempts.observers().consumed(item.record(), attempts.group(), skipped);
    }

    /** Calls the handler once on {@code batch}. */
    private Tried tryOnce(List<Item> batch, int attempt, PartitionControl control) {
        List<RecordContext> contexts = new ArrayList<>(batch.size());
        List<BatchRecord<Object>> records = new ArrayList<>(batch.size());
        for (Item item : batch) {
            RecordContext context = new RecordContext(attempts.application(), attempts.group(), item.record(),
                    item.decoded().schemaKey(), attempt, control);
            contexts.add(context);
            records.add(new BatchRecord<>(item.decoded().requireData(), context));
        }
        try {
            handler.handle(Collections.unmodifiableList(records));
            return awaitPublishes(contexts, contexts.size()) ? Tried.done(null) : Tried.ended(Outcome.abandoned());
        } catch (BatchFailure e) {
            if (control.cancelled()) {
                return Tried.ended(Outcome.abandoned());
            }
            if (e.index() >= batch.size()) {
                log.warn("Group {}: the batch handler named record {} of a batch of {}; the whole batch failed",
                        attempts.group(), e.index(), batch.size());
                return Tried.failed(e.getCause(), -1);
            }
            try {
                if (!awaitPublishes(contexts, e.index())) {
                    return Tried.ended(Outcome.abandoned());
                }
            } catch (PublishFailedException | InterruptedException failed) {
                Thread.interrupted();
                return Tried.failed(failed, -1);
            }
            return Tried.failed(e.getCause(), e.index());
        } catch (UnhandledMessage e) {
            try {
                if (!awaitPublishes(contexts, contexts.size())) {
                    return Tried.ended(Outcome.abandoned());
                }
            } catch (PublishFailedException | InterruptedException failed) {
                Thread.interrupted();
                return Tried.failed(failed, -1);
            }
            log.info("Group {}: batch of {} records from {}-{}@{} skipped as unhandled: {}", attempts.group(),
                    batch.size(), batch.get(0).record().topic(), batch.get(0).record().partition(),
                    batch.get(0).record().offset(), e.getMessage());
            return Tried.done(e);
        } catch (StopConsumer e) {
            return Tried.ended(Outcome.stop());
        } catch (Throwable e) {
            if (control.cancelled()) {
                return Tried.ended(Outcome.abandoned());
            }
            if (e instanceof InterruptedException) {
                Thread.interrupted(); // the handler's own interrupt: a failure like any other, retried
            }
            return Tried.failed(e, -1);
        }
    }

    /** Waits for the publishes of the first {@code count} records; false when the partition was cancelled. */
    private static boolean awaitPublishes(List<RecordContext> contexts, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            if (!contexts.get(i).awaitPublishes()) {
                return false;
            }
        }
        return true;
    }

    /** A decoded record and its position in the batch the engine gave. */
    private record Item(int index, ConsumerRecord<byte[], byte[]> record, Decoded decoded) {}

    /**
     * What one handler call came to: an outcome for the whole batch (done, perhaps skipped, or a stop, given up),
     * or a failure, naming a record by its index in the batch, or -1.
     */
    private record Tried(@Nullable Outcome outcome, @Nullable UnhandledMessage skipped, @Nullable Throwable failure,
            int index) {
        static Tried done(@Nullable UnhandledMessage skipped) {
            return new Tried(Outcome.done(), skipped, null, -1);
        }

        static Tried ended(Outcome outcome) {
            return new Tried(outcome, null, null, -1);
        }

        static Tried failed(Throwable failure, int index) {
            return new Tried(null, null, failure, index);
        }

        Throwable requireFailure() {
            if (failure == null) {
                throw new IllegalStateException("no failure");
            }
            return failure;
        }
    }

    /** A batch handler seen as a handler of one record. */
    private record OneAtATime<T>(BatchHandler<T> batch) implements TypedHandler<T> {
        @Override
        public MessageSchema<T> schema() {
            return batch.schema();
        }

        @Override
        public void handle(T data, MessageContext context) throws Exception {
            try {
                batch.handle(List.of(new BatchRecord<>(data, context)));
            } catch (BatchFailure e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}
