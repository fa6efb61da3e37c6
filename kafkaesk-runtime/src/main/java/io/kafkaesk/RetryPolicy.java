package io.kafkaesk;

import java.time.Duration;
import java.util.Objects;

/**
 * What a subscription does when its handler throws (anything but {@link UnhandledMessage} and
 * {@link StopConsumer}): how many times the record is attempted, how long to wait between attempts, and what
 * happens when the attempts are used up.
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

    private static final RetryPolicy DEFAULTS =
            new RetryPolicy(3, Duration.ofMillis(200), 2.0, Duration.ofSeconds(10), Exhausted.DEAD_LETTER);

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final Exhausted exhausted;

    private RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
            Exhausted exhausted) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.multiplier = multiplier;
        this.maxBackoff = maxBackoff;
        this.exhausted = exhausted;
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
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, exhausted);
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
        return new RetryPolicy(maxAttempts, initial, multiplier, max, exhausted);
    }

    /** This policy with a fixed {@code delay} between attempts. */
    public RetryPolicy fixedBackoff(Duration delay) {
        return backoff(delay, 1.0, delay);
    }

    /** This policy, dead-lettering a record whose attempts are used up (the default). */
    public RetryPolicy thenDeadLetter() {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, Exhausted.DEAD_LETTER);
    }

    /** This policy, stopping the subscription without committing a record whose attempts are used up. */
    public RetryPolicy thenStop() {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, Exhausted.STOP);
    }

    /** The number of attempts in all, 1 or more. */
    public int maxAttempts() {
        return maxAttempts;
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
                + maxBackoff + ", then " + exhausted + "]";
    }
}
