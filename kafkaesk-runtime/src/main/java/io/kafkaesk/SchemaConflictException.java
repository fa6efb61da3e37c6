package io.kafkaesk;

/**
 * Thrown when two different schemas claim the same key ({@code Id:version}), or when a stream that already
 * carries one schema id is asked to carry another.
 */
public class SchemaConflictException extends KafkaeskException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names both parties of the conflict. */
    public SchemaConflictException(String message) {
        super(message);
    }
}
