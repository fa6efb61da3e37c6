package io.kafkaesk.internal;

import io.kafkaesk.KafkaeskException;

/**
 * Thrown by {@link EnvelopeCodec#decode(byte[])} when a record value is not a kafkaesk envelope; its
 * {@link #reason()} says which way, so a consumer can report (or dead-letter) it precisely.
 */
public final class EnvelopeException extends KafkaeskException {
    private static final long serialVersionUID = 1L;

    /** How a record value failed to be an envelope. */
    public enum Reason {
        /** The value is null or has no bytes. */
        EMPTY,
        /** The bytes are not a single well-formed JSON document (or not UTF-8). */
        NOT_JSON,
        /** The JSON is not an object. */
        NOT_AN_OBJECT,
        /** The object has no {@code schema} field, or it is not a non-empty string. */
        NO_SCHEMA,
        /** The object has no {@code data} field. */
        NO_DATA
    }

    /** Which way the value failed to be an envelope. */
    private final Reason reason;

    /** Creates the exception; the message says what was found instead of an envelope. */
    public EnvelopeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Creates the exception with the parser failure that caused it. */
    public EnvelopeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Which way the value failed to be an envelope. */
    public Reason reason() {
        return reason;
    }
}
