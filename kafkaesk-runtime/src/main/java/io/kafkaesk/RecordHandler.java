package io.kafkaesk;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Handles Kafka records themselves: key, value, headers, partition, offset, timestamp. Nothing is decoded (unless
 * the subscription validates).
 *
 * <pre>{@code
 * app.subscribeRecords("orders", "mirror", (record, ctx) -> copy(record));
 * }</pre>
 */
@FunctionalInterface
public non-sealed interface RecordHandler extends MessageHandler {
    /**
     * Handles one record.
     *
     * @throws UnhandledMessage to skip the record; {@link StopConsumer} to stop the subscription; anything else to
     *     have the record retried and then dead-lettered
     */
    void handle(ConsumerRecord<byte[], byte[]> record, MessageContext context) throws Exception;
}
