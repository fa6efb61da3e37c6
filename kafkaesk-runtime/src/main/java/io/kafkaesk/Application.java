package io.kafkaesk;

import io.kafkaesk.internal.CompiledSchema;
import io.kafkaesk.internal.KafkaClients;
import io.kafkaesk.internal.observe.Observers;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/**
 * Owns one kafkaesk application's life on one Kafka cluster: its settings, its {@link Router} (schemas and
 * subscriptions), its connection, its lifecycle hooks and its health; publishing is delegated to its publish path.
 *
 * <pre>{@code
 * try (Application app = Application.builder()
 *         .kafkaServers("localhost:9092")
 *         .topicPrefix("prod.")
 *         .build()) {                                     // registers the generated schemas (see SchemaIndex)
 *     app.subscribe("content.*", "indexer", new ContentIndexer());
 *     app.onStart(() -> log.info("ready"));
 *     app.initialize();                                   // connects, creates declared streams, starts consuming
 *     app.publish("content.edited.Resource", Content.builder().id("a1").foo("bar").build())
 *        .join();                                         // completes when the broker acknowledges
 * }
 * }</pre>
 *
 * <p><b>Publishing.</b> {@link #publish(String, Object)} finds the schema by the data's class (generated publishers
 * pass it), validates the data ({@link SchemaValidationException}: nothing is sent), wraps it in the envelope
 * {@code {"schema":"Content:1","data":{...}}} and sends it to {@code topicPrefix + stream}, keyed by the key given
 * or the one the schema's key pointer selects. It never waits for Kafka: the future is returned at once, and a
 * record for a topic still being created is sent, in order, once it exists. A stream carries one schema id
 * ({@link SchemaConflictException}).
 *
 * <p><b>Configuration.</b> {@link ApplicationSettings.Builder} lists every setting with its default; only
 * {@code kafkaServers} is required. Settings can come late, with {@link #configure}, until the application connects.
 *
 * <p><b>Lifecycle.</b> {@link #initialize()} connects, creates every stream a registered schema declares, starts
 * the subscriptions, then runs the {@link #onStart} hooks. A publish before that connects the producer only;
 * subscriptions never start by themselves. {@link #close()} stops the subscriptions, runs the {@link #onStop} hooks,
 * then flushes and closes the clients. {@link #health()} tells how each part is doing.
 *
 * <p>Thread-safe: publish from any number of threads.
 */
public final class Application implements AutoCloseable {
    private final Lifecycle lifecycle;
    private final Publishing publishing;
    private final Router router;

    Application(ApplicationSettings settings) {
        this.lifecycle = new Lifecycle(settings);
        this.router = new Router(this::schemaRegistered);
        this.publishing = new Publishing(router, lifecycle::settings, lifecycle::connect, lifecycle::observers);
    }

    /** Starts configuring an application; see {@link ApplicationSettings.Builder}. */
    public static ApplicationSettings.Builder builder() {
        return ApplicationSettings.builder();
    }

    /**
     * Changes settings of an application that was built before they were known, such as a module-level
     * application configured from the command line. Only before it connects ({@link #initialize()} or a publish).
     *
     * <pre>{@code app.configure(b -> b.kafkaServers(servers).topicPrefix(prefix)); }</pre>
     *
     * @param changes applied to a builder holding the current settings
     * @return this application
     * @throws IllegalStateException when the application is already connected or closed
     */
    public Application configure(Consumer<ApplicationSettings.Builder> changes) {
        lifecycle.configure(changes);
        return this;
    }

    /** The current settings. */
    public ApplicationSettings settings() {
        return lifecycle.settings();
    }

    /**
     * Adds a router's schemas and subscriptions to this application.
     *
     * @return this application
     * @throws SchemaConflictException when one of its schemas conflicts with one already registered
     */
    public Application mount(Router other) {
        router.mergeFrom(Objects.requireNonNull(other, "router"));
        return this;
    }

    /** Registers a schema; see {@link Router#schema(MessageSchema)}. */
    public Application schema(MessageSchema<?> schema) {
        router.schema(schema);
        return this;
    }

