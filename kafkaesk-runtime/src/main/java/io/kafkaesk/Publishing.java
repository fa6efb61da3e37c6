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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Owns an application's publish path: finds the schema of the data, encodes and validates it with the schema's
 * {@link CompiledSchema}, binds each stream to one schema id, and sends the record once its topic exists.
 *
 * <p>No caller waits for a topic: the first record for a topic that this application has not yet seen exist is
 * queued, the topic is created (or found) by the admin client, and the queue is sent in order on a thread of its
 * own; records published meanwhile join the queue, so records of one topic are handed to the producer in the
 * order they were published. Once the topic is known, records go straight to the producer. Queued records count
 * against the producer's own memory bound ({@code buffer.memory}, 32 MiB unless set in {@code kafkaSettings}): a
 * record beyond it fails at once, as one the producer cannot buffer would.
 *
 * <p>Thread-safe.
 */
final class Publishing {
    /** The producer's default {@code buffer.memory}. */
    private static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

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
    private final ConcurrentHashMap<String, TopicGate> gates = new ConcurrentHashMap<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Sends the records queued for a topic once it exists; its thread starts with the first such topic. */
    private final ExecutorService topicWaits = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kafkaesk-publish-topics");
        t.setDaemon(true);
        return t;
    });

    /** A stream this application published to: its topic's gate and the one schema id it carries. */
    private record StreamBinding(String stream, TopicGate gate, MessageSchema<?> firstSchema) {}

    /** A record waiting for its topic, and the future its publisher holds. */
    private record Queued(ProducerRecord<byte[], byte[]> record, CompletableFuture<RecordMetadata> result) {}

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
            // Validated and searched for the key while it is written: the bytes sent are the bytes checked.
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
        TopicGate gate = binding != null ? binding.gate() : gate(topic(stream));
        MessageSchema<?> schema = binding != null ? binding.firstSchema() : router.schemaDeclaring(stream);
        return send(gate, schema, value, key, headers);
    }

    /** Sends an encoded record, observed (timed, traced) when the application has observers. */
    private CompletableFuture<RecordMetadata> send(TopicGate gate, @Nullable MessageSchema<?> schema, byte[] value,
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
    private CompletableFuture<RecordMetadata> sendRecord(TopicGate gate, @Nullable MessageSchema<?> schema,
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

    /**
     * Waits until every record queued for a topic has been handed to the producer (or failed), at most the
     * publish timeout; {@link KafkaClients#flush()} then waits for their acknowledgements.
     */
    void awaitQueued() {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (TopicGate gate : gates.values()) {
            pending.add(gate.drained());
        }
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
                    .get(settings.get().publishTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Their own futures carry the failure.
        }
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

    /** Stops the thread that sends queued records; records still queued fail when their topic's wait ends. */
    void close() {
        topicWaits.shutdown();
    }

    /** Counts a record as queued, or says why it cannot be: too many bytes already wait for their topics. */
    private @Nullable KafkaeskException reserve(ProducerRecord<byte[], byte[]> record) {
        Object configured = settings.get().kafkaSettings().get(ProducerConfig.BUFFER_MEMORY_CONFIG);
        long limit = configured == null ? DEFAULT_BUFFER_MEMORY : Long.parseLong(configured.toString().trim());
        long size = size(record);
        if (queuedBytes.addAndGet(size) > limit) {
            queuedBytes.addAndGet(-size);
            return new KafkaeskException("Cannot queue a record for topic '" + record.topic() + "': records of "
                    + limit + " bytes (buffer.memory) already wait for their topics to be created on Kafka at "
                    + settings.get().kafkaServers() + ". Publish again once those topics exist.");
        }
        return null;
    }

    private static long size(ProducerRecord<byte[], byte[]> record) {
        return record.value().length + (record.key() == null ? 0 : record.key().length);
    }

    private TopicGate gate(String topic) {
        TopicGate gate = gates.get(topic);
        return gate != null ? gate : gates.computeIfAbsent(topic, TopicGate::new);
    }

    /**
     * The records of one topic on their way to the producer: queued while the topic is being created, then sent
     * in order; straight through once the topic is known to exist.
     */
    private final class TopicGate {
        final String topic;
        private volatile boolean open;
        private List<Queued> queue = new ArrayList<>();
        private @Nullable CompletableFuture<Void> drained;

        TopicGate(String topic) {
            this.topic = topic;
        }

        CompletableFuture<RecordMetadata> send(KafkaClients kafka, @Nullable MessageSchema<?> schema,
                ProducerRecord<byte[], byte[]> record) {
            if (!open) {
                synchronized (this) {
                    if (!open) {
                        if (drained == null && kafka.topics().isKnown(topic)) {
                            open = true; // created by initialize() or a subscription: nothing to wait for
                        } else {
                            KafkaeskException full = reserve(record);
                            if (full != null) {
                                return CompletableFuture.failedFuture(full);
                            }
                            Queued queued = new Queued(record, new CompletableFuture<>());
                            queue.add(queued);
                            if (drained == null) {
                                CompletableFuture<Void> done = new CompletableFuture<>();
                                drained = done;
                                waitForTopic(kafka, schema, done);
                            }
                            return queued.result();
                        }
                    }
                }
            }
            return kafka.send(record);
        }

        private void waitForTopic(KafkaClients kafka, @Nullable MessageSchema<?> schema, CompletableFuture<Void> done) {
            kafka.topics().ensureTopic(topic, schema).whenComplete((ignored, error) -> {
                try {
                    topicWaits.execute(() -> drain(kafka, error, done));
                } catch (RejectedExecutionException closed) {
                    drain(kafka, error, done); // the application is closing: fail or send what is left here
                }
            });
        }

        /** Sends (or fails) what is queued, in order, until the queue stays empty; then opens the gate. */
        private void drain(KafkaClients kafka, @Nullable Throwable error, CompletableFuture<Void> done) {
            while (true) {
                List<Queued> batch;
                synchronized (this) {
                    batch = queue;
                    if (batch.isEmpty()) {
                        // After a failure the gate stays shut: the next record tries to create the topic again.
                        open = error == null;
                        drained = null;
                        done.complete(null);
                        return;
                    }
                    queue = new ArrayList<>();
                }
                for (Queued q : batch) {
                    queuedBytes.addAndGet(-size(q.record()));
                    if (error != null) {
                        q.result().completeExceptionally(error);
                    } else {
                        kafka.send(q.record()).whenComplete((metadata, failure) -> {
                            if (failure != null) {
                                q.result().completeExceptionally(failure);
                            } else {
                                q.result().complete(metadata);
                            }
                        });
                    }
                }
            }
        }

        synchronized CompletableFuture<Void> drained() {
            CompletableFuture<Void> current = drained;
            return current == null ? CompletableFuture.completedFuture(null) : current;
        }
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
                s -> new StreamBinding(s, gate(topic(s)), schema));
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
