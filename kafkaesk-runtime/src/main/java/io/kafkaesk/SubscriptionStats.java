package io.kafkaesk;

/**
 * Counts of what one subscription did with its records since the application started.
 *
 * @param handled records whose handler returned normally
 * @param unhandled records skipped because the handler threw {@link UnhandledMessage}
 * @param deadLettered records published to the dead-letter topic (undecodable, invalid, or out of attempts)
 * @param retried failed attempts that were followed by another attempt
 * @param skippedNewer records of a newer schema version skipped under {@link Subscription.NewerVersion#SKIP}
 * @param pausedPartitions partitions paused now by an open circuit breaker ({@link RetryPolicy#circuitBreaker(int)})
 */
public record SubscriptionStats(long handled, long unhandled, long deadLettered, long retried, long skippedNewer,
        long pausedPartitions) {
    /** Counts with no record skipped for its newer version and no partition paused. */
    public SubscriptionStats(long handled, long unhandled, long deadLettered, long retried) {
        this(handled, unhandled, deadLettered, retried, 0, 0);
    }
}
