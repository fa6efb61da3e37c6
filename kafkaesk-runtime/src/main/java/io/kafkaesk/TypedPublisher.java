package io.kafkaesk;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * Publishes the data of one schema to a stream named at each call: the overloads every generated publisher shares.
 *
 * <pre>{@code
 * // generated: interface ContentPublisher extends TypedPublisher<Content> { ... publishToContentEdited(Content) ... }
 * ContentPublisher.of(app).publish("content.edited.Resource", content, "a1", Map.of("x-request-id", id));
 * }</pre>
 *
 * <p>A generated publisher ({@code ContentPublisher}) adds its factories, bound to an {@link Application} or to a
 * handler's {@link MessageContext}, and a {@code publishToX} method per stream of its schema. Every overload ends in
 * the one abstract method, which a test can implement to capture what would be published.
 *
 * @param <T> the data class
 */
public interface TypedPublisher<T> {
    /**
     * Validates {@code data} and publishes it to {@code stream} with the given record key and headers.
     *
     * @param key the record key, or null for the schema's key pointer (or none)
     * @return completes with the record's metadata when the broker acknowledges it
     */
    CompletableFuture<RecordMetadata> publish(String stream, T data, byte @Nullable [] key, Iterable<Header> headers);

    /**
     * Validates {@code data} and publishes it to {@code stream}.
     *
     * @return completes with the record's metadata when the broker acknowledges it
     */
    default CompletableFuture<RecordMetadata> publish(String stream, T data) {
        return publish(stream, data, null, List.of());
    }

    /**
     * Validates {@code data} and publishes it to {@code stream} with the given record key.
     *
     * @param key the record key, or null for the schema's key pointer (or none)
     * @return completes with the record's metadata when the broker acknowledges it
     */
    default CompletableFuture<RecordMetadata> publish(String stream, T data, byte @Nullable [] key) {
        return publish(stream, data, key, List.of());
    }

    /**
     * Validates {@code data} and publishes it to {@code stream} with a text record key (UTF-8) and text headers.
     *
     * @param key the record key, or null for the schema's key pointer (or none)
     * @return completes with the record's metadata when the broker acknowledges it
     */
    default CompletableFuture<RecordMetadata> publish(String stream, T data, @Nullable String key,
            Map<String, String> headers) {
        return publish(stream, data, PublishHeaders.key(key), PublishHeaders.of(headers));
    }
}
