package io.kafkaesk.internal.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Processes one record on a worker thread; the engine guarantees that records of one partition are processed
 * one at a time, in offset order.
 */
@FunctionalInterface
public interface RecordProcessor {
    /**
     * Processes {@code record} and says what became of it. Must not throw: a throwable that escapes is treated as
     * {@link Outcome#fail(Throwable)}.
     *
     * @param control the record's partition: whether it is being taken away, interruptible waits, manual commits
     */
    Outcome process(ConsumerRecord<byte[], byte[]> record, PartitionControl control);
}
