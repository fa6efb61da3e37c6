package io.kafkaesk;

import io.kafkaesk.internal.CompiledSchema;
import io.kafkaesk.internal.KafkaClients;
import io.kafkaesk.internal.observe.Observer;
import io.kafkaesk.internal.observe.Observers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Owns an application's publish path: finds the schema of the data, encodes and validates it with the schema's
 * {@link CompiledSchema}, binds each stream to one schema id, and hands the record to its topic's queue
 * ({@link TopicQueues}), which sends it once the topic exists; no caller waits for Kafka.
 *
 * <p>Thread-safe.
 */
final class Publishing {
    private final Router router;
    private final Supplier<ApplicationSettings> settings;
    private final Supplier<KafkaClients> clients;
    private final Supplier<@Nullable Observers> observers;

    // Hot-path caches: prepared schemas by key and by data class, and the streams this application has used.
    private final ConcurrentHashMap<String, CompiledSchema<?>> compiledByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Class<?>, CompiledSchema<?>> compiledByClass = new ConcurrentHashMap<>();
    // The descriptor instance last published per data class (normally a generated constant), so that a publish
    // finds its prepared schema by identity, without building the "Id:v" key string and hashing it each time.
    private final ConcurrentHashMap<Class<?>, CompiledSchema<?>> recentByDataClass = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, StreamBinding> streams = new ConcurrentHashMap<>();
    private final TopicQueues queues;

    /** A stream this application published to: its topic's gate and the one schema id it carries. */
    private record StreamBinding(String stream, TopicQueues.Gate gate, MessageSchema<?> firstSchema) {}

    /**
     * Creates the publish path of one application.
     *
     * @param router where schemas are registered and looked up
     * @param settings the application's current settings
     * @param clients the connected clients, connecting on first use; throws when that fails
     * @param observers the metrics and tracing hooks, or null for none
     */
    Publishing(Router router, Supplier<ApplicationSettings> settings, Supplier<KafkaClients> clients,
            Supplier<@Nullable Observers> observers) {
        this.router = router;
        this.settings = settings;
        this.clients = clients;
        this.observers = observers;
        this.queues = new TopicQueues(settings);
    }

    /** The topic of a stream: the prefix, then the stream. */
    String topic(String stream) {
        if (stream.isBlank()) {
            throw new IllegalArgumentException("A stream name must not be blank");
        }
        return settings.get().topicPrefix() + stream;
    }

