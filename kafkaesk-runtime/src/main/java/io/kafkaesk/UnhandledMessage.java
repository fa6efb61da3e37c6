package io.kafkaesk;

/**
 * Thrown by a handler to skip a record it cannot or will not handle: the record is logged, counted in
 * {@link SubscriptionStats#unhandled()}, and committed like a handled one. It is not retried and not
 * dead-lettered.
 *
 * <pre>{@code
 * if (data.getFoo() == null) {
 *     throw new UnhandledMessage("no foo in " + data.getId());
 * }
 * }</pre>
 */
public class UnhandledMessage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Skips the record, saying why. */
    public UnhandledMessage(String reason) {
        super(reason);
    }

    /** Skips the record, saying why and what caused it. */
    public UnhandledMessage(String reason, Throwable cause) {
        super(reason, cause);
    }
}
