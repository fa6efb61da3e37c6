package io.kafkaesk;

import io.kafkaesk.internal.CompiledSchema;
import io.kafkaesk.internal.EnvelopeCodec;
import io.kafkaesk.internal.Json;
import io.kafkaesk.internal.KafkaClients;
import io.kafkaesk.internal.ServerProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * A kafkaesk application: the schemas it knows, the streams it publishes to and the subscriptions it runs, on
 * one Kafka cluster.
 *
 * <pre>{@code
 * try (Application app = Application.builder()
 *         .kafkaServers("localhost:9092")
 *         .topicPrefix("prod.")
 *         .build()) {
 *     // The schemas the Maven plugin generated are registered by build() (see SchemaIndex).
 *     app.initialize();                                   // connects, pre-creates declared streams
 *     app.publish("content.edited.Resource", new Content().withId("a1").withFoo("bar"))
 *        .join();                                         // completes when the broker acknowledges
 * }
 * }</pre>
 *
 * <p><b>Publishing.</b> {@link #publish(String, Object)} finds the schema by the data's class (the generated
 * {@code ContentPublisher} passes it explicitly), validates the data against the schema's JSON Schema document,
 * wraps it in the envelope {@code {"schema":"Content:1","data":{...}}} and sends it. Validation failures throw
 * {@link SchemaValidationException} and nothing is sent. The record key is the one given, else the value the
 * schema's key pointer selects in the data. Headers are sent untouched. The topic is {@code topicPrefix + stream};
 * it is created on first use (see {@link Builder#defaultPartitions}, {@link Builder#replicationFactor}) and never
 * altered afterwards. A stream carries one schema id: publishing another id to a stream this application already
 * used throws {@link SchemaConflictException}.
 *
 * <p><b>Configuration.</b> {@link Builder} lists every setting with its default: {@code kafkaServers} (required),
 * {@code topicPrefix}, {@code kafkaSettings} (passed to the producer, consumers and admin client: SSL, SASL,
 * tuning), {@code replicationFactor}, {@code autoCommit}, {@code autoCommitIntervalMs}, {@code defaultPartitions},
 * {@code publishTimeout} and {@code validatePublished}. There is no API version setting: the Java client
 * negotiates protocol versions with each broker.
 *
 * <p><b>Lifecycle.</b> {@link #initialize()} connects the producer and admin client, pre-creates every stream
 * a registered schema declares, then runs the {@code "initialize"} hooks; the first publish initializes an
 * application that was not. {@link #close()} stops subscriptions, runs the {@code "finalize"} hooks, then flushes
 * and closes the clients. Configuration can be given late, with {@link #configure}, as long as it is before
 * initialization.
 *
 * <p>Thread-safe: publish from any number of threads.
 */
public final class Application extends Router implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    private static final String INITIALIZE = "initialize";
    private static final String FINALIZE = "finalize";

    private final Object lifecycle = new Object();
    private volatile ApplicationSettings settings;
    private volatile @Nullable KafkaClients clients;
    private volatile boolean closed;
    private final Map<String, List<Runnable>> hooks = Map.of(
            INITIALIZE, new CopyOnWriteArrayList<>(), FINALIZE, new CopyOnWriteArrayList<>());

    // Hot-path caches: prepared schemas by key and by data class, and the streams this application has used.
    private final ConcurrentHashMap<String, CompiledSchema<?>> compiledByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Class<?>, CompiledSchema<?>> compiledByClass = new ConcurrentHashMap<>();
    // The descriptor instance last published per data class (normally a generated constant), so that a publish
    // finds its prepared schema by identity, without building the "Id:v" key string and hashing it each time.
    private final ConcurrentHashMap<Class<?>, CompiledSchema<?>> recentByDataClass = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, StreamBinding> streams = new ConcurrentHashMap<>();

    /** A stream this application published to: its topic and the one schema id it carries. */
    private record StreamBinding(String stream, String topic, MessageSchema<?> firstSchema) {}

    private Application(ApplicationSettings settings) {
        this.settings = settings;
    }

    /** Starts configuring an application; every setting has a default except {@code kafkaServers}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Changes settings of an application that was built before they were known, such as a module-level
     * application configured from the command line. Only before {@link #initialize()}.
     *
     * <pre>{@code app.configure(b -> b.kafkaServers(servers).topicPrefix(prefix)); }</pre>
     *
     * @param changes applied to a builder holding the current settings
     * @return this application
     * @throws IllegalStateException when the application is already initialized or closed
     */
    public Application configure(Consumer<Builder> changes) {
        synchronized (lifecycle) {
            if (clients != null || closed) {
                throw new IllegalStateException("configure(...) must be called before initialize(): this "
                        + "application is already " + (closed ? "closed" : "initialized"));
            }
            Builder builder = new Builder(settings);
            builder.observers.addAll(observerParts); // observe
            changes.accept(builder);
            settings = builder.settings();
            observe(builder.observers); // observe
            return this;
        }
    }

    /** The current settings. */
    public ApplicationSettings settings() {
        return settings;
    }

    /**
     * Adds a router's schemas and subscriptions to this application.
     *
     * @return this application
     * @throws SchemaConflictException when one of its schemas conflicts with one already registered
     */
    public Application mount(Router router) {
        Objects.requireNonNull(router, "router");
        mergeFrom(router);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public Application schema(MessageSchema<?> schema) {
        super.schema(schema);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public Application schemas(Iterable<? extends MessageSchema<?>> schemas) {
        super.schemas(schemas);
        return this;
    }

    /**
     * Registers a hook for a lifecycle event.
     *
     * <p>Hooks run in registration order, once; a hook registered after its event has happened does not run.
     *
     * @param event {@code "initialize"}: run at the end of {@link #initialize()}, when publishing works;
     *     {@code "finalize"}: run by {@link #close()} once subscriptions have stopped, while publishing still works
     * @param hook the code to run; an exception from an initialize hook propagates from {@code initialize()} (the
     *     application stays connected: close it), one from a finalize hook is logged and the remaining hooks run
     * @return this application
     * @throws IllegalArgumentException for any other event name
     */
    public Application on(String event, Runnable hook) {
        Objects.requireNonNull(hook, "hook");
        List<Runnable> list = hooks.get(event);
        if (list == null) {
            throw new IllegalArgumentException("Unknown application event '" + event
                    + "': use \"" + INITIALIZE + "\" or \"" + FINALIZE + "\"");
        }
        list.add(hook);
        return this;
    }

    /**
     * Connects to Kafka and gets ready to publish. In order: checks the settings, creates the producer and admin
     * client, creates the topic of every stream a registered schema declares (waiting at most the publish
     * timeout), starts subscriptions, then runs the {@code "initialize"} hooks. Does nothing when already
     * initialized.
     *
     * @throws KafkaeskException when {@code kafkaServers} is not set, or Kafka cannot be reached in time
     * @throws IllegalStateException when the application is closed
     */
    public void initialize() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("This application is closed; build a new one to connect again");
            }
            if (clients != null) {
                return;
            }
            ApplicationSettings current = settings;
            current.bootstrapServers(); // fails with the name of the missing setting
            ServerProbe.check(current); // seconds, not the 30 s of a client timeout, to a named cause
            KafkaClients connected = KafkaClients.connect(current);
            try {
                Map<String, CompletableFuture<Void>> created = new LinkedHashMap<>();
                for (MessageSchema<?> schema : schemas()) {
                    for (String stream : schema.streams()) {
                        String topic = topic(stream);
                        created.putIfAbsent(topic, connected.topics().ensureTopic(topic, schema));
                    }
                }
                long deadline = System.nanoTime() + current.publishTimeout().toNanos();
                for (Map.Entry<String, CompletableFuture<Void>> entry : created.entrySet()) {
                    awaitTopic(entry.getValue(), entry.getKey(), deadline, current);
                }
            } catch (RuntimeException e) {
                connected.close();
                throw e;
            }
            clients = connected;
            try {
                startSubscriptions();
            } catch (RuntimeException e) {
                // Not initialized: a later initialize() tries again from the start, and nothing reports healthy.
                clients = null;
                connected.close();
                throw e;
            }
            LOG.info("kafkaesk application initialized: {}", current);
            for (Runnable hook : hooks.get(INITIALIZE)) {
                hook.run();
            }
        }
    }

    /**
     * Stops subscriptions, runs the {@code "finalize"} hooks, then flushes pending records and closes the Kafka
     * clients (each within the publish timeout). Idempotent; the application cannot be initialized again.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            KafkaClients current = clients;
            try {
                if (current != null) {
                    stopSubscriptions();
                    for (Runnable hook : hooks.get(FINALIZE)) {
                        try {
                            hook.run();
                        } catch (RuntimeException e) {
                            LOG.error("A finalize hook failed; closing anyway", e);
                        }
                    }
                    current.close();
                }
            } finally {
                closed = true;
                clients = null;
            }
        }
    }

    /**
     * The topic a stream is published to: {@code topicPrefix + stream}.
     *
     * @throws IllegalArgumentException when the stream name is blank
     */
    public String topic(String stream) {
        if (stream.isBlank()) {
            throw new IllegalArgumentException("A stream name must not be blank");
        }
        return settings.topicPrefix() + stream;
    }

    // Publishing

    /**
     * Publishes data to a stream, its schema found by the data's class, with the schema's key and no headers.
     *
     * @see #publish(MessageSchema, String, Object, byte[], Iterable)
     */
    public <T> CompletableFuture<RecordMetadata> publish(String stream, T data) {
        return publish(schemaFor(data), stream, data, null, List.of());
    }

    /**
     * Publishes data to a stream with an explicit record key (null: the schema's key pointer decides).
     *
     * @see #publish(MessageSchema, String, Object, byte[], Iterable)
     */
    public <T> CompletableFuture<RecordMetadata> publish(String stream, T data, byte @Nullable [] key) {
        return publish(schemaFor(data), stream, data, key, List.of());
    }

    /**
     * Publishes data to a stream with an explicit record key and headers.
     *
     * @see #publish(MessageSchema, String, Object, byte[], Iterable)
     */
    public <T> CompletableFuture<RecordMetadata> publish(String stream, T data, byte @Nullable [] key,
            Iterable<Header> headers) {
        return publish(schemaFor(data), stream, data, key, headers);
    }

    /**
     * Publishes data to a stream with a text record key (UTF-8; null: the schema's key pointer decides) and text
     * headers (UTF-8 values, in the map's order); see {@link PublishHeaders}.
     *
     * @see #publish(MessageSchema, String, Object, byte[], Iterable)
     */
    public <T> CompletableFuture<RecordMetadata> publish(String stream, T data, @Nullable String key,
            Map<String, String> headers) {
        return publish(schemaFor(data), stream, data, PublishHeaders.key(key), PublishHeaders.of(headers));
    }

    /**
     * Publishes data to a stream under an explicit schema, registering the schema if it is not yet. This is what
     * generated publishers call.
     *
     * <p>Before anything is sent, in order: the stream is checked to carry no other schema id, the data is
     * validated against the schema (unless {@link Builder#validatePublished} is off), and on the stream's first
     * use its topic is created (waiting at most the publish timeout). The envelope sent holds exactly the JSON
     * that was validated.
     *
     * @param schema the data's schema
     * @param stream the stream (topic without prefix)
     * @param data the data object
     * @param key the record key; null to take it from the schema's key pointer (a string as UTF-8), or none
     * @param headers record headers, sent byte for byte
     * @return a future completed with the record's metadata when the broker acknowledges the record; it fails
     *     with a {@link KafkaeskException} naming the topic and servers when Kafka rejects the record or does
     *     not answer within the publish timeout
     * @throws SchemaValidationException when the data does not match the schema; nothing is sent
     * @throws SchemaConflictException when the stream already carries another schema id, or a different schema
     *     is registered under this schema's key
     * @throws KafkaeskException when the application has no {@code kafkaServers}, or the data cannot be written
     *     as JSON
     * @throws IllegalStateException when the application is closed
     */
    public <T> CompletableFuture<RecordMetadata> publish(MessageSchema<T> schema, String stream, T data,
            byte @Nullable [] key, Iterable<Header> headers) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(headers, "headers");
        ApplicationSettings current = settings;
        if (clients == null) {
            current.bootstrapServers(); // fails with the name of the missing setting
        }
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
        return send(binding.topic(), schema, value, recordKey, headers);
    }

    /**
     * Publishes and waits for the broker's acknowledgement.
     *
     * @return the record's metadata
     * @throws KafkaeskException when the record was not acknowledged within the publish timeout
     * @see #publish(MessageSchema, String, Object, byte[], Iterable)
     */
    public <T> RecordMetadata publishAndWait(String stream, T data) {
        return await(publish(stream, data));
    }

    /** Publishes with a key and waits for the broker's acknowledgement; see {@link #publishAndWait(String, Object)}. */
    public <T> RecordMetadata publishAndWait(String stream, T data, byte @Nullable [] key) {
        return await(publish(stream, data, key));
    }

    /** Publishes with a key and headers and waits; see {@link #publishAndWait(String, Object)}. */
    public <T> RecordMetadata publishAndWait(String stream, T data, byte @Nullable [] key,
            Iterable<Header> headers) {
        return await(publish(stream, data, key, headers));
    }

    /** Publishes under an explicit schema and waits; see {@link #publishAndWait(String, Object)}. */
    public <T> RecordMetadata publishAndWait(MessageSchema<T> schema, String stream, T data,
            byte @Nullable [] key, Iterable<Header> headers) {
        return await(publish(schema, stream, data, key, headers));
    }

    /**
     * Publishes a value that is already encoded, as it is: no envelope, no validation, no schema check. The
     * topic is created on first use like any other, with the settings of the schema that declares the stream, if
     * any, else the defaults.
     *
     * @param stream the stream (topic without prefix)
     * @param value the record value, sent byte for byte
     * @param key the record key, or null
     * @param headers record headers, sent byte for byte
     * @return a future completed with the record's metadata when the broker acknowledges the record
     */
    public CompletableFuture<RecordMetadata> rawPublish(String stream, byte[] value, byte @Nullable [] key,
            Iterable<Header> headers) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(headers, "headers");
        if (clients == null) {
            settings.bootstrapServers(); // fails with the name of the missing setting
        }
        StreamBinding binding = streams.get(stream);
        String topic = binding != null ? binding.topic() : topic(stream);
        MessageSchema<?> schema = binding != null ? binding.firstSchema() : schemaDeclaring(stream);
        return send(topic, schema, value, key, headers);
    }

    /** Sends every record published so far and waits until the broker has acknowledged (or failed) each. */
    public void flush() {
        KafkaClients kafka = clients;
        if (kafka != null) {
            kafka.flush();
        }
    }


    private volatile List<io.kafkaesk.internal.observe.Observer> observerParts = List.of();
    private volatile io.kafkaesk.internal.observe.@Nullable Observers observers;

    private void observe(List<io.kafkaesk.internal.observe.Observer> parts) {
        observerParts = List.copyOf(parts);
        observers = io.kafkaesk.internal.observe.Observers.of(observerParts, settings.topicPrefix());
    }

    /** The metrics and tracing hooks the consumers call. */
    io.kafkaesk.internal.observe.Observers observers() {
        io.kafkaesk.internal.observe.Observers current = observers;
        return current == null ? io.kafkaesk.internal.observe.Observers.NONE : current;
    }

    /** Sends an encoded record, observed (timed, traced) when the application has observers. */
    private CompletableFuture<RecordMetadata> send(String topic, @Nullable MessageSchema<?> schema, byte[] value,
            byte @Nullable [] key, Iterable<Header> headers) {
        io.kafkaesk.internal.observe.Observers current = observers;
        if (current == null) {
            return sendRecord(topic, schema, value, key, headers);
        }
        io.kafkaesk.internal.observe.Observer.Publishing publishing = current.publishing(topic, headers);
        CompletableFuture<RecordMetadata> sent;
        try {
            sent = sendRecord(topic, schema, value, key, publishing.headers());
        } catch (RuntimeException e) {
            publishing.completed(null, e);
            throw e;
        }
        sent.whenComplete(publishing::completed);
        return sent;
    }


    /** Sends an encoded record; every Kafka failure, including a failed lazy initialize, fails the future. */
    private CompletableFuture<RecordMetadata> sendRecord(String topic, @Nullable MessageSchema<?> schema,
            byte[] value, byte @Nullable [] key, Iterable<Header> headers) {
        KafkaClients kafka;
        try {
            kafka = kafkaClients();
        } catch (KafkaeskException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> ready = kafka.topics().ensureTopic(topic, schema);
        if (!ready.isDone()) {
            try {
                awaitTopic(ready, topic, System.nanoTime() + settings.publishTimeout().toNanos(), settings);
            } catch (KafkaeskException e) {
                return CompletableFuture.failedFuture(e);
            }
        } else if (ready.isCompletedExceptionally()) {
            return ready.thenApply(ignored -> null); // the same failure, typed for the caller
        }
        // The record copies the headers (the producer makes its copy read-only; the caller may reuse theirs).
        return kafka.send(new ProducerRecord<>(topic, null, null, key, value, headers));
    }

    /** Waits for a topic until {@code deadline} (System.nanoTime), failing with the topic and the servers. */
    private static void awaitTopic(CompletableFuture<Void> ready, String topic, long deadline,
            ApplicationSettings current) {
        try {
            ready.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaeskException("Interrupted while waiting for topic '" + topic + "' to be created", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof KafkaeskException k ? k
                    : new KafkaeskException("Could not create topic '" + topic + "' on Kafka at "
                            + current.kafkaServers() + ": " + cause, cause);
        } catch (TimeoutException e) {
            throw new KafkaeskException("Could not create topic '" + topic + "' on Kafka at " + current.kafkaServers()
                    + " (kafkaServers setting) within " + current.publishTimeout().toMillis() + " ms: no answer", e);
        }
    }

    private RecordMetadata await(CompletableFuture<RecordMetadata> future) {
        Duration timeout = settings.publishTimeout();
        try {
            // The producer bounds the wait itself; the margin only guards against a future that never completes.
            return future.get(timeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaeskException("Interrupted while waiting for the broker's acknowledgement", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof KafkaeskException k ? k : new KafkaeskException("Publish failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new KafkaeskException("No acknowledgement from Kafka at " + settings.kafkaServers() + " within "
                    + (timeout.toMillis() * 2 + 1000) + " ms", e);
        }
    }

    // Schemas and streams

    @SuppressWarnings("unchecked")
    private <T> MessageSchema<T> schemaFor(T data) {
        Objects.requireNonNull(data, "data");
        Class<?> type = data.getClass();
        CompiledSchema<?> cached = compiledByClass.get(type);
        if (cached == null) {
            List<MessageSchema<?>> candidates = new ArrayList<>();
            for (MessageSchema<?> s : schemas()) {
                if (s.dataClass() == type) {
                    candidates.add(s);
                }
            }
            if (candidates.isEmpty()) {
                for (MessageSchema<?> s : schemas()) {
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
            super.schema(schema); // throws SchemaConflictException for a different schema under the same key
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
        MessageSchema<?> schema = schemaForKey(key);
        return schema == null ? null : compiled(schema);
    }

    @Override
    void schemaRegistered(MessageSchema<?> schema) {
        // A new schema may make a data class ambiguous: look classes up again.
        compiledByClass.clear();
    }

    private StreamBinding bind(String stream, MessageSchema<?> schema) {
        MessageSchema<?> declarer = schemaDeclaring(stream);
        if (declarer != null) {
            checkSameId(stream, declarer, schema);
        }
        StreamBinding binding = streams.computeIfAbsent(stream, s -> new StreamBinding(s, topic(s), schema));
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

    /** The connected clients, initializing the application on first use. */
    KafkaClients kafkaClients() {
        KafkaClients current = clients;
        if (current != null) {
            return current;
        }
        if (closed) {
            throw new IllegalStateException("This application is closed: publish before close()");
        }
        initialize();
        current = clients;
        if (current == null) {
            throw new IllegalStateException("This application is closed: publish before close()");
        }
        return current;
    }


    /** Starts the consumers of registered subscriptions; called by initialize() before the initialize hooks. */
    private void startSubscriptions() {
        KafkaClients current = clients;
        if (current != null) {
            subscriptionRegistry().start(this, current);
        }
    }

    /** Stops consumers (finishing in-flight records, committing); called by close() before the finalize hooks. */
    private void stopSubscriptions() {
        subscriptionRegistry().stop();
    }

    /**
     * Sets the stream that subscriptions dead-letter to unless they name their own
     * ({@link Subscription#deadLetterStream(String)}); the topic prefix is prepended. Default
     * {@code kafkaesk.dead-letter}: one topic per application namespace, because each dead letter carries its
     * origin and group in {@code kafkaesk.error.*} headers, and group names (class names by default) are not
     * always valid topic names. Its name must end with {@code dead-letter} or {@code dlq} (the whole name, or after
     * {@code .}, {@code -} or {@code _}): glob subscriptions of every application leave such topics out. Only
     * before {@link #initialize()}.
     *
     * @return this application
     * @throws IllegalArgumentException when the name is not a valid topic name or does not follow that rule
     */
    public Application deadLetterStream(String stream) {
        subscriptionRegistry().deadLetterStream(stream);
        return this;
    }

    /**
     * Makes this application's consumers static members of their groups ({@code group.instance.id}), so that a
     * restarted worker gets its partitions back at once, without a rebalance, as long as it returns within the
     * session timeout ({@code session.timeout.ms}, 45 s by default): the first subscription of each group uses
     * {@code id}, further ones of the same group {@code id-2}, {@code id-3} ... Give every worker process its own
     * stable id (a StatefulSet pod's name, the host name); two running processes with one id fence each other.
     * Only before {@link #initialize()}.
     *
     * @return this application
     */
    public Application instanceId(String id) {
        subscriptionRegistry().instanceId(id);
        return this;
    }

    /**
     * Checks that the application can publish and that every subscription's consumer is alive; returns quietly
     * when healthy. A subscription stopped by its handler ({@link StopConsumer}) is not a failure.
     *
     * @throws ProducerUnhealthyException when the application is not connected (not initialized, or closed) or
     *     its producer has died
     * @throws ConsumerUnhealthyException when a consumer has died, naming each subscription and why
     */
    public void healthCheck() {
        KafkaClients current = clients;
        if (current == null) {
            throw new ProducerUnhealthyException("Unhealthy: the application is not connected to Kafka ("
                    + (closed ? "closed" : "not initialized") + ")");
        }
        String producerProblem = io.kafkaesk.internal.consumer.ProducerHealth.problem(current.producer());
        if (producerProblem != null) {
            throw new ProducerUnhealthyException("Unhealthy: " + producerProblem);
        }
        List<String> problems = subscriptionRegistry().problems();
        if (!problems.isEmpty()) {
            throw new ConsumerUnhealthyException(problems);
        }
    }


    /**
     * Configures an {@link Application}. Every setting has a default except {@code kafkaServers}, which may also be
     * given later through {@link Application#configure}.
     *
     * <p>There is no {@code kafkaApiVersion} setting (Python kafkaesk's {@code kafka_api_version}): the Java
     * client negotiates the protocol version with each broker itself.
     */
    public static final class Builder {
        private List<String> kafkaServers = List.of();
        private String topicPrefix = "";
        private Map<String, Object> kafkaSettings = new LinkedHashMap<>();
        private int replicationFactor;
        private boolean autoCommit = true;
        private long autoCommitIntervalMs = 5000;
        private int defaultPartitions = 7;
        private Duration publishTimeout = Duration.ofSeconds(30);
        private boolean validatePublished = true;
        private boolean discoverSchemas = true;
        private final List<io.kafkaesk.internal.observe.Observer> observers = new ArrayList<>(); // observe

        private Builder() {}

        private Builder(ApplicationSettings s) {
            this.kafkaServers = s.kafkaServers();
            this.topicPrefix = s.topicPrefix();
            this.kafkaSettings = new LinkedHashMap<>(s.kafkaSettings());
            this.replicationFactor = s.replicationFactor().orElse(0);
            this.autoCommit = s.autoCommit();
            this.autoCommitIntervalMs = s.autoCommitIntervalMs();
            this.defaultPartitions = s.defaultPartitions();
            this.publishTimeout = s.publishTimeout();
            this.validatePublished = s.validatePublished();
        }

        /**
         * The Kafka bootstrap servers, {@code host:port} each; a comma-separated list in one string works too.
         * Required before the application connects.
         */
        public Builder kafkaServers(String... servers) {
            return kafkaServers(Arrays.asList(servers));
        }

        /** The Kafka bootstrap servers, {@code host:port} each. Required before the application connects. */
        public Builder kafkaServers(List<String> servers) {
            List<String> parsed = new ArrayList<>();
            for (String entry : servers) {
                for (String server : Objects.requireNonNull(entry, "server").split(",")) {
                    if (!server.isBlank()) {
                        parsed.add(server.trim());
                    }
                }
            }
            this.kafkaServers = List.copyOf(parsed);
            return this;
        }

        /** Prepended to every stream to form its topic, for example {@code "prod."}; default empty. */
        public Builder topicPrefix(String topicPrefix) {
            this.topicPrefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
            return this;
        }

        /**
         * Client properties for the producer, the consumers and the admin client (SSL, SASL, client.id, tuning);
         * they replace earlier kafkaSettings and override kafkaesk's defaults.
         */
        public Builder kafkaSettings(Map<String, ?> kafkaSettings) {
            Map<String, Object> copy = new LinkedHashMap<>();
            kafkaSettings.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "kafkaSettings key"),
                    Objects.requireNonNull(v, () -> "kafkaSettings value of " + k)));
            this.kafkaSettings = copy;
            return this;
        }

        /**
         * The replication factor of created topics. Default: the number of brokers in the cluster, at most 3.
         *
         * @throws IllegalArgumentException when below 1 or above 32767
         */
        public Builder replicationFactor(int replicationFactor) {
            if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
                throw new IllegalArgumentException("Invalid value " + replicationFactor
                        + " for replicationFactor: it must be between 1 and " + Short.MAX_VALUE);
            }
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** Whether kafkaesk commits consumed offsets itself; default true. */
        public Builder autoCommit(boolean autoCommit) {
            this.autoCommit = autoCommit;
            return this;
        }

        /**
         * How often handled offsets are committed when {@code autoCommit} is on; default 5000 ms.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder autoCommitIntervalMs(long autoCommitIntervalMs) {
            if (autoCommitIntervalMs < 1) {
                throw new IllegalArgumentException("Invalid value " + autoCommitIntervalMs
                        + " for autoCommitIntervalMs: it must be 1 or more");
            }
            this.autoCommitIntervalMs = autoCommitIntervalMs;
            return this;
        }

        /**
         * Partitions of created topics whose schema names none; default 7.
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder defaultPartitions(int defaultPartitions) {
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException("Invalid value " + defaultPartitions
                        + " for defaultPartitions: it must be 1 or more");
            }
            this.defaultPartitions = defaultPartitions;
            return this;
        }

        /**
         * How long Kafka may take to answer before a publish fails: the producer's wait for metadata and for the
         * broker's acknowledgement ({@code max.block.ms}, {@code delivery.timeout.ms}), and, separately, the
         * creation of a stream's topic on its first use, every admin request, and {@code initialize()}'s creation
         * of declared streams. Default 30 s. When Kafka is unreachable, the publish fails after about this long (at
         * most twice this long on a stream's first use) with an error naming the servers.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder publishTimeout(Duration publishTimeout) {
            if (publishTimeout.isNegative() || publishTimeout.isZero()) {
                throw new IllegalArgumentException("Invalid value " + publishTimeout
                        + " for publishTimeout: it must be positive");
            }
            this.publishTimeout = publishTimeout;
            return this;
        }

        /**
         * Whether published data is validated against its JSON schema before it is sent; default true. Turn it
         * off only when the data is known to be valid and the few microseconds per record matter.
         */
        public Builder validatePublished(boolean validatePublished) {
            this.validatePublished = validatePublished;
            return this;
        }

        /**
         * Adds metrics or tracing: {@code KafkaeskMetrics.micrometer(registry)} (Micrometer meters, see
         * {@link io.kafkaesk.metrics.KafkaeskMetrics}) or {@code KafkaeskTracing.openTelemetry(openTelemetry)}
         * (spans and W3C trace context in headers, see {@link io.kafkaesk.tracing.KafkaeskTracing}). Call it once
         * for each; none by default.
         *
         * @throws IllegalArgumentException for an {@code Observability} that kafkaesk did not create
         */
        public Builder observability(io.kafkaesk.observe.Observability observability) {
            if (!(observability instanceof io.kafkaesk.internal.observe.Observer observer)) {
                throw new IllegalArgumentException("Unsupported observability " + observability.getClass().getName()
                        + ": use KafkaeskMetrics.micrometer(registry) or KafkaeskTracing.openTelemetry(otel)");
            }
            observers.add(observer);
            return this;
        }

        /**
         * Whether {@link #build()} registers the schemas of every {@link SchemaIndex} on the class path (the
         * generated {@code KafkaeskSchemas} of each source set); default true, so {@code app.schemas(...)} is
         * needed only for descriptors that are not generated.
         */
        public Builder discoverSchemas(boolean discoverSchemas) {
            this.discoverSchemas = discoverSchemas;
            return this;
        }

        /**
         * Builds the application; it connects on {@link Application#initialize()} or its first publish.
         *
         * @throws SchemaConflictException when two discovered schemas conflict
         * @throws KafkaeskException when a registered schema index cannot be loaded
         */
        public Application build() {
            Application application = new Application(settings());
            application.observe(observers); // observe
            if (discoverSchemas) {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                application.schemas(SchemaIndex.discoverSchemas(loader != null ? loader
                        : Application.class.getClassLoader()));
            }
            return application;
        }

        ApplicationSettings settings() {
            return new ApplicationSettings(kafkaServers, topicPrefix, kafkaSettings, replicationFactor, autoCommit,
                    autoCommitIntervalMs, defaultPartitions, publishTimeout, validatePublished);
        }
    }
}
