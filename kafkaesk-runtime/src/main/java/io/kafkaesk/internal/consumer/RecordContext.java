package io.kafkaesk.internal.consumer;

import io.kafkaesk.Application;
import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.PublishHeaders;
import io.kafkaesk.internal.EnvelopeCodec;
import io.kafkaesk.internal.EnvelopeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The {@link MessageContext} of one attempt at one record: what the handler knows of the record, and the publishes
 * it started, which the record waits for before it counts as done.
 */
final class RecordContext implements MessageContext {
    /** How often a record waiting for its handler's publishes checks whether its partition was cancelled. */
    private static final Duration PUBLISH_POLL = Duration.ofMillis(100);

    private final Application application;
    private final String group;
    private final ConsumerRecord<byte[], byte[]> record;
    private @Nullable String schemaKey;
    private final int attempt;
    private final PartitionControl control;
    /** The publishes started through this context, in order; the record is done when all are acknowledged. */
    private final List<CompletableFuture<RecordMetadata>> publishes = new CopyOnWriteArrayList<>();

    RecordContext(Application application, String group, ConsumerRecord<byte[], byte[]> record,
            @Nullable String schemaKey, int attempt, PartitionControl control) {
        this.application = application;
        this.group = group;
        this.record = record;
        this.schemaKey = schemaKey;
        this.attempt = attempt;
        this.control = control;
    }

    @Override
    public String schemaKey() {
        String key = schemaKey;
        if (key == null) {
            try {
                key = EnvelopeCodec.decode(record.value()).schemaKey();
            } catch (EnvelopeException e) {
                key = "";
            }
            schemaKey = key;
        }
        return key;
    }

    @Override
    public ConsumerRecord<byte[], byte[]> record() {
        return record;
    }

    @Override
    public Application application() {
        return application;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public <T> CompletableFuture<RecordMetadata> publish(String stream, T data) {
        return started(application.publish(stream, data, null, propagated(List.of())));
    }

    @Override
    public <T> CompletableFuture<RecordMetadata> publish(String stream, T data, byte @Nullable [] key,
            Iterable<Header> headers) {
        return started(application.publish(stream, data, key, propagated(headers)));
    }

    @Override
    public <T> CompletableFuture<RecordMetadata> publish(MessageSchema<T> schema, String stream, T data,
            byte @Nullable [] key, Iterable<Header> headers) {
        return started(application.publish(schema, stream, data, key, propagated(headers)));
    }

    private RecordHeaders propagated(Iterable<Header> extra) {
        return PublishHeaders.propagated(record.headers(), extra);
    }

    private CompletableFuture<RecordMetadata> started(CompletableFuture<RecordMetadata> publish) {
        publishes.add(publish);
        return publish;
    }

    /**
     * Waits until every publish started through this context is acknowledged: the record is done only then.
     *
     * @return false when the partition was cancelled while waiting (the record is given up, not committed)
     * @throws PublishFailedException when a publish failed: the attempt fails like a throwing handler
     */
    boolean awaitPublishes() throws InterruptedException {
        for (CompletableFuture<RecordMetadata> publish : publishes) {
            while (true) {
                if (control.cancelled()) {
                    return false;
                }
                try {
                    publish.get(PUBLISH_POLL.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    // Still in flight; the producer's delivery timeout bounds the wait.
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    throw new PublishFailedException("A publish started by the handler of record "
                            + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + " failed, so the record is not done: " + cause.getMessage(), cause);
                }
            }
        }
        return true;
    }

    @Override
    public void commit() {
        control.requestCommit();
    }
}
