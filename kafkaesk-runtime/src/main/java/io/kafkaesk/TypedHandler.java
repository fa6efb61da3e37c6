package io.kafkaesk;

/**
 * Handles the data of one schema, bound to its class: the shape of every generated subscriber.
 *
 * <pre>{@code
 * // generated: interface ContentSubscriber extends TypedHandler<Content> { void onContent(Content, MessageContext); }
 * app.subscribe("content.*", "indexer", (ContentSubscriber) (content, ctx) -> index(content));
 * }</pre>
 *
 * <p>A record is given to {@link #handle} only when its envelope names exactly the schema's key
 * ({@link MessageSchema#key()}, {@code Id:version}) and its data binds to {@link MessageSchema#dataClass()}; any
 * other record is dead-lettered without calling the handler, including a record of another version of the same
 * id. Versions of an id may share a stream but bind to different classes ({@code Content}, {@code ContentV2}),
 * so to read several versions in one subscription combine their handlers with {@link MessageHandler#versions}.
 * With {@link Subscription#validate(boolean) validate(true)} the data must also conform to the JSON schema.
 *
 * @param <T> the data class
 */
public non-sealed interface TypedHandler<T> extends MessageHandler {
    /** The schema whose records this handler takes. */
    MessageSchema<T> schema();

    /**
     * Handles one record's data. Runs on a worker thread; records of one partition arrive one at a time, in
     * order.
     *
     * @throws UnhandledMessage to skip the record; {@link StopConsumer} to stop the subscription; anything else to
     *     have the record retried and then dead-lettered
     */
    void handle(T data, MessageContext context) throws Exception;
}
