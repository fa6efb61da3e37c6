package io.kafkaesk;

/**
 * A subscription's handler, of one of four kinds; which kind decides what the handler is given:
 *
 * <ul>
 *   <li>{@link TypedHandler}: the envelope's {@code data} bound to the schema's class. Generated subscribers
 *       ({@code ContentSubscriber}) are typed handlers. A record of another schema id, or whose data does not
 *       bind, is dead-lettered without calling the handler.</li>
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
public sealed interface MessageHandler permits TypedHandler, EnvelopeHandler, BytesHandler, RecordHandler {}
