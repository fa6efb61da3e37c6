package io.kafkaesk;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * What a handler knows about the record it handles, and what it may do besides: publish with header
 * propagation, and commit.
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
     * Publishes data to a stream with the consumed record's headers (propagation: trace context and any other
     * header travels on); see {@link Application#publish(String, Object)}.
     */
    <T> CompletableFuture<RecordMetadata> publish(String stream, T data);

    /**
     * Publishes data to a stream with a key and headers: the consumed record's headers first, then
     * {@code headers}; see {@link Application#publish(String, Object, byte[], Iterable)}.
     */
    <T> CompletableFuture<RecordMetadata> publish(String stream, T data, byte @Nullable [] key,
            Iterable<Header> headers);

    /**
     * Commits this record and every earlier record of its partition once this record completes (a partition's
     * records are handled in order, so the earlier ones are done). This is how a handler commits when the
     * application has {@code autoCommit(false)}; with auto commit on it only makes the commit happen sooner.
     *
     * <p>Returns at once, and commits nothing yet: the commit is sent when the record is done, that is when the
     * handler returns (or the record is skipped as unhandled, or dead-lettered after its attempts), within a poll
     * interval (about 100 ms) of that, and at the latest when the partition is revoked or the application closes.
     * When the record is not done (its subscription stops on it, its dead letter cannot be written, the partition
     * is revoked while it runs) nothing is committed for it. A commit asked for by a failed attempt holds for a
     * later successful attempt or dead letter of the same record.
     */
    void commit();
}
