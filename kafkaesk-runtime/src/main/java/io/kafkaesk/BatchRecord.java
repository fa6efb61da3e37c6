package io.kafkaesk;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of a {@link BatchHandler}'s batch: its data bound to the schema's class, and its own
 * {@link MessageContext} (topic, partition, offset, key, headers; publishing with this record's headers
 * propagated, tied to the batch).
 *
 * @param data the record's data
 * @param context the record's context, valid during the handler call only
 * @param <T> the data class
 */
public record BatchRecord<T>(T data, MessageContext context) {
    /** Checks both are present. */
    public BatchRecord {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(context, "context");
    }

    /** The record as consumed; the same as {@code context().record()}. */
    public ConsumerRecord<byte[], byte[]> record() {
        return context.record();
    }
}
