package io.kafkaesk.internal.consumer;

import io.kafkaesk.KafkaeskException;

/**
 * A publish a handler started through its {@code MessageContext} failed after the handler returned: the attempt
 * fails like a throwing handler (retried, then dead-lettered), and the record is not committed.
 */
final class PublishFailedException extends KafkaeskException {
    private static final long serialVersionUID = 1L;

    PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
