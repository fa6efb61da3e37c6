package io.kafkaesk.internal.consumer;

import io.kafkaesk.Application;
import io.kafkaesk.BytesHandler;
import io.kafkaesk.EnvelopeHandler;
import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageHandler;
import io.kafkaesk.RecordHandler;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.StopConsumer;
import io.kafkaesk.Subscription;
import io.kafkaesk.SubscriptionStats;
import io.kafkaesk.TypedHandler;
import io.kafkaesk.UnhandledMessage;
import io.kafkaesk.internal.consumer.SubscriptionProcessor.Decoded;
import io.kafkaesk.internal.observe.Observers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of one subscription's decoded records: calls the handler, retries per the {@link RetryPolicy}, holds
 * a partition while its circuit breaker is open, and dead-letters or stops; also what happens to a record of a
 * newer version ({@link Subscription.NewerVersion}).
 *
 * <p>A record counts as done when its handler returned and every publish the handler started through its
 * {@link MessageContext} is acknowledged; a failed publish fails the attempt like a throwing handler. A dead letter
 * must be acknowledged by the broker before the record counts as done; when it cannot be written (bounded attempts)
 * the subscription stops without committing the record.
 */
final class RecordAttempts {
    private static final Logger log = LoggerFactory.getLogger(RecordAttempts.class);
    private static final int DEAD_LETTER_ATTEMPTS = 3;

    private final Application application;
    private final String group;
    private final MessageHandler handler;
    private final RetryPolicy policy;
    private final String deadLetterTopic;
    private final DeadLetterWriter deadLetters;
    private final SubscriptionCounters counters;
    private final Subscription.NewerVersion newerVersion;
    /** Per partition: how many records in a row failed every attempt the same way (the circuit breaker). */
    private final Map<TopicPartition, Streak> streaks = new ConcurrentHashMap<>();
    private Observers observers = Observers.NONE;

    RecordAttempts(Application application, String group, MessageHandler handler, RetryPolicy policy,
            String deadLetterTopic, DeadLetterWriter deadLetters, SubscriptionCounters counters,
            Subscription.NewerVersion newerVersion) {
        this.application = application;
        this.group = group;
        this.handler = handler;
        this.policy = policy;
        this.deadLetterTopic = deadLetterTopic;
        this.deadLetters = deadLetters;
        this.counters = counters;
        this.newerVersion = newerVersion;
    }

    /** Sets the metrics and tracing hooks; before the engine starts. (observe) */
    void observe(Observers observers) {
        this.observers = observers;
    }

    Application application() {
        return application;
    }

    String group() {
        return group;
    }

    String deadLetterTopic() {
        return deadLetterTopic;
    }

    RetryPolicy policy() {
        return policy;
    }

    SubscriptionCounters counters() {
        return counters;
    }

    Observers observers() {
        return observers;
    }

