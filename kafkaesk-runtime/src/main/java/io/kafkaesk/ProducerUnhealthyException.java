package io.kafkaesk;

/**
 * Thrown by {@link Application#healthCheck()} when the application cannot publish: not connected, or its producer
 * died.
 */
public class ProducerUnhealthyException extends KafkaeskException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message says why. */
    public ProducerUnhealthyException(String message) {
        super(message);
    }
}
