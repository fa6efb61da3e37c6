package io.kafkaesk.spring.events;

import io.kafkaesk.Application;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/** Publishes {@link Note}s, shaped like a generated publisher. */
public interface NotePublisher {
    /** A publisher bound to {@code application}. */
    static NotePublisher of(Application application) {
        return application.publisher(NoteSchema.DESCRIPTOR)::publish;
    }

    /** Publishes to a stream. */
    CompletableFuture<RecordMetadata> publish(String stream, Note data, byte @Nullable [] key,
            Iterable<Header> headers);

    /** Publishes to stream {@code notes}. */
    default CompletableFuture<RecordMetadata> publishToNotes(Note data) {
        return publish("notes", data, null, List.of());
    }
}
