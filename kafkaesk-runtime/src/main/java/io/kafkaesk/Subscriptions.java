package io.kafkaesk;

import io.kafkaesk.internal.CompiledSchema;
import io.kafkaesk.internal.KafkaClients;
import io.kafkaesk.internal.KafkaConfigs;
import io.kafkaesk.internal.SecurityErrors;
import io.kafkaesk.internal.consumer.BatchRunner;
import io.kafkaesk.internal.consumer.ConsumerEngine;
import io.kafkaesk.internal.consumer.ConsumerSettings;
import io.kafkaesk.internal.consumer.DeadLetterNames;
import io.kafkaesk.internal.consumer.DeadLetterWriter;
import io.kafkaesk.internal.consumer.EngineConfig;
import io.kafkaesk.internal.consumer.SubscriptionProcessor;
import io.kafkaesk.internal.consumer.TopicGlob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of a {@link Router}, and for an {@link Application} the consumers that run them: the consume
 * side's state, which Router and Application delegate to.
 *
 * <p>Thread-safe.
 */
final class Subscriptions {
    /** The dead-letter stream when neither the subscription nor the application names one. */
    static final String DEFAULT_DEAD_LETTER_STREAM = "kafkaesk.dead-letter";

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** How long a stop waits for consumers that failed to start, which run no records yet. */
    private static final Duration START_FAILURE_STOP = Duration.ofSeconds(15);
    /**
     * Fetched records a partition may hold before it is paused: 8 MiB, several fetches' worth
     * (max.partition.fetch.bytes is 1 MiB by default), so that the worker never waits for a fetch while the poll
     * loop resumes it. The consumer as a whole holds at most 64 MiB: with many partitions each gets a share.
     */
    private static final long MAX_QUEUED_BYTES_PER_PARTITION = 8L * 1024 * 1024;

    private final List<Subscription> registered = new CopyOnWriteArrayList<>();
    private final List<Running> running = new CopyOnWriteArrayList<>();
    private volatile String deadLetterStream = DEFAULT_DEAD_LETTER_STREAM;
    private volatile boolean started;
    private volatile @Nullable String instanceId;

    /** A started subscription and its engine. */
    record Running(Subscription subscription, ConsumerEngine engine) {}

