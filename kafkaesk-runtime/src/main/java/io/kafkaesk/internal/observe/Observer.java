package io.kafkaesk.internal.observe;

import io.kafkaesk.observe.Observability;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * Hooks that the publish path and the consumers call. Every method has a no-op default; implementations must be
 * thread-safe, fast, and must not throw (a hook that throws is a kafkaesk bug, not a handler failure).
 *
 * <p>{@code stream} arguments are topics without the application's prefix. {@code error} arguments are
 * {@link #NONE} on success, else the simple class name of the exception.
 */
public interface Observer extends Observability {
    /** The error tag of a success. */
    String NONE = "none";

    /** A publish in progress. */
    interface Publishing {
        /** The headers to send: the caller's, or a copy with trace context added. */
        Iterable<Header> headers();

        /**
         * Called once when the publish ends.
         *
         * @param metadata the record's metadata, or null when it failed
         * @param error why it failed, or null
         */
        void completed(@Nullable RecordMetadata metadata, @Nullable Throwable error);
    }

    /** A handler call, run by {@link #handle}. */
    @FunctionalInterface
    interface Invocation {
        /** Runs the handler. */
        void run() throws Exception;
    }

    /** Called before a record is sent to {@code topic}; the returned object is told how it ended. */
    default Publishing publishing(String stream, String topic, Iterable<Header> headers) {
        return new Publishing() {
            @Override
            public Iterable<Header> headers() {
                return headers;
            }

            @Override
            public void completed(@Nullable RecordMetadata metadata, @Nullable Throwable error) {}
        };
    }

    /** A consumer of {@code group} polled a batch of {@code records} records (only non-empty batches). */
    default void polled(String group, int records) {}

    /** Partitions of a consumer of {@code group} were {@code "assigned"}, {@code "revoked"} or {@code "lost"}. */
    default void rebalanced(String group, String event, int partitions) {}

    /** The application connected its producer; {@code canSend} says whether it still can (see health()). */
    default void producerConnected(BooleanSupplier canSend) {}

    /** A consumer of {@code group} started; {@code running} says whether it still runs. */
    default void consumerStarted(String group, String consumer, BooleanSupplier running) {}

    /** Runs one handler attempt on {@code record}, in {@code body}; rethrows what the handler throws. */
    default void handle(ConsumerRecord<byte[], byte[]> record, String stream, String group, int attempt,
            Invocation body) throws Exception {
        body.run();
    }

    /**
     * A record is done with: handled ({@link #NONE}), skipped ({@code UnhandledMessage}), dead-lettered or failed
     * (the failure's class).
     */
    default void consumed(ConsumerRecord<byte[], byte[]> record, String stream, String group, String error) {}

    /** A handler attempt on {@code record} failed and the record is tried again. */
    default void retried(ConsumerRecord<byte[], byte[]> record, String stream, String group) {}

    /** {@code record} was written to the dead-letter topic because of {@code error}. */
    default void deadLettered(ConsumerRecord<byte[], byte[]> record, String stream, String group, String error) {}

    /** The error tag of a throwable: its simple class name, or {@link #NONE} for null. */
    static String errorName(@Nullable Throwable error) {
        if (error == null) {
            return NONE;
        }
        Throwable t = error;
        // Unwrap the wrappers futures add, so the tag names what went wrong.
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String name = t.getClass().getSimpleName();
        return name.isEmpty() ? t.getClass().getName() : name;
    }
}
