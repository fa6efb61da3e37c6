package io.kafkaesk;

/**
 * A subscription's handler, of one of six kinds; which kind decides what the handler is given:
 *
 * <ul>
 *   <li>{@link TypedHandler}: the envelope's {@code data} bound to the schema's class. Generated subscribers
 *       ({@code ContentSubscriber}) are typed handlers. A typed handler takes exactly its schema key
 *       ({@code Content:2}): a record of another schema id or of another version of its id, or whose data does
 *       not bind, is dead-lettered without calling the handler.</li>
 *   <li>{@link VersionedHandler}: typed handlers for several versions of one schema id, made by
 *       {@link #versions}; each record goes to the handler of the version it names.</li>
 *   <li>{@link BatchHandler}: the data of one schema as a list of one partition's records, in order, for sinks
 *       that write many at once. Generated as {@code ContentSubscriber.Batch}.</li>
 *   <li>{@link EnvelopeHandler}: the whole envelope {@code {"schema":...,"data":...}} as a JSON tree, for any
 *       schema. A value that is not an envelope is dead-lettered.</li>
 *   <li>{@link BytesHandler}: the record value exactly as consumed; nothing is decoded.</li>
 *   <li>{@link RecordHandler}: the Kafka {@code ConsumerRecord} itself; nothing is decoded.</li>
 * </ul>
 *
 * <p>Lambdas of the raw kinds are registered with {@code subscribeBytes}, {@code subscribeRecords} and
 * {@code subscribeEnvelopes}; instances of any kind with {@code subscribe}.
 *
 * <p>Headers are opaque bytes and reach every kind untouched, with one exception: the wire format defines the
 * W3C trace context headers ({@code traceparent}, {@code tracestate}) as text, so a record whose trace headers
 * are not UTF-8 is malformed and is dead-lettered before any handler sees it.
 *
 * <p>Every kind may throw: {@link UnhandledMessage} skips the record, {@link StopConsumer} stops the subscription,
 * anything else is retried and then dead-lettered (see {@link RetryPolicy}).
 */
public sealed interface MessageHandler
        permits TypedHandler, VersionedHandler, BatchHandler, EnvelopeHandler, BytesHandler, RecordHandler {
    /**
     * Combines typed handlers of several versions of one schema id into one handler, for one subscription: each
     * record is given to the handler of the version its envelope names ({@code Content:1} to the
     * {@code ContentSubscriber}, {@code Content:2} to the {@code ContentV2Subscriber}), bound to that version's
     * class. Records of one partition still arrive one at a time, in order, whatever their versions.
     *
     * <pre>{@code
     * app.subscribe("content.edited", "indexer", MessageHandler.versions(
     *         (ContentSubscriber) (content, ctx) -> index(upgrade(content)),
     *         (ContentV2Subscriber) (content, ctx) -> index(content)));
     * }</pre>
     *
     * <p>This is how a consumer reads a stream while its producers move from one version to the next: two
     * subscriptions in one group would split the partitions between them, so each would see only some records of
     * each version. A record of a version with no handler here is dead-lettered. The combination has no stable
     * class name, so subscribe it with an explicit group (the group a single-version subscription had, to carry
     * on from its offsets).
     *
     * @param handlers one typed handler per version, in any order
     * @return the combined handler, to pass to {@code subscribe(pattern, group, handler)}
     * @throws IllegalArgumentException when no handler is given, when the handlers' schemas have different ids,
     *     or when two handlers take the same version
     * @throws NullPointerException when a handler or its {@code schema()} is null
     */
    static VersionedHandler versions(TypedHandler<?>... handlers) {
        return VersionedHandler.of(handlers);
    }
}
