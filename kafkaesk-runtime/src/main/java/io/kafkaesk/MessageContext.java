package io.kafkaesk;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * What a handler knows about the record it handles, and what it may do besides: publish with header
 * propagation (tied to the record: it is done when its publishes are acknowledged), and commit.
 *
 * <p>Valid during the handler call only; do not keep it.
 */
public interface MessageContext {
    /**
     * The schema key from the envelope, {@code Id:version}; {@code ""} when the value is not an envelope (raw
     * handlers only: other kinds never see such records).
     */
    String schemaKey();

    /** The record as consumed: topic, partition, offset, key, value, headers, timestamp. */
    ConsumerRecord<byte[], byte[]> record();

    /** The application running the subscription. */
    Application application();

    /** The consumer group of the subscription. */
    String group();

    /** Which attempt this is: 1 for the first delivery, more when the {@link RetryPolicy} retries. */
    int attempt();

    /**
     * Publishes data to a stream with the consumed record's propagated headers ({@link PublishHeaders#PROPAGATED}:
     * trace context and request ids); see {@link Application#publish(String, Object)}.
     *
     * <p>The record being handled counts as done only when every publish started through this context is
     * acknowledged by the broker: the handler may return without waiting. When one fails (the broker refuses
     * it, or it is not acknowledged within the publish timeout) the attempt fails, and the record is retried and
     * then dead-lettered per the subscription's {@link RetryPolicy}; it is not committed. A retried attempt
     * publishes again, so a follow-up may be published more than once (at least once, never lost). A record
     * skipped with {@link UnhandledMessage} waits for its publishes too. Publishes must be started before the
     * handler returns: one started later (from another thread) is not waited for.
     */
    <T> CompletableFuture<RecordMetadata> publish(String stream, T data);

    /**
     * Publishes data to a stream with a key and headers: the consumed record's propagated headers first, then
     * {@code headers}; see {@link #publish(String, Object)} and
     * {@link Application#publish(String, Object, byte[], Iterable)}.
     */
    <T> CompletableFuture<RecordMetadata> publish(String stream, T data, byte @Nullable [] key,
            Iterable<Header> headers);

    /**
     * Publishes data to a stream with a text key (UTF-8) and text headers; see
     * {@link #publish(String, Object, byte[], Iterable)}.
     */
    default <T> CompletableFuture<RecordMetadata> publish(String stream, T data, @Nullable String key,
            Map<String, String> headers) {
        return publish(stream, data, PublishHeaders.key(key), PublishHeaders.of(headers));
    }

    /**
     * Publishes data under an explicit schema, like {@link Application#publish(MessageSchema, String, Object,
     * byte[], Iterable)}, with the consumed record's propagated headers first; this is what a generated
     * publisher bound to a context ({@code XPublisher.of(context)}) calls. See {@link #publish(String, Object)}
     * for when the handled record counts as done.
     */
    <T> CompletableFuture<RecordMetadata> publish(MessageSchema<T> schema, String stream, T data,
            byte @Nullable [] key, Iterable<Header> headers);

    /**
     * A publisher of {@code schema}'s data for use in this handler: each of its {@code publish} calls is
     * {@link #publish(MessageSchema, String, Object, byte[], Iterable)}, so the consumed record's propagated headers
     * travel on and the record is done only when the publish is acknowledged. Generated publishers are bound this
     * way ({@code PaymentSettledPublisher.of(context)}).
     */
    default <T> TypedPublisher<T> publisher(MessageSchema<T> schema) {
        Objects.requireNonNull(schema, "schema");
        return (stream, data, key, headers) -> publish(schema, stream, data, key, headers);
    }

    /**
     * Commits this record and every earlier record of its partition once this record completes (a partition's
     * records are handled in order, so the earlier ones are done). This is how a handler commits when the
     * application has {@code autoCommit(false)}; with auto commit on it only makes the commit happen sooner.
     *
     * <p>Returns at once, and commits nothing yet: the commit is sent when the record is done, that is when the
     * handler returns and every publish it started through this context is acknowledged (or the record is skipped
     * as unhandled, or dead-lettered after its attempts), within a poll interval (about 100 ms) of that, and at the latest when the partition is revoked or the application closes.
     * When the record is not done (its subscription stops on it, its dead letter cannot be written, the partition
     * is revoked while it runs) nothing is committed for it. A commit asked for by a failed attempt holds for a
     * later successful attempt or dead letter of the same record.
     */
    void commit();
}