    /** Registers several schemas; see {@link Router#schemas(Iterable)}. */
    public Application schemas(Iterable<? extends MessageSchema<?>> schemas) {
        router.schemas(schemas);
        return this;
    }

    /** Every registered schema, in registration order (a snapshot). */
    public Collection<MessageSchema<?>> schemas() {
        return router.schemas();
    }

    /** Subscribes a handler to a stream pattern in a group; see {@link Router#subscribe(String, String, MessageHandler)}. */
    public Subscription subscribe(String pattern, String group, MessageHandler handler) {
        return router.subscribe(pattern, group, handler);
    }

    /** Subscribes a named handler class in the group named after it; see {@link Router#subscribe(String, MessageHandler)}. */
    public Subscription subscribe(String pattern, MessageHandler handler) {
        return router.subscribe(pattern, handler);
    }

    /** Subscribes a lambda taking raw values; see {@link Router#subscribeBytes}. */
    public Subscription subscribeBytes(String pattern, String group, BytesHandler handler) {
        return router.subscribeBytes(pattern, group, handler);
    }

    /** Subscribes a lambda taking Kafka records; see {@link Router#subscribeRecords}. */
    public Subscription subscribeRecords(String pattern, String group, RecordHandler handler) {
        return router.subscribeRecords(pattern, group, handler);
    }

    /** Subscribes a lambda taking whole envelopes; see {@link Router#subscribeEnvelopes}. */
    public Subscription subscribeEnvelopes(String pattern, String group, EnvelopeHandler handler) {
        return router.subscribeEnvelopes(pattern, group, handler);
    }

    /** Subscribes to several exact streams; see {@link Router#subscribeToTopics(List, String, MessageHandler)}. */
    public Subscription subscribeToTopics(List<String> streams, String group, MessageHandler handler) {
        return router.subscribeToTopics(streams, group, handler);
    }

    /** Subscribes a named handler class to exact streams; see {@link Router#subscribeToTopics(List, MessageHandler)}. */
    public Subscription subscribeToTopics(List<String> streams, MessageHandler handler) {
        return router.subscribeToTopics(streams, handler);
    }

    /** Every registered subscription, in registration order (a snapshot). */
    public List<Subscription> subscriptions() {
        return router.subscriptions();
    }

    /**
     * Sets the stream that subscriptions dead-letter to unless they name their own
     * ({@link Subscription#deadLetterStream(String)}); default {@code kafkaesk.dead-letter}, the topic prefix
     * prepended. Its name must end with {@code dead-letter} or {@code dlq} (the whole name, or after {@code .},
     * {@code -} or {@code _}), so that glob subscriptions leave it out. Only before {@link #initialize()}.
     *
     * @throws IllegalArgumentException when the name is not a valid topic name or does not follow that rule
     */
    public Application deadLetterStream(String stream) {
        router.subscriptionRegistry().deadLetterStream(stream);
        return this;
    }

    /**
     * Makes this application's consumers static members of their groups ({@code group.instance.id}), so that a
     * restarted worker gets its partitions back at once, without a rebalance, as long as it returns within the
     * session timeout: the first subscription of each group uses {@code id}, further ones of the same group
     * {@code id-2}, {@code id-3} ... Give every worker process its own stable id (a StatefulSet pod's name); two
     * running processes with one id fence each other. Only before {@link #initialize()}.
     */
    public Application instanceId(String id) {
        router.subscriptionRegistry().instanceId(id);
        return this;
    }

    /**
     * Runs {@code hook} at the end of {@link #initialize()}, when publishing works and subscriptions run. Hooks
     * run once, in registration order; one registered after the application started does not run. An exception
     * from a hook propagates from {@code initialize()} (the application stays connected: close it).
     */
    public Application onStart(Runnable hook) {
        lifecycle.onStart(hook);
        return this;
    }

    /**
     * Runs {@code hook} in {@link #close()} once subscriptions have stopped, while publishing still works, when
     * the application was connected (initialized, or published). Hooks run once, in registration order; one that
     * throws is logged and the others still run.
     */
    public Application onStop(Runnable hook) {
        lifecycle.onStop(hook);
        return this;
    }

