package io.kafkaesk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a subscription does when its handler throws (anything but {@link UnhandledMessage} and
 * {@link StopConsumer}): how many times the record is attempted, how long to wait between attempts, and what
 * happens when the attempts are used up.
 *
 * <p>Failures are classified ({@link #classify}):
 * <ul>
 *   <li>an {@link Error} ({@code NoClassDefFoundError} after a bad deploy, {@code OutOfMemoryError} ...) and the
 *       types given to {@link #stopOn} stop the subscription at once, without retry and without committing the
 *       record; the health check fails and a worker exits non-zero. Dead-lettering would drain the topic into the
 *       dead-letter stream record after record, for a fault that is not the records';</li>
 *   <li>the types given to {@link #deadLetterOn} are dead-lettered at once, without retry (a record the handler
 *       refuses for good);</li>
 *   <li>any other exception is retried, then dead-lettered or the subscription stops ({@link #thenStop()}).</li>
 * </ul>
 * Records that cannot be decoded (not JSON, not an envelope, another schema, data that does not bind) or fail
 * validation never reach the handler: they are dead-lettered at once.
 *
 * <p>A circuit breaker ({@link #circuitBreaker(int)}, default {@value #DEFAULT_CIRCUIT_BREAKER}) pauses a partition
 * when that many of its records in a row failed every attempt with the same exception type, instead of draining it
 * into the dead-letter stream because of a fault (a database down, a bad configuration) that no record can get
 * past: the last of them is neither dead-lettered nor committed, and is tried again every {@link #maxBackoff()}
 * while the partition's later records wait; once it is handled the partition goes on. An open circuit is logged
 * and counted in {@link SubscriptionStats#pausedPartitions()}; it does not fail the health check, so that a
 * liveness probe does not restart the worker, which would start counting again and dead-letter more records.
 *
 * <p>Attempts happen in place, on the partition's worker, so later records of the partition wait: order is kept.
 * The consumer keeps polling meanwhile, so long back-offs never get it dropped from its group; a back-off is cut
 * short (and the record left uncommitted) when the partition is revoked or the application closes.
 *
 * <pre>{@code
 * RetryPolicy.defaults()                                   // 3 attempts, 200 ms, 400 ms, then dead-letter
 * RetryPolicy.attempts(5).backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30))
 * RetryPolicy.attempts(1).thenStop()                       // the Python seed's behaviour
 * }</pre>
 *
 * <p>Immutable: every method returns a new policy.
 */
public final class RetryPolicy {
    /** What happens to a record whose attempts are used up. */
    public enum Exhausted {
        /** Publish it to the dead-letter topic, then commit it and go on with the next record. */
        DEAD_LETTER,
        /** Stop the subscription without committing it; the subscription counts as failed in the health check. */
        STOP
    }

    /** What becomes of a failed attempt, by the failure's type; see {@link #classify}. */
    public enum Failure {
        /** Retried while attempts are left, then handled as {@link #exhausted()} says. */
        RETRY,
        /** Dead-lettered at once. */
        DEAD_LETTER,
        /** The subscription stops at once without committing the record; the health check fails. */
        STOP
    }

    /** The default of {@link #circuitBreaker(int)}. */
    public static final int DEFAULT_CIRCUIT_BREAKER = 10;

    private static final RetryPolicy DEFAULTS = new RetryPolicy(3, Duration.ofMillis(200), 2.0,
            Duration.ofSeconds(10), Exhausted.DEAD_LETTER, List.of(), List.of(), DEFAULT_CIRCUIT_BREAKER);

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final Exhausted exhausted;
    private final List<Class<? extends Throwable>> stopOn;
    private final List<Class<? extends Throwable>> deadLetterOn;
    private final int circuitBreaker;

    private RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
            Exhausted exhausted, List<Class<? extends Throwable>> stopOn,
            List<Class<? extends Throwable>> deadLetterOn, int circuitBreaker) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.multiplier = multiplier;
        this.maxBackoff = maxBackoff;
        this.exhausted = exhausted;
        this.stopOn = List.copyOf(stopOn);
        this.deadLetterOn = List.copyOf(deadLetterOn);
        this.circuitBreaker = circuitBreaker;
    }

    private RetryPolicy with(int attempts, Duration initial, double factor, Duration max, Exhausted then) {
        return new RetryPolicy(attempts, initial, factor, max, then, stopOn, deadLetterOn, circuitBreaker);
    }

    /** 3 attempts, waiting 200 ms then 400 ms (doubling, at most 10 s), then dead-letter. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** The default back-off with {@code maxAttempts} attempts in all (1 means no retry), then dead-letter. */
    public static RetryPolicy attempts(int maxAttempts) {
        return DEFAULTS.withAttempts(maxAttempts);
    }

    /** This policy with {@code maxAttempts} attempts in all, 1 or more. */
    public RetryPolicy withAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("Invalid maxAttempts " + maxAttempts + ": use 1 or more (1 = no retry)");
        }
        return with(maxAttempts, initialBackoff, multiplier, maxBackoff, exhausted);
    }

    /**
     * This policy with exponential back-off: {@code initial} before the second attempt, multiplied by
     * {@code multiplier} before each later one, never more than {@code max}.
     */
    public RetryPolicy backoff(Duration initial, double multiplier, Duration max) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Invalid back-off " + initial + " .. " + max
                    + ": both must be 0 or more and max must not be below initial");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("Invalid back-off multiplier " + multiplier + ": use 1.0 or more");
        }
        return with(maxAttempts, initial, multiplier, max, exhausted);
    }

    /** This policy with a fixed {@code delay} between attempts. */
    public RetryPolicy fixedBackoff(Duration delay) {
        return backoff(delay, 1.0, delay);
    }

    /** This policy, dead-lettering a record whose attempts are used up (the default). */
    public RetryPolicy thenDeadLetter() {
        return with(maxAttempts, initialBackoff, multiplier, maxBackoff, Exhausted.DEAD_LETTER);
    }

    /** This policy, stopping the subscription without committing a record whose attempts are used up. */
    public RetryPolicy thenStop() {
        return with(maxAttempts, initialBackoff, multiplier, maxBackoff, Exhausted.STOP);
    }

    /**
     * This policy, stopping the subscription at once (no retry, the record not committed, the health check
     * failing) when the handler throws one of {@code types} or a subclass; {@link Error}s always do.
     */
    @SafeVarargs
    public final RetryPolicy stopOn(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> all = new ArrayList<>(stopOn);
        for (Class<? extends Throwable> type : types) {
            all.add(Objects.requireNonNull(type, "type"));
        }
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, exhausted, all, deadLetterOn,
                circuitBreaker);
    }

    /** This policy, dead-lettering at once, without retry, a record whose handler throws one of {@code types}. */
    @SafeVarargs
    public final RetryPolicy deadLetterOn(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> all = new ArrayList<>(deadLetterOn);
        for (Class<? extends Throwable> type : types) {
            all.add(Objects.requireNonNull(type, "type"));
        }
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, exhausted, stopOn, all,
                circuitBreaker);
    }

    /**
     * This policy, pausing a partition when {@code consecutive} of its records in a row failed every attempt with
     * the same exception type (the last one is then neither dead-lettered nor committed, and is tried again every
     * {@link #maxBackoff()} until it is handled); 0 turns the breaker off.
     */
    public RetryPolicy circuitBreaker(int consecutive) {
        if (consecutive < 0 || consecutive == 1) {
            throw new IllegalArgumentException("Invalid circuit breaker " + consecutive + ": use 2 or more "
                    + "records in a row, or 0 to turn it off");
        }
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, exhausted, stopOn, deadLetterOn,
                consecutive);
    }

    /** How many records of a partition in a row must fail the same way to stop the subscription; 0 is off. */
    public int circuitBreaker() {
        return circuitBreaker;
    }

    /** What becomes of an attempt that failed with {@code failure}; see the class documentation. */
    public Failure classify(Throwable failure) {
        if (failure instanceof Error || stopOn.stream().anyMatch(t -> t.isInstance(failure))) {
            return Failure.STOP;
        }
        return deadLetterOn.stream().anyMatch(t -> t.isInstance(failure)) ? Failure.DEAD_LETTER : Failure.RETRY;
    }

    /** The number of attempts in all, 1 or more. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The longest wait between attempts; also how often a partition paused by the circuit breaker tries again. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

        /** What happens when the attempts are used up. */
    public Exhausted exhausted() {
        return exhausted;
    }

    /** The wait after failed attempt number {@code attempt} (1-based) and before the next one. */
    public Duration backoffAfter(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        long capped = (long) Math.min(millis, maxBackoff.toMillis());
        return Duration.ofMillis(capped);
    }

    @Override
    public String toString() {
        return "RetryPolicy[" + maxAttempts + " attempts, backoff " + initialBackoff + " x" + multiplier + " up to "
                + maxBackoff + ", then " + exhausted + (stopOn.isEmpty() ? "" : ", stop on " + names(stopOn))
                + (deadLetterOn.isEmpty() ? "" : ", dead-letter on " + names(deadLetterOn)) + ", circuit breaker "
                + (circuitBreaker == 0 ? "off" : circuitBreaker) + "]";
    }

    private static String names(List<Class<? extends Throwable>> types) {
        return types.stream().map(Class::getSimpleName).toList().toString();
    }
}
