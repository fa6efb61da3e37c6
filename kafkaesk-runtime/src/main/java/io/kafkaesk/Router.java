package io.kafkaesk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A set of schemas and subscriptions that can be defined apart from the {@link Application} and mounted into
 * it later, so that each module of a program declares what it publishes and consumes next to its code:
 *
 * <pre>{@code
 * Router orders = new Router()
 *     .schema(OrderPlacedSchema.DESCRIPTOR)
 *     .schemas(KafkaeskSchemas.all());
 * // ... subscriptions ...
 *
 * Application app = Application.builder().kafkaServers("localhost:9092").build();
 * app.mount(orders);
 * }</pre>
 *
 * <p>Schemas are keyed by {@code Id:version}. Registering the same descriptor twice is harmless; registering a
 * different one under a key already taken is a {@link SchemaConflictException}, as is declaring one stream
 * (see {@link MessageSchema#streams()}) for two schema ids: a stream carries one schema id, in any of its
 * versions. An {@link Application} holds one router, into which it mounts others.
 *
 * <p>Thread-safe.
 */
public class Router {
    private final Map<String, MessageSchema<?>> schemas = new LinkedHashMap<>();
    private final Map<String, MessageSchema<?>> streamDeclarations = new HashMap<>();
    private final Runnable onNewSchema;

    /** Creates an empty router. */
    public Router() {
        this(() -> { });
    }

    /** Creates an empty router that runs {@code onNewSchema} after each newly registered schema. */
    Router(Runnable onNewSchema) {
        this.onNewSchema = onNewSchema;
    }

    /**
     * Registers a schema.
     *
     * @return this router
     * @throws SchemaConflictException when a different schema is registered under the same key, or when one of
     *     its streams is declared by a schema with another id
     */
    public Router schema(MessageSchema<?> schema) {
        Objects.requireNonNull(schema, "schema");
        synchronized (schemas) {
            MessageSchema<?> existing = schemas.get(schema.key());
            if (existing != null) {
                if (existing == schema || existing.equals(schema)) {
                    return this;
                }
                throw new SchemaConflictException("Schema key " + schema.key() + " is already registered with a "
                        + "different definition: " + existing + " and " + schema + " differ in "
                        + differences(existing, schema) + ". Give the new definition another version.");
            }
            for (String stream : schema.streams()) {
                MessageSchema<?> declarer = streamDeclarations.get(stream);
                if (declarer != null && !declarer.id().equals(schema.id())) {
                    throw new SchemaConflictException("Stream '" + stream + "' is declared by schema "
                            + declarer.key() + " and by schema " + schema.key()
                            + ": a stream carries one schema id (versions of that id may share it)");
                }
            }
            schemas.put(schema.key(), schema);
            for (String stream : schema.streams()) {
                streamDeclarations.putIfAbsent(stream, schema);
            }
        }
        onNewSchema.run();
        return this;
    }

    /**
     * Registers several schemas, such as a generated {@code KafkaeskSchemas.all()}.
     *
     * @return this router
     * @throws SchemaConflictException as {@link #schema(MessageSchema)} does, at the first conflict
     */
    public Router schemas(Iterable<? extends MessageSchema<?>> schemas) {
        for (MessageSchema<?> schema : schemas) {
            schema(schema);
        }
        return this;
    }

    /** Every registered schema, in registration order (a snapshot). */
    public Collection<MessageSchema<?>> schemas() {
        synchronized (schemas) {
            return List.copyOf(schemas.values());
        }
    }

    /** The schema registered under {@code Id:version}, or null. */
    @Nullable MessageSchema<?> schemaForKey(String key) {
        synchronized (schemas) {
            return schemas.get(key);
        }
    }

    /** The first registered schema that declares {@code stream}, or null. */
    @Nullable MessageSchema<?> schemaDeclaring(String stream) {
        synchronized (schemas) {
            return streamDeclarations.get(stream);
        }
    }

    /** Copies another router's schemas and subscriptions into this one (called by {@link Application#mount}). */
    void mergeFrom(Router other) {
        schemas(other.schemas());
        subscriptions.mergeFrom(other.subscriptions);
    }

    private static String differences(MessageSchema<?> a, MessageSchema<?> b) {
        List<String> names = new ArrayList<>();
        if (!a.dataClass().equals(b.dataClass())) {
            names.add("data class");
        }
        if (!a.schemaJson().equals(b.schemaJson())) {
            names.add("JSON schema");
        }
        if (!a.retention().equals(b.retention())) {
            names.add("retention");
        }
        if (!a.streams().equals(b.streams())) {
            names.add("streams");
        }
        if (!a.partitions().equals(b.partitions())) {
            names.add("partitions");
        }
        if (!a.keyPointer().equals(b.keyPointer())) {
            names.add("key pointer");
        }
        return String.join(", ", names);
    }

    private final Subscriptions subscriptions = new Subscriptions();

    /**
     * Subscribes a handler to a stream pattern in a consumer group.
     *
     * <p>A pattern containing {@code *}, {@code ?} or {@code [} is an fnmatch pattern over topic names, read as
     * Python's {@code fnmatch} reads it: the topic prefix is prepended, {@code *} matches any characters, dots
     * included ({@code "content.*"} takes {@code content.edited.Resource}), {@code ?} one character, {@code [seq]}
     * one character of seq and {@code [!seq]} one not in it; topics created later that match are picked up at the
     * next metadata refresh ({@code metadata.max.age.ms}, 5 minutes unless set in {@code kafkaSettings});
     * dead-letter topics never match. A pattern without wildcards is one exact stream, whose topic is created when
     * the subscription starts if it is missing. A group that has no committed offsets starts from the earliest
     * record.
     *
     * <p>The handler is a {@link TypedHandler} (such as a generated {@code ContentSubscriber}), which takes exactly
     * its schema key ({@code Content:2}), typed handlers for several versions of one schema id combined with
     * {@link MessageHandler#versions}, an {@link EnvelopeHandler}, a {@link BytesHandler} or a
     * {@link RecordHandler}; see {@link MessageHandler}.
     * For lambdas of the raw kinds use {@link #subscribeBytes}, {@link #subscribeRecords} and
     * {@link #subscribeEnvelopes}. Subscriptions start when the application initializes; register them before.
     *
     * @param pattern a stream glob, or one exact stream
     * @param group the consumer group; not blank
     * @return the subscription, to set options on ({@link Subscription#concurrency(int)} and others)
     * @throws IllegalArgumentException when the group is blank
     * @throws IllegalStateException when the application already started its subscriptions
     */
    public Subscription subscribe(String pattern, String group, MessageHandler handler) {
        return subscriptions.add(List.of(pattern), false, requireGroup(group), handler);
    }

    /**
     * Subscribes a lambda that takes record values as raw bytes:
     * {@code subscribeBytes("blobs", "archiver", (value, ctx) -> archive(value))}.
     *
     * @see #subscribe(String, String, MessageHandler)
     */
    public Subscription subscribeBytes(String pattern, String group, BytesHandler handler) {
        return subscribe(pattern, group, handler);
    }

    /**
     * Subscribes a lambda that takes Kafka records:
     * {@code subscribeRecords("orders", "mirror", (record, ctx) -> copy(record))}.
     *
     * @see #subscribe(String, String, MessageHandler)
     */
    public Subscription subscribeRecords(String pattern, String group, RecordHandler handler) {
        return subscribe(pattern, group, handler);
    }

    /**
     * Subscribes a lambda that takes whole envelopes as JSON:
     * {@code subscribeEnvelopes("audit.*", "auditor", (envelope, ctx) -> store(envelope))}.
     *
     * @see #subscribe(String, String, MessageHandler)
     */
    public Subscription subscribeEnvelopes(String pattern, String group, EnvelopeHandler handler) {
        return subscribe(pattern, group, handler);
    }

    /**
     * Subscribes an instance of a named handler class, in the group named after that class
     * ({@code com.acme.ContentIndexer}).
     *
     * @throws IllegalArgumentException when the handler is a lambda, an anonymous or a local class, or a
     *     {@link MessageHandler#versions} combination: those have no stable name, so give the group explicitly
     * @see #subscribe(String, String, MessageHandler)
     */
    public Subscription subscribe(String pattern, MessageHandler handler) {
        return subscriptions.add(List.of(pattern), false, null, handler);
    }

    /**
     * Subscribes a handler to several exact streams (the topic prefix is prepended to each; none may contain
     * {@code *}); topics that are missing are created when the subscription starts. A lambda needs its kind
     * named: {@code subscribeToTopics(streams, "g", (BytesHandler) (value, ctx) -> ...)}.
     *
     * @see #subscribe(String, String, MessageHandler)
     */
    public Subscription subscribeToTopics(List<String> streams, String group, MessageHandler handler) {
        return subscriptions.add(streams, true, requireGroup(group), handler);
    }

    /**
     * Subscribes an instance of a named handler class to several exact streams, in the group named after the
     * class; see {@link #subscribe(String, MessageHandler)}.
     */
    public Subscription subscribeToTopics(List<String> streams, MessageHandler handler) {
        return subscriptions.add(streams, true, null, handler);
    }

    /** Every registered subscription, in registration order (a snapshot). */
    public List<Subscription> subscriptions() {
        return subscriptions.list();
    }

    /** The consume side's state: subscriptions, and for an application their consumers. */
    Subscriptions subscriptionRegistry() {
        return subscriptions;
    }

    private static String requireGroup(String group) {
        return Objects.requireNonNull(group, "group must not be null: omit it to name the group after a named "
                + "handler class");
    }
}