    /**
     * Registers a subscription.
     *
     * @param streams one glob or exact stream ({@code subscribe}), or exact streams ({@code subscribeToTopics})
     * @param topicList true for {@code subscribeToTopics}
     * @param group the group, or null to derive it from the handler's class
     */
    synchronized Subscription add(List<String> streams, boolean topicList, @Nullable String group,
            MessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("subscribeToTopics needs at least one stream");
        }
        for (String stream : streams) {
            Objects.requireNonNull(stream, "stream");
            if (stream.isBlank()) {
                throw new IllegalArgumentException("Cannot subscribe to a blank stream name");
            }
            if (topicList && TopicGlob.isGlob(stream)) {
                throw new IllegalArgumentException("subscribeToTopics takes exact stream names, but '" + stream
                        + "' is a pattern: use subscribe(\"" + stream + "\", group, handler) for a pattern");
            }
        }
        String resolved = group == null ? defaultGroup(handler, streams) : group;
        if (resolved.isBlank()) {
            throw new IllegalArgumentException("Invalid group '" + resolved + "' for a subscription to " + streams
                    + ": a consumer group must not be blank");
        }
        if (started) {
            throw new IllegalStateException("Cannot subscribe group " + resolved + " to " + streams + ": the "
                    + "application already started its subscriptions. Subscribe before initialize() and before "
                    + "the first publish, which initializes the application.");
        }
        if (handler instanceof TypedHandler<?> typed) {
            Objects.requireNonNull(typed.schema(), () -> "The typed handler " + handler.getClass().getName()
                    + " returns no schema()");
        }
        if (handler instanceof BatchHandler<?> batch) {
            Objects.requireNonNull(batch.schema(), () -> "The batch handler " + handler.getClass().getName()
                    + " returns no schema()");
        }
        Subscription subscription = new Subscription(streams, topicList, resolved, group == null, handler);
        registered.add(subscription);
        return subscription;
    }

    /**
     * The group of a subscription that names none: the handler's class name, when that is stable.
     *
     * @throws IllegalArgumentException for a lambda, anonymous or local class, whose names change when the code
     *     around them changes: the group would silently change and start from scratch
     */
    static String defaultGroup(MessageHandler handler, List<String> streams) {
        if (handler instanceof VersionedHandler versioned) {
            // Naming the group after the handlers would change it whenever a version is added or dropped, and the
            // subscription would silently start again from the earliest record.
            throw new IllegalArgumentException("Subscription to " + streams + " needs an explicit group: its "
                    + "handler " + versioned + " has no stable name to use as the consumer group. Call "
                    + "subscribe(pattern, \"my-group\", MessageHandler.versions(...)), giving the group a "
                    + "single-version subscription had (by default its handler's class name) to carry on from its "
                    + "committed offsets.");
        }
        Class<?> type = handler.getClass();
        if (type.isHidden() || type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            throw new IllegalArgumentException("Subscription to " + streams + " needs an explicit group: its "
                    + "handler is a lambda or an anonymous or local class (" + type.getName() + "), which has no "
                    + "stable name to use as the consumer group. Call subscribe(pattern, \"my-group\", handler), "
                    + "or pass an instance of a named handler class.");
        }
        return type.getName();
    }

    /** Copies another router's subscriptions (the same objects: options set on them still apply). */
    synchronized void mergeFrom(Subscriptions other) {
        if (started) {
            throw new IllegalStateException("Cannot mount a router into an application whose subscriptions "
                    + "already started: mount before initialize()");
        }
        for (Subscription s : other.registered) {
            if (!registered.contains(s)) {
                registered.add(s);
            }
        }
    }

    /** Every registered subscription (a snapshot). */
    List<Subscription> list() {
        return List.copyOf(registered);
    }

    synchronized void deadLetterStream(String stream) {
        Objects.requireNonNull(stream, "stream");
        DeadLetterNames.check(stream, "of the application");
        if (started) {
            throw new IllegalStateException("Set the dead-letter stream before initialize()");
        }
        this.deadLetterStream = stream;
    }

    /**
     * Makes every consumer a static member of its group ({@code group.instance.id}): {@code id} for the first
     * subscription of each group, {@code id-2}, {@code id-3} ... for further subscriptions of the same group, in
     * the order they were registered.
     */
    synchronized void instanceId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("Invalid instance id '" + id + "': it must not be blank");
        }
        if (started) {
            throw new IllegalStateException("Set the instance id before initialize()");
        }
        this.instanceId = id;
    }

    String deadLetterStream() {
        return deadLetterStream;
    }

    /**
     * Starts one consumer per subscription. In order, for each: freezes its options, creates its exact topics
     * when missing, registers a typed handler's schema, then starts its engine. When one fails to start, those
     * already started are stopped and the failure is thrown.
     */
    synchronized void start(Application app, KafkaClients clients) {
        if (started) {
            return;
        }
        started = true;
        ApplicationSettings settings = app.settings();
        Map<String, Object> consumerProperties = KafkaConfigs.common(settings);
        DeadLetterWriter writer = new DeadLetterWriter(clients::send,
                topic -> clients.topics().ensureTopicAndWait(topic, null), settings.publishTimeout());
        Map<String, Integer> perGroup = new HashMap<>();
        try {
            for (Subscription s : registered) {
                s.freeze();
                Map<String, Object> properties = ConsumerSettings.merge(consumerProperties, s.kafkaSettings(),
                        s.group(), instanceId, perGroup);
                running.add(new Running(s, startOne(app, clients, settings, properties, writer, s)));
            }
        } catch (RuntimeException e) {
            // Stop what did start and forget it, so that the application can initialize again.
            stop(START_FAILURE_STOP);
            running.clear();
            started = false;
            throw e;
        }
    }

    private ConsumerEngine startOne(Application app, KafkaClients clients, ApplicationSettings settings,
            Map<String, Object> consumerProperties, DeadLetterWriter writer, Subscription s) {
        MessageHandler handler = s.handler();
        List<MessageSchema<?>> handlerSchemas = handlerSchemas(handler);
        for (MessageSchema<?> schema : handlerSchemas) {
            app.compiled(schema); // registers it, so validation and publishing know it
        }
        List<String> topics = new ArrayList<>();
        Pattern pattern = null;
        if (s.exactStreams()) {
            for (String stream : s.streams()) {
                String topic = app.topic(stream);
                MessageSchema<?> schema = handlerSchemas.isEmpty() ? app.schemaDeclaring(stream)
                        : topicSchema(handlerSchemas, stream);
                clients.topics().ensureTopicAndWait(topic, schema);
                topics.add(topic);
            }
        } else {
            // Every dead-letter topic follows the naming rule, which leaves out those of other applications too.
            String glob = s.streams().get(0);
            pattern = DeadLetterNames.excludeDeadLetters(glob,
                    TopicGlob.toPattern(settings.topicPrefix(), glob, List.of()));
        }
        String deadLetterTopic = app.topic(s.deadLetterStream().orElse(deadLetterStream));
        Duration protocolLimit = EngineConfig.protocolLimit(consumerProperties);
        EngineConfig config = new EngineConfig(s.group(), consumerProperties, topics, pattern, s.concurrency(),
                settings.autoCommit(), Duration.ofMillis(settings.autoCommitIntervalMs()), POLL_TIMEOUT,
                MAX_QUEUED_BYTES_PER_PARTITION, s.shutdownTimeout().orElse(protocolLimit),
                s.revocationTimeout().orElse(protocolLimit), EngineConfig.DEFAULT_MAX_QUEUED_BYTES);
        BatchHandler<?> batch = handler instanceof BatchHandler<?> b ? b : null;
        SubscriptionProcessor processor = new SubscriptionProcessor(app, s.group(),
                batch == null ? handler : BatchRunner.oneAtATime(batch), s.validate(), s.retryPolicy(),
                deadLetterTopic, writer, s.counters(), key -> {
                    CompiledSchema<?> compiled = app.compiledForKey(key);
                    return compiled == null ? null : compiled.validator();
                }, s.onNewerVersion());
        processor.observe(app.observers());
        ConsumerEngine engine = new ConsumerEngine(config,
                batch == null ? processor : new BatchRunner(processor, batch, s.maxBatchSize()));
        engine.observe(app.observers());
        engine.start();
        Object instance = consumerProperties.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        log.info("Subscription started: group {}{}, {}{}, {}, concurrency {}, auto.offset.reset {}, dead letters "
                + "to {}", s.group(), s.groupFromClassName() ? " (the handler's class name: renaming the class "
                + "starts a new group; name the group in subscribe)" : "",
                pattern == null ? "topics " + topics : "pattern " + settings.topicPrefix() + s.streams().get(0),
                instance == null ? "" : ", instance id " + instance,
                Subscription.handlerKind(handler), s.concurrency(),
                consumerProperties.getOrDefault(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        ConsumerSettings.DEFAULT_OFFSET_RESET),
                deadLetterTopic);
        return engine;
    }

    /** The schemas a handler binds to, by ascending version; empty for the raw kinds. */
    private static List<MessageSchema<?>> handlerSchemas(MessageHandler handler) {
        if (handler instanceof TypedHandler<?> typed) {
            return List.of(typed.schema());
        }
        if (handler instanceof VersionedHandler versioned) {
            return versioned.schemas();
        }
        if (handler instanceof BatchHandler<?> batch) {
            return List.of(batch.schema());
        }
        return List.of();
    }

    /**
     * The schema whose settings (partitions, retention) a missing topic is created with: the latest handled version
     * that declares the stream, else the latest handled version.
     */
    private static MessageSchema<?> topicSchema(List<MessageSchema<?>> handlerSchemas, String stream) {
        MessageSchema<?> chosen = handlerSchemas.get(handlerSchemas.size() - 1);
        for (MessageSchema<?> schema : handlerSchemas) {
            if (schema.streams().contains(stream)) {
                chosen = schema;
            }
        }
        return chosen;
    }

    /** Stops every consumer gracefully, in parallel, each within {@code timeout}. */
    void stop(Duration timeout) {
        List<Running> all = List.copyOf(running);
        all.forEach(r -> r.engine().requestStop());
        for (Running r : all) {
            if (!r.engine().close(timeout)) {
                log.warn("Consumer {} did not stop within {}", r.engine().name(), timeout);
            }
        }
    }

    /**
     * Stops every consumer gracefully, in parallel: the stop takes at most the longest shutdown timeout of the
     * subscriptions plus {@link ConsumerEngine#CLOSE_TIMEOUT} twice (the final commit, then leaving the group).
     */
    void stop() {
        Duration longest = Duration.ZERO;
        for (Running r : running) {
            Duration t = r.engine().config().shutdownTimeout();
            longest = t.compareTo(longest) > 0 ? t : longest;
        }
        stop(longest.plus(ConsumerEngine.CLOSE_TIMEOUT.multipliedBy(2)).plusSeconds(1));
    }

    /** One line per consumer that died, empty when all are healthy. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Running r : running) {
            // The failure is known from the moment it happens; the FAILED state only once shutdown finished.
            Throwable cause = r.engine().failure();
            if (cause != null || r.engine().state() == ConsumerEngine.State.FAILED) {
                problems.add(r.subscription() + " failed: " + describe(cause)
                        + (cause == null ? "" : SecurityErrors.hint(cause)));
            }
        }
        return problems;
    }

    /** True when subscriptions were started and none is running any more. */
    boolean allTerminated() {
        if (running.isEmpty()) {
            return false;
        }
        for (Running r : running) {
            if (r.engine().state() == ConsumerEngine.State.RUNNING) {
                return false;
            }
        }
        return true;
    }

    /** The running subscriptions (a snapshot). */
    List<Running> running() {
        return List.copyOf(running);
    }

    static String describe(@Nullable Throwable t) {
        if (t == null) {
            return "unknown failure";
        }
        StringBuilder sb = new StringBuilder(t.toString());
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append("; caused by ").append(c);
        }
        return sb.toString();
    }
}