    /**
     * Connects to Kafka and starts. In order: checks the settings and that Kafka answers, creates the producer and
     * admin client (unless a publish already did), creates the topic of every stream a registered schema declares
     * (waiting at most the publish timeout), starts subscriptions, then runs the {@link #onStart} hooks. Does
     * nothing when already started.
     *
     * @throws KafkaeskException when {@code kafkaServers} is not set, or Kafka cannot be reached in time
     * @throws IllegalStateException when the application is closed
     */
    public void initialize() {
        lifecycle.initialize(connected -> {
            publishing.createDeclaredStreams(connected);
            router.subscriptionRegistry().start(this, connected);
        });
    }

    /**
     * Stops subscriptions, runs the {@link #onStop} hooks, then sends what is queued, flushes pending records and
     * closes the Kafka clients (each within the publish timeout). Idempotent; the application cannot be
     * initialized again.
     */
    @Override
    public void close() {
        try {
            lifecycle.close(router.subscriptionRegistry()::stop, publishing::awaitQueued);
        } finally {
            publishing.close();
        }
    }

    /**
     * The topic a stream is published to: {@code topicPrefix + stream}.
     *
     * @throws IllegalArgumentException when the stream name is blank
     */
    public String topic(String stream) {
        return publishing.topic(stream);
    }

    /** Publishes data to a stream, its schema found by the data's class, with the schema's key and no headers. */
    public <T> CompletableFuture<RecordMetadata> publish(String stream, T data) {
        return publish(publishing.schemaFor(data), stream, data, null, List.of());
    }

    /** Publishes data with an explicit record key (null: the schema's key pointer decides). */
    public <T> CompletableFuture<RecordMetadata> publish(String stream, T data, byte @Nullable [] key) {
        return publish(publishing.schemaFor(data), stream, data, key, List.of());
    }

    /** Publishes data with an explicit record key and headers, sent byte for byte. */
    public <T> CompletableFuture<RecordMetadata> publish(String stream, T data, byte @Nullable [] key,
            Iterable<Header> headers) {
        return publish(publishing.schemaFor(data), stream, data, key, headers);
    }

    /**
     * Publishes data with a text record key (UTF-8; null: the schema's key pointer decides) and text headers
     * (UTF-8 values, in the map's order); see {@link PublishHeaders}.
     */
    public <T> CompletableFuture<RecordMetadata> publish(String stream, T data, @Nullable String key,
            Map<String, String> headers) {
        return publish(publishing.schemaFor(data), stream, data, PublishHeaders.key(key),
                PublishHeaders.of(headers));
    }

    /**
     * Publishes data to a stream under an explicit schema, registering the schema if it is not yet. This is what
     * generated publishers call; the other {@code publish} methods end here.
     *
     * <p>Before this returns: the stream is checked to carry no other schema id and the data is validated against
     * the schema (unless {@link ApplicationSettings#validatePublished()} is off). It returns without waiting for
     * Kafka: on the stream's first use its topic is created meanwhile (at most the publish timeout), and the record
     * is sent once it exists, after the records published to it before. The envelope sent holds exactly the JSON
     * that was validated. The first publish connects the producer; it does not start subscriptions.
     *
     * @param key the record key; null to take it from the schema's key pointer (a string as UTF-8), or none
     * @param headers record headers, sent byte for byte
     * @return a future completed with the record's metadata when the broker acknowledges the record; it fails
     *     with a {@link KafkaeskException} naming the topic and servers when the topic cannot be created, or Kafka
     *     rejects the record or does not answer within the publish timeout
     * @throws SchemaValidationException when the data does not match the schema; nothing is sent
     * @throws SchemaConflictException when the stream already carries another schema id, or a different schema
     *     is registered under this schema's key
     * @throws KafkaeskException when the application has no {@code kafkaServers}, or the data cannot be written
     * @throws IllegalStateException when the application is closed
     */
    public <T> CompletableFuture<RecordMetadata> publish(MessageSchema<T> schema, String stream, T data,
            byte @Nullable [] key, Iterable<Header> headers) {
        lifecycle.requireOpen();
        return publishing.publish(schema, stream, data, key, headers);
    }