    /**
     * Runs the handler on a decoded record with the retry policy's attempts, then dead-letters it, holds its
     * partition (circuit breaker) or stops, per the policy.
     */
    Outcome handle(ConsumerRecord<byte[], byte[]> record, Decoded decoded, PartitionControl control) {
        Throwable last = null;
        int maxAttempts = policy.maxAttempts();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                if (!backoff(control, policy.backoffAfter(attempt - 1))) {
                    return Outcome.abandoned();
                }
                counters.retried.increment();
                observers.retried(record, group);
            }
            Tried tried = tryOnce(record, decoded, attempt, control);
            if (tried.outcome() != null) {
                return tried.outcome();
            }
            Throwable e = tried.requireFailure();
            last = e;
            log.warn("Group {}: handler failed on record {}-{}@{} (attempt {} of {})", group, record.topic(),
                    record.partition(), record.offset(), attempt, maxAttempts, e);
            if (policy.classify(e) == RetryPolicy.Failure.DEAD_LETTER) {
                return deadLetter(record, attempt, e, control);
            }
        }
        Throwable failure = last == null ? new IllegalStateException("no attempt ran") : last;
        if (policy.exhausted() == RetryPolicy.Exhausted.STOP) {
            observers.consumed(record, group, failure);
            return Outcome.fail(failure);
        }
        if (circuitOpens(record, failure)) {
            return holdWhileOpen(record, decoded, failure, maxAttempts, control);
        }
        return deadLetter(record, maxAttempts, failure, control);
    }

    /**
     * Runs the handler once. The outcome is set when the record is done with: handled, skipped, a stop request,
     * given up (revoked), or a failure that stops the subscription ({@link RetryPolicy.Failure#STOP}); else the
     * failure is set, to be retried or dead-lettered.
     */
    private Tried tryOnce(ConsumerRecord<byte[], byte[]> record, Decoded decoded, int attempt,
            PartitionControl control) {
        RecordContext context = new RecordContext(application, group, record, decoded.schemaKey(), attempt,
                control);
        try {
            observers.handle(record, group, attempt, () -> invoke(decoded, context));
            if (!context.awaitPublishes()) {
                return new Tried(Outcome.abandoned(), null);
            }
            counters.handled.increment();
            observers.consumed(record, group, null);
            streaks.remove(partition(record));
            return new Tried(Outcome.done(), null);
        } catch (UnhandledMessage e) {
            // Skipped is done too: only once what the handler published before skipping is acknowledged.
            try {
                if (!context.awaitPublishes()) {
                    return new Tried(Outcome.abandoned(), null);
                }
            } catch (PublishFailedException | InterruptedException failed) {
                Thread.interrupted();
                return new Tried(null, failed);
            }
            streaks.remove(partition(record));
            counters.unhandled.increment();
            observers.consumed(record, group, e);
            log.info("Group {}: record {}-{}@{} skipped as unhandled: {}", group, record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return new Tried(Outcome.done(), null);
        } catch (StopConsumer e) {
            return new Tried(Outcome.stop(), null);
        } catch (Throwable e) {
            if (control.cancelled()) {
                // Revoked or stopping while the handler ran (perhaps interrupted by the shutdown): the record
                // goes to the partition's next owner instead of being retried here.
                return new Tried(Outcome.abandoned(), null);
            }
            if (e instanceof InterruptedException) {
                Thread.interrupted(); // the handler's own interrupt: a failure like any other, retried
            }
            if (policy.classify(e) == RetryPolicy.Failure.STOP) {
                // Not the record's fault (a bad deploy, a broken dependency): dead-lettering would drain the
                // partition. The record stays uncommitted for a fixed consumer.
                observers.consumed(record, group, e);
                return new Tried(Outcome.fail(e), null);
            }
            return new Tried(null, e);
        }
    }

    /**
     * Counts a record that failed every attempt; true when the policy's number of records of this partition in a
     * row have now failed with the same exception type.
     */
    private boolean circuitOpens(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        int limit = policy.circuitBreaker();
        if (limit == 0) {
            return false;
        }
        String type = failure.getClass().getName();
        Streak streak = streaks.merge(partition(record), new Streak(type, 1),
                (old, one) -> old.type.equals(type) ? new Streak(type, old.count + 1) : one);
        return streak.count >= limit;
    }

    /**
     * The open circuit: instead of dead-lettering this record too, the partition pauses on it (its later records
     * wait; the consumer keeps its partitions) and tries it again every {@link RetryPolicy#maxBackoff()}, until it
     * is handled (the circuit closes and the partition goes on), fails another way (then it is dead-lettered), or
     * the partition is revoked. Reported in the log and in {@link SubscriptionStats#pausedPartitions()}.
     */
    private Outcome holdWhileOpen(ConsumerRecord<byte[], byte[]> record, Decoded decoded, Throwable failure,
            int attempts, PartitionControl control) {
        String type = failure.getClass().getName();
        log.error("Group {}: circuit breaker open on {}-{}: {} records in a row failed every attempt with {}; the "
                + "partition pauses on record @{} and tries it again every {} instead of dead-lettering its records "
                + "one by one (RetryPolicy.circuitBreaker)", group, record.topic(), record.partition(),
                policy.circuitBreaker(), type, record.offset(), policy.maxBackoff(), failure);
        counters.pausedPartitions.increment();
        try {
            for (int attempt = attempts + 1; ; attempt++) {
                if (!backoff(control, policy.maxBackoff())) {
                    return Outcome.abandoned();
                }
                Tried tried = tryOnce(record, decoded, attempt, control);
                if (tried.outcome() != null) {
                    log.info("Group {}: circuit breaker on {}-{} closed at record @{} ({})", group, record.topic(),
                            record.partition(), record.offset(), tried.outcome());
                    return tried.outcome();
                }
                Throwable e = tried.requireFailure();
                if (!e.getClass().getName().equals(type)) {
                    // This record now fails another way: the partition no longer fails as a whole.
                    streaks.remove(partition(record));
                    return deadLetter(record, attempt, e, control);
                }
            }
        } finally {
            counters.pausedPartitions.decrement();
        }
    }

    /** What {@link Subscription.NewerVersion} says to do with a record of a newer version. */
    Outcome newerVersion(ConsumerRecord<byte[], byte[]> record, UndecodableRecordException e,
            PartitionControl control) {
        switch (newerVersion) {
            case SKIP -> {
                counters.skippedNewer.increment();
                log.warn("Group {}: record {}-{}@{} skipped: {}", group, record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return Outcome.done();
            }
            case DEAD_LETTER -> {
                log.warn("Group {}: record {}-{}@{} is dead-lettered to {}: {}", group, record.topic(),
                        record.partition(), record.offset(), deadLetterTopic, e.getMessage());
                return deadLetter(record, 0, e, control);
            }
            default -> {
                return Outcome.fail(new IllegalStateException("Record " + record.topic() + "-" + record.partition()
                        + "@" + record.offset() + " is of a newer version than this subscription handles, so it "
                        + "stops (Subscription.onNewerVersion) and the record waits for a consumer that handles it: "
                        + e.getMessage(), e));
            }
        }
    }

    private static TopicPartition partition(ConsumerRecord<byte[], byte[]> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** How many records of one partition in a row failed with one exception type. */
    private record Streak(String type, int count) {}

    /** What one handler call came to: an outcome, or a failure to retry or dead-letter. */
    private record Tried(@Nullable Outcome outcome, @Nullable Throwable failure) {
        Throwable requireFailure() {
            if (failure == null) {
                throw new IllegalStateException("no failure");
            }
            return failure;
        }
    }

    Outcome deadLetter(ConsumerRecord<byte[], byte[]> record, int attempts, Throwable error,
            PartitionControl control) {
        Exception lastFailure = null;
        for (int attempt = 1; attempt <= DEAD_LETTER_ATTEMPTS; attempt++) {
            if (attempt > 1 && !backoff(control, policy.backoffAfter(attempt - 1))) {
                return Outcome.abandoned();
            }
            try {
                deadLetters.write(deadLetterTopic, record, group, attempts, error);
                counters.deadLettered.increment();
                observers.deadLettered(record, group, error);
                observers.consumed(record, group, error);
                return Outcome.done();
            } catch (Exception e) {
                if (control.cancelled()) {
                    return Outcome.abandoned();
                }
                if (e instanceof InterruptedException) {
                    Thread.interrupted();
                }
                lastFailure = e;
                log.warn("Group {}: dead-lettering record {}-{}@{} to {} failed (attempt {} of {})", group,
                        record.topic(), record.partition(), record.offset(), deadLetterTopic, attempt,
                        DEAD_LETTER_ATTEMPTS, e);
            }
        }
        IllegalStateException failure = new IllegalStateException("Record " + record.topic() + "-"
                + record.partition() + "@" + record.offset() + " could not be dead-lettered to " + deadLetterTopic
                + "; the subscription stops without committing it", lastFailure);
        failure.addSuppressed(error);
        return Outcome.fail(failure);
    }

    /**
     * Waits before the next attempt.
     *
     * @return false when the partition was cancelled: give the record up. An interrupt without cancellation is
     *     cleared and the wait ends early: the record must not be given up while its partition is still ours,
     *     or later records would overtake it.
     */
    boolean backoff(PartitionControl control, Duration delay) {
        if (!control.sleep(delay)) {
            if (control.cancelled()) {
                return false;
            }
            Thread.interrupted();
        }
        return !control.cancelled();
    }

    @SuppressWarnings("unchecked")
    private void invoke(Decoded decoded, MessageContext context) throws Exception {
        ConsumerRecord<byte[], byte[]> record = context.record();
        TypedHandler<?> typed = decoded.typed();
        if (typed != null) {
            ((TypedHandler<Object>) typed).handle(decoded.requireData(), context);
        } else if (handler instanceof EnvelopeHandler envelopeHandler) {
            envelopeHandler.handle(decoded.requireEnvelope(), context);
        } else if (handler instanceof BytesHandler bytes) {
            bytes.handle(record.value(), context);
        } else {
            ((RecordHandler) handler).handle(record, context);
        }
    }
}
