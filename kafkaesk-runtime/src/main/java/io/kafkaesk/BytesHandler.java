package io.kafkaesk;

import org.jspecify.annotations.Nullable;

/**
 * Handles record values as raw bytes, exactly as consumed; nothing is decoded (unless the subscription
 * validates).
 *
 * <pre>{@code
 * app.subscribeBytes("blobs", "archiver", (value, ctx) -> archive(value));
 * }</pre>
 */
@FunctionalInterface
public non-sealed interface BytesHandler extends MessageHandler {
    /**
     * Handles one record value.
     *
     * @param value the value, null for a tombstone
     * @throws UnhandledMessage to skip the record; {@link StopConsumer} to stop the subscription; anything else to
     *     have the record retried and then dead-lettered
     */
    void handle(byte @Nullable [] value, MessageContext context) throws Exception;
}