    /** See {@link Application#publish(MessageSchema, String, Object, byte[], Iterable)}. */
    <T> CompletableFuture<RecordMetadata> publish(MessageSchema<T> schema, String stream, T data,
            byte @Nullable [] key, Iterable<Header> headers) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(headers, "headers");
        ApplicationSettings current = settings.get();
        CompiledSchema<T> compiled = compiled(schema);
        StreamBinding binding = streams.get(stream);
        if (binding != null) {
            checkSameId(binding.stream(), binding.firstSchema(), schema);
        }
        byte[] recordKey = key;
        byte[] value;
        try {
            // Validated before it is written, and the key taken from the data: the bytes sent are the bytes checked.
            CompiledSchema.Encoded encoded = compiled.encode(data, current.validatePublished(), key == null);
            value = encoded.value();
            if (recordKey == null) {
                recordKey = encoded.key();
            }
        } catch (JacksonException e) {
            throw new KafkaeskException("Cannot write " + data.getClass().getName() + " as JSON for schema "
                    + compiled.key() + ": " + e.getOriginalMessage(), e);
        }
        if (binding == null) {
            binding = bind(stream, schema);
        }
        return send(binding.gate(), schema, value, recordKey, headers);
    }

    /** See {@link Application#rawPublish}. */
    CompletableFuture<RecordMetadata> rawPublish(String stream, byte[] value, byte @Nullable [] key,
            Iterable<Header> headers) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(headers, "headers");
        StreamBinding binding = streams.get(stream);
        TopicQueues.Gate gate = binding != null ? binding.gate() : queues.gate(topic(stream));
        MessageSchema<?> schema = binding != null ? binding.firstSchema() : router.schemaDeclaring(stream);
        return send(gate, schema, value, key, headers);
    }

    /** Sends an encoded record, observed (timed, traced) when the application has observers. */
    private CompletableFuture<RecordMetadata> send(TopicQueues.Gate gate, @Nullable MessageSchema<?> schema, byte[] value,
            byte @Nullable [] key, Iterable<Header> headers) {
        Observers current = observers.get();
        if (current == null) {
            return sendRecord(gate, schema, value, key, headers);
        }
        Observer.Publishing publishing = current.publishing(gate.topic, headers);
        CompletableFuture<RecordMetadata> sent;
        try {
            sent = sendRecord(gate, schema, value, key, publishing.headers());
        } catch (RuntimeException e) {
            publishing.completed(null, e);
            throw e;
        }
        sent.whenComplete(publishing::completed);
        return sent;
    }

    /** Sends an encoded record; every Kafka failure, including a failed connect, fails the future. */
    private CompletableFuture<RecordMetadata> sendRecord(TopicQueues.Gate gate, @Nullable MessageSchema<?> schema,
            byte[] value, byte @Nullable [] key, Iterable<Header> headers) {
        KafkaClients kafka;
        try {
            kafka = clients.get();
        } catch (KafkaeskException e) {
            return CompletableFuture.failedFuture(e);
        }
        // The record copies the headers (the producer makes its copy read-only; the caller may reuse theirs).
        return gate.send(kafka, schema, new ProducerRecord<>(gate.topic, null, null, key, value, headers));
    }

    /** Waits for a publish's acknowledgement, failing with a {@link KafkaeskException} that says why. */
    RecordMetadata await(CompletableFuture<RecordMetadata> future) {
        Duration timeout = settings.get().publishTimeout();
        long limitMs = timeout.toMillis() * 3 + 1000; // a topic's creation, then the producer's own bound
        try {
            return future.get(limitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaeskException("Interrupted while waiting for the broker's acknowledgement", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof KafkaeskException k ? k : new KafkaeskException("Publish failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new KafkaeskException("No acknowledgement from Kafka at " + settings.get().kafkaServers() + " within "
                    + limitMs + " ms", e);
        }
    }

    /** See {@link TopicQueues#awaitQueued()}. */
    void awaitQueued() {
        queues.awaitQueued();
    }

    /** See {@link TopicQueues#close()}. */
    void close() {
        queues.close();
    }

    /**
     * Creates the topic of every stream a registered schema declares, all at once, then waits for each (at most
     * the publish timeout, counted from the start of all).
     *
     * @throws KafkaeskException when a topic could not be created or checked in time
     */
    void createDeclaredStreams(KafkaClients kafka) {
        Map<String, MessageSchema<?>> declared = new LinkedHashMap<>();
        for (MessageSchema<?> schema : router.schemas()) {
            for (String stream : schema.streams()) {
                declared.putIfAbsent(topic(stream), schema);
            }
        }
        declared.forEach(kafka.topics()::ensureTopic);
        declared.forEach(kafka.topics()::ensureTopicAndWait);
    }

    // Schemas and streams

    /** The registered schema of a data class. */
    @SuppressWarnings("unchecked")
    <T> MessageSchema<T> schemaFor(T data) {
        Objects.requireNonNull(data, "data");
        Class<?> type = data.getClass();
        CompiledSchema<?> cached = compiledByClass.get(type);
        if (cached == null) {
            List<MessageSchema<?>> candidates = new ArrayList<>();
            for (MessageSchema<?> s : router.schemas()) {
                if (s.dataClass() == type) {
                    candidates.add(s);
                }
            }
            if (candidates.isEmpty()) {
                for (MessageSchema<?> s : router.schemas()) {
                    if (s.dataClass().isAssignableFrom(type)) {
                        candidates.add(s);
                    }
                }
            }
            if (candidates.isEmpty()) {
                throw new KafkaeskException("No schema is registered for " + type.getName() + ": register its "
                        + "descriptor first (app.schema(...) or app.schemas(KafkaeskSchemas.all())) or publish with "
                        + "publish(schema, stream, data, key, headers)");
            }
            if (candidates.size() > 1) {
                throw new KafkaeskException(type.getName() + " is the data class of several schemas " + candidates
                        + ": say which one with publish(schema, stream, data, key, headers)");
            }
            cached = compiledByClass.computeIfAbsent(type, t -> compiled(candidates.get(0)));
        }
        return (MessageSchema<T>) cached.schema();
    }

    /** The prepared form of a schema, registering the schema when it is new. */
    @SuppressWarnings("unchecked")
    <T> CompiledSchema<T> compiled(MessageSchema<T> schema) {
        CompiledSchema<?> recent = recentByDataClass.get(schema.dataClass());
        if (recent != null && recent.schema() == schema) {
            return (CompiledSchema<T>) recent;
        }
        CompiledSchema<?> cached = compiledByKey.get(schema.key());
        if (cached == null || (cached.schema() != schema && !cached.schema().equals(schema))) {
            router.schema(schema); // throws SchemaConflictException for a different schema under the same key
            cached = compiledByKey.computeIfAbsent(schema.key(), k -> new CompiledSchema<>(schema));
        }
        if (cached.schema() == schema) {
            recentByDataClass.put(schema.dataClass(), cached);
        }
        return (CompiledSchema<T>) cached;
    }

    /** The prepared form of the schema registered under {@code Id:version}, or null when there is none. */
    @Nullable CompiledSchema<?> compiledForKey(String key) {
        CompiledSchema<?> cached = compiledByKey.get(key);
        if (cached != null) {
            return cached;
        }
        MessageSchema<?> schema = router.schemaForKey(key);
        return schema == null ? null : compiled(schema);
    }

    /** A schema was registered: it may make a data class ambiguous, so classes are looked up again. */
    void schemaRegistered() {
        compiledByClass.clear();
    }

    private StreamBinding bind(String stream, MessageSchema<?> schema) {
        MessageSchema<?> declarer = router.schemaDeclaring(stream);
        if (declarer != null) {
            checkSameId(stream, declarer, schema);
        }
        StreamBinding binding = streams.computeIfAbsent(stream,
                s -> new StreamBinding(s, queues.gate(topic(s)), schema));
        checkSameId(stream, binding.firstSchema(), schema);
        return binding;
    }

    private static void checkSameId(String stream, MessageSchema<?> owner, MessageSchema<?> schema) {
        if (owner != schema && !owner.id().equals(schema.id())) {
            throw new SchemaConflictException("Stream '" + stream + "' carries schema " + owner.key()
                    + ", so it cannot take " + schema.key() + ": a stream carries one schema id (versions of that "
                    + "id may share it). Publish " + schema.id() + " to another stream.");
        }
    }
}
