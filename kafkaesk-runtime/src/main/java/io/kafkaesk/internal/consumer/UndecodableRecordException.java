package io.kafkaesk.internal.consumer;

import io.kafkaesk.KafkaeskException;

/**
 * Why a consumed record could not be turned into what its handler takes: its value is not an envelope, names
 * another schema, or its data does not bind; or one of the headers kafkaesk reads is malformed. Such records are
 * dead-lettered at once, with this exception's class and message in the {@code kafkaesk.error.*} headers.
 */
public final class UndecodableRecordException extends KafkaeskException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message says what was found and what was expected. */
    public UndecodableRecordException(String message) {
        super(message);
    }

    /** Creates the exception with the parser or binding failure that caused it. */
    public UndecodableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
