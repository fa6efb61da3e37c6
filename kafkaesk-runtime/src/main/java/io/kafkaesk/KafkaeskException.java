package io.kafkaesk;

/** The base of every exception kafkaesk throws on its own account. */
public class KafkaeskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that says what went wrong and what to do. */
    public KafkaeskException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the failure that caused it. */
    public KafkaeskException(String message, Throwable cause) {
        super(message, cause);
    }
}
