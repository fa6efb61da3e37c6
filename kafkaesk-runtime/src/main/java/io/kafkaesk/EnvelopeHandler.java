package io.kafkaesk;

import tools.jackson.databind.JsonNode;

/**
 * Handles whole envelopes as JSON trees, whatever their schema: {@code envelope.get("schema")} is the schema key,
 * {@code envelope.get("data")} the data. A record value that is not an envelope is dead-lettered.
 *
 * <pre>{@code
 * app.subscribeEnvelopes("audit.*", "auditor", (envelope, ctx) -> store(envelope));
 * }</pre>
 */
@FunctionalInterface
public non-sealed interface EnvelopeHandler extends MessageHandler {
    /**
     * Handles one envelope.
     *
     * @param envelope the record value parsed as a JSON object with a {@code schema} string and a {@code data}
     *     field (and any other top-level fields the writer added)
     * @throws UnhandledMessage to skip the record; {@link StopConsumer} to stop the subscription; anything else to
     *     have the record retried and then dead-lettered
     */
    void handle(JsonNode envelope, MessageContext context) throws Exception;
}