    /** A publisher of {@code schema}'s data through this application, as a generated {@code XPublisher.of(app)}. */
    public <T> TypedPublisher<T> publisher(MessageSchema<T> schema) {
        Objects.requireNonNull(schema, "schema");
        return (stream, data, key, headers) -> publish(schema, stream, data, key, headers);
    }

    /** Publishes and waits for the broker's acknowledgement; see {@link #publish(String, Object)}. */
    public <T> RecordMetadata publishAndWait(String stream, T data) {
        return publishing.await(publish(stream, data));
    }

    /** Publishes with a key and waits for the broker's acknowledgement. */
    public <T> RecordMetadata publishAndWait(String stream, T data, byte @Nullable [] key) {
        return publishing.await(publish(stream, data, key));
    }

    /** Publishes with a key and headers and waits for the broker's acknowledgement. */
    public <T> RecordMetadata publishAndWait(String stream, T data, byte @Nullable [] key,
            Iterable<Header> headers) {
        return publishing.await(publish(stream, data, key, headers));
    }

    /**
     * Publishes under an explicit schema and waits for the broker's acknowledgement.
     *
     * @throws KafkaeskException when the record was not acknowledged within the publish timeout
     */
    public <T> RecordMetadata publishAndWait(MessageSchema<T> schema, String stream, T data,
            byte @Nullable [] key, Iterable<Header> headers) {
        return publishing.await(publish(schema, stream, data, key, headers));
    }

    /**
     * Publishes a value that is already encoded, as it is: no envelope, no validation, no schema check. The
     * topic is created on first use like any other, with the settings of the schema that declares the stream, if
     * any, else the defaults.
     *
     * @return a future completed with the record's metadata when the broker acknowledges the record
     */
    public CompletableFuture<RecordMetadata> rawPublish(String stream, byte[] value, byte @Nullable [] key,
            Iterable<Header> headers) {
        lifecycle.requireOpen();
        return publishing.rawPublish(stream, value, key, headers);
    }

    /** Sends every record published so far and waits until the broker has acknowledged (or failed) each. */
    public void flush() {
        KafkaClients kafka = lifecycle.clients();
        if (kafka != null) {
            publishing.awaitQueued();
            kafka.flush();
        }
    }

    /**
     * How the application is doing: {@code STARTING} until it connects and while subscriptions wait for
     * {@link #initialize()}; {@code UP} while the producer can send and every subscription's consumer runs;
     * {@code DOWN} once closed, when the producer's latest send failed, or when a consumer died (not when its
     * handler stopped it, {@link StopConsumer}); with the reason for each part. Cheap enough for every probe.
     */
    public ApplicationHealth health() {
        return ApplicationHealth.of(lifecycle.clients(), lifecycle.closed(), router.subscriptionRegistry());
    }

    /**
     * Returns quietly when {@link #health()} is {@code UP}, else throws.
     *
     * @throws ProducerUnhealthyException when the application is not connected (not initialized, or closed) or
     *     its producer cannot send
     * @throws ConsumerUnhealthyException when a subscription is not running, naming each one and why
     */
    public void healthCheck() {
        health().requireUp();
    }

    /** The connected clients, connecting (only the clients, nothing else) on first use. */
    KafkaClients kafkaClients() {
        return lifecycle.connect();
    }

    /** The metrics and tracing hooks the consumers call. */
    Observers observers() {
        Observers current = lifecycle.observers();
        return current == null ? Observers.NONE : current;
    }

    /** The prepared form of a schema, registering the schema when it is new. */
    <T> CompiledSchema<T> compiled(MessageSchema<T> schema) {
        return publishing.compiled(schema);
    }

    /** The prepared form of the schema registered under {@code Id:version}, or null when there is none. */
    @Nullable CompiledSchema<?> compiledForKey(String key) {
        return publishing.compiledForKey(key);
    }

    /** The first registered schema that declares {@code stream}, or null. */
    @Nullable MessageSchema<?> schemaDeclaring(String stream) {
        return router.schemaDeclaring(stream);
    }

    /** The consume side's state: subscriptions and their consumers. */
    Subscriptions subscriptionRegistry() {
        return router.subscriptionRegistry();
    }

    private void schemaRegistered() {
        publishing.schemaRegistered();
    }
}
