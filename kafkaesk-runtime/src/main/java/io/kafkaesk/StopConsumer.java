package io.kafkaesk;

/**
 * Thrown by a handler to stop its subscription gracefully: records of other partitions that are in flight finish,
 * completed work is committed, and the subscription's consumer leaves its group. The record whose handler threw
 * this is not committed, so the group receives it again the next time it consumes. Other subscriptions keep
 * running; a subscription stopped this way does not make {@code healthCheck()} fail.
 */
public class StopConsumer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Stops the subscription. */
    public StopConsumer() {
        super("the handler asked its subscription to stop");
    }

    /** Stops the subscription, saying why. */
    public StopConsumer(String reason) {
        super(reason);
    }
}
