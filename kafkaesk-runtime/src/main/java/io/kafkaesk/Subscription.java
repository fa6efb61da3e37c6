package io.kafkaesk;

import io.kafkaesk.internal.KafkaConfigs;
import io.kafkaesk.internal.consumer.ConsumerSettings;
import io.kafkaesk.internal.consumer.DeadLetterNames;
import io.kafkaesk.internal.consumer.SubscriptionCounters;
import io.kafkaesk.internal.consumer.TopicGlob;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;

/**
 * One registered subscription: what it consumes, its group and handler, and its options. Returned by
 * {@code subscribe(...)} so options can be chained:
 *
 * <pre>{@code
 * app.subscribe("orders.*", "billing", handler)
 *    .concurrency(4)                                  // up to 4 partitions at once, each in order
 *    .validate(true)                                  // check data against the schema first
 *    .retry(RetryPolicy.attempts(5))                  // then dead-letter
 *    .deadLetterStream("billing.dead-letter")         // instead of the application's default
 *    .autoOffsetReset(Subscription.OffsetReset.LATEST) // a new group starts at the end
 *    .maxPollRecords(200);                            // this consumer only
 * }</pre>
 *
 * <p>Options are read when the application starts its subscriptions ({@code initialize()}); changing them
 * afterwards throws {@link IllegalStateException}. Each subscription has its own consumer and consumer group
 * membership; its consumer takes the application's {@code kafkaSettings} with this subscription's
 * {@link #kafkaSettings(Map)} on top.
 *
 * <p>Over 400 lines because it is the reference of every option a subscription has: each is a checked setter and a
 * getter, with the Javadoc a user reads when choosing it.
 */
public final class Subscription {
    /**
     * What a typed subscription does with a record of a newer version of its schema than its handlers take (a
     * producer upgraded before its consumers).
     */
    public enum NewerVersion {
        /**
         * Stop the subscription without committing the record (the default): the health check names the version
         * to deploy a handler for, a worker exits non-zero, and the record waits, in order, for a consumer that
         * handles it. Nothing is lost and nothing needs replaying; every group that is behind stops instead of
         * filling the dead-letter stream with records that are not faulty.
         */
        STOP,
        /** Dead-letter the record at once, as any record the handler cannot take; replay it after the upgrade. */
        DEAD_LETTER,
        /** Skip and commit the record, counting it in {@link SubscriptionStats#skippedNewer()}. */
        SKIP
    }

    /**
     * Where a group with no committed offset for a partition starts reading it (Kafka's {@code auto.offset.reset}).
     * kafkaesk's default is {@link #EARLIEST}, so a new group sees the records already in the stream.
     */
    public enum OffsetReset {
        /** From the oldest record the partition still holds. */
        EARLIEST,
        /** From the end: only records published after the group first joined. */
        LATEST,
        /** Nowhere: the consumer fails, for groups that must never start without committed offsets. */
        NONE;

        /** The value of Kafka's {@code auto.offset.reset}. */
        public String kafkaValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final List<String> streams;
    private final boolean topicList;
    private final String group;
    /** True when no group was given and it is the handler's class name. */
    private final boolean groupFromClassName;
    private final MessageHandler handler;
    private final SubscriptionCounters counters = new SubscriptionCounters();
    private volatile int concurrency = 1;
    private volatile boolean validate;
    private volatile RetryPolicy retryPolicy = RetryPolicy.defaults();
    private volatile @Nullable String deadLetterStream;
    private volatile NewerVersion newerVersion = NewerVersion.STOP;
    private volatile @Nullable Duration revocationTimeout;
    private volatile @Nullable Duration shutdownTimeout;
    private volatile Map<String, Object> kafkaSettings = Map.of();
    private volatile int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    private volatile boolean frozen;

    /** The default of {@link #maxBatchSize(int)}: Kafka's default {@code max.poll.records}. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 500;

    Subscription(List<String> streams, boolean topicList, String group, boolean groupFromClassName,
            MessageHandler handler) {
        this.streams = List.copyOf(streams);
        this.topicList = topicList;
        this.group = group;
        this.groupFromClassName = groupFromClassName;
        this.handler = handler;
    }

    /**
     * What the subscription consumes, as given: one stream glob or exact stream for {@code subscribe}, the
     * streams of {@code subscribeToTopics}. The application's topic prefix is prepended to each.
     */
    public List<String> streams() {
        return streams;
    }

    /** True when this subscription names exact streams ({@code subscribeToTopics}, or a stream without wildcards). */
    public boolean exactStreams() {
        return topicList || streams.stream().noneMatch(TopicGlob::isGlob);
    }

    /** The consumer group. */
    public String group() {
        return group;
    }

    /** True when no group was given, so the group is the handler's class name (renaming the class changes it). */
    boolean groupFromClassName() {
        return groupFromClassName;
    }

    /** The handler. */
    public MessageHandler handler() {
        return handler;
    }

    /**
     * Processes up to {@code n} partitions in parallel, each on its own worker, never two records of one
     * partition at once. Default 1.
     *
     * @throws IllegalArgumentException when {@code n} is below 1
     */
    public Subscription concurrency(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Invalid concurrency " + n + " for group " + group
                    + ": it must be 1 or more");
        }
        checkNotStarted();
        this.concurrency = n;
        return this;
    }

    /** The number of partitions processed in parallel. */
    public int concurrency() {
        return concurrency;
    }

    /**
     * Whether consumed data is checked against its JSON schema before the handler runs; a record that fails is
     * dead-lettered with the violations. A typed handler's data is checked against the handler's schema, that of
     * {@link MessageHandler#versions} against the schema of the version the record names, other kinds against
     * the registered schema the envelope names (a record naming no registered schema is then dead-lettered).
     * Default false: the producer validated it.
     */
    public Subscription validate(boolean validate) {
        checkNotStarted();
        this.validate = validate;
        return this;
    }

    /** Whether consumed data is validated. */
    public boolean validate() {
        return validate;
    }

    /** What happens when the handler throws; default {@link RetryPolicy#defaults()}. */
    public Subscription retry(RetryPolicy policy) {
        checkNotStarted();
        this.retryPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** The retry policy. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * The stream records are dead-lettered to (the topic prefix is prepended). Default: the application's
     * dead-letter stream, {@code kafkaesk.dead-letter} unless configured. Its name must end with
     * {@code dead-letter} or {@code dlq} (the whole name, or after {@code .}, {@code -} or {@code _}), so that no
     * glob subscription of any application reads it.
     *
     * @throws IllegalArgumentException when the name is not a valid topic name or does not follow that rule
     */
    public Subscription deadLetterStream(String stream) {
        Objects.requireNonNull(stream, "stream");
        DeadLetterNames.check(stream, "for group " + group);
        checkNotStarted();
        this.deadLetterStream = stream;
        return this;
    }

    /** The subscription's own dead-letter stream, if one was set. */
    public Optional<String> deadLetterStream() {
        return Optional.ofNullable(deadLetterStream);
    }

    /**
     * What happens to a record of a newer version of the handled schema than the handler takes; default
     * {@link NewerVersion#STOP}. Records of an older version, or of another schema, are always dead-lettered.
     */
    public Subscription onNewerVersion(NewerVersion policy) {
        Objects.requireNonNull(policy, "policy");
        checkNotStarted();
        this.newerVersion = policy;
        return this;
    }

    /** What happens to a record of a newer version; see {@link #onNewerVersion(NewerVersion)}. */
    public NewerVersion onNewerVersion() {
        return newerVersion;
    }

    /**
     * How long a revocation waits for the record in flight of a partition this member gives up, before the
     * partition is let go while the record still runs. Default: 90% of the consumer's {@code max.poll.interval.ms}
     * (270 s with Kafka's default), the time the group's rebalance waits for a member: within it, a partition is
     * never handed over while its record runs. Past it, the record is not committed (it is delivered again to the
     * partition's next owner, which may then run it while it still runs here), and it is counted in the metric
     * {@code kafkaesk.rebalances} with {@code event=overrun}.
     *
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public Subscription revocationTimeout(Duration timeout) {
        this.revocationTimeout = checkTimeout(timeout, "revocation");
        return this;
    }

    /** The revocation timeout, if one was set; see {@link #revocationTimeout(Duration)}. */
    public Optional<Duration> revocationTimeout() {
        return Optional.ofNullable(revocationTimeout);
    }

    /**
     * How long a stop (close, SIGTERM) waits for this subscription's records in flight before it commits what is
     * done and leaves the group; then the commit and leaving the group take at most 5 s each. Default: 90% of the
     * consumer's {@code max.poll.interval.ms}, as {@link #revocationTimeout(Duration)}, because the group keeps a
     * member's partitions only that long without a poll. A record still running past it is not committed and is
     * counted as an overrun, as for revocation.
     *
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public Subscription shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = checkTimeout(timeout, "shutdown");
        return this;
    }

    /** The shutdown timeout, if one was set; see {@link #shutdownTimeout(Duration)}. */
    public Optional<Duration> shutdownTimeout() {
        return Optional.ofNullable(shutdownTimeout);
    }

    private Duration checkTimeout(Duration timeout, String what) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("Invalid " + what + " timeout " + timeout + " for group " + group
                    + ": it must be 0 or more");
        }
        checkNotStarted();
        return timeout;
    }

    /**
     * Kafka consumer settings for this subscription's consumer only, on top of the application's
     * {@code kafkaSettings} (which every client takes): tuning such as {@code fetch.min.bytes},
     * {@code max.poll.interval.ms}, {@code session.timeout.ms}, or credentials of its own. Each call adds to the
     * settings of earlier calls; a key set again replaces its value. Values are checked as the consumer will read
     * them, now.
     *
     * <p>Refused, naming the key: what kafkaesk sets itself ({@code bootstrap.servers}: the application's servers;
     * {@code group.id}: the subscription's group; {@code key.deserializer}, {@code value.deserializer}: handlers
     * take bytes; {@code enable.auto.commit}: kafkaesk commits only what is done) and settings of the producer,
     * which this subscription does not own.
     *
     * @throws IllegalArgumentException naming the first refused key
     * @throws KafkaeskException naming a setting whose value Kafka would refuse
     */
    public Subscription kafkaSettings(Map<String, ?> settings) {
        Objects.requireNonNull(settings, "settings");
        Map<String, Object> merged = new LinkedHashMap<>(kafkaSettings);
        settings.forEach((key, value) -> {
            Objects.requireNonNull(key, "kafkaSettings key");
            Objects.requireNonNull(value, () -> "kafkaSettings value of " + key);
            ConsumerSettings.checkKey(key, "for the subscription of group " + group);
            merged.put(key, value);
        });
        KafkaConfigs.validate(merged);
        checkNotStarted();
        this.kafkaSettings = Map.copyOf(merged);
        return this;
    }

    /**
     * This subscription's own consumer settings, as set with {@link #kafkaSettings(Map)} and the typed options
     * ({@link #autoOffsetReset}, {@link #maxPollRecords}, {@link #groupInstanceId}), which set the same keys.
     */
    public Map<String, Object> kafkaSettings() {
        return kafkaSettings;
    }

    /**
     * Where this subscription's group starts reading a partition it has no committed offset for; default
     * {@link OffsetReset#EARLIEST}, or the application's {@code kafkaSettings}. Only a group's first start (or an
     * offset that expired) is concerned: after that, the group carries on from its committed offsets.
     */
    public Subscription autoOffsetReset(OffsetReset reset) {
        Objects.requireNonNull(reset, "reset");
        return kafkaSettings(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset.kafkaValue()));
    }

    /**
     * The most records one poll of this subscription's consumer returns ({@code max.poll.records}, Kafka's default
     * 500). The consumer keeps fetching while records wait for the handler, so this bounds a poll, not the records
     * held; for a {@link BatchHandler} see {@link #maxBatchSize(int)}.
     *
     * @throws IllegalArgumentException when {@code n} is below 1
     */
    public Subscription maxPollRecords(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Invalid maxPollRecords " + n + " for group " + group
                    + ": it must be 1 or more");
        }
        return kafkaSettings(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, n));
    }

    /**
     * Makes this subscription's consumer a static member of its group ({@code group.instance.id}): after a
     * restart within {@code session.timeout.ms} it gets its partitions back without a rebalance. The id must be
     * unique in the group and stable across restarts of this process (a pod name, a host name). It takes
     * precedence over the application's {@code instanceId}.
     *
     * @throws IllegalArgumentException when {@code id} is blank
     */
    public Subscription groupInstanceId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("Invalid group instance id '" + id + "' for group " + group
                    + ": it must not be blank");
        }
        return kafkaSettings(Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
    }

    /** The static member id this subscription set itself, if any; see {@link #groupInstanceId(String)}. */
    public Optional<String> groupInstanceId() {
        Object id = kafkaSettings.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        return Optional.ofNullable(id).map(Object::toString);
    }

    /**
     * The most records a {@link BatchHandler} receives in one call; default {@value #DEFAULT_MAX_BATCH_SIZE}. A
     * batch holds the records of one partition that were fetched and wait for the handler, so under a light load
     * batches are smaller; it never waits for more to arrive.
     *
     * @throws IllegalArgumentException when {@code n} is below 1
     * @throws IllegalStateException when the handler is not a {@link BatchHandler}
     */
    public Subscription maxBatchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Invalid maxBatchSize " + n + " for group " + group
                    + ": it must be 1 or more");
        }
        if (!(handler instanceof BatchHandler<?>)) {
            throw new IllegalStateException("maxBatchSize applies to a BatchHandler, but the subscription of group "
                    + group + " has a " + handlerKind(handler));
        }
        checkNotStarted();
        this.maxBatchSize = n;
        return this;
    }

    /** The most records a batch handler receives in one call. */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** What the subscription did with its records so far. */
    public SubscriptionStats stats() {
        return counters.snapshot();
    }

    SubscriptionCounters counters() {
        return counters;
    }

    /** Called when the application starts it: options are final from now on. */
    void freeze() {
        frozen = true;
    }

    private void checkNotStarted() {
        if (frozen) {
            throw new IllegalStateException("Subscription of group " + group + " to " + streams
                    + " is already running: set its options before the application initializes");
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + (exactStreams() ? "streams " : "pattern ") + String.join(", ", streams)
                + ", group " + group + ", " + handlerKind(handler) + "]";
    }

    static String handlerKind(MessageHandler handler) {
        if (handler instanceof TypedHandler<?> typed) {
            return "typed handler of " + typed.schema().key();
        }
        if (handler instanceof BatchHandler<?> batch) {
            return "batch handler of " + batch.schema().key();
        }
        if (handler instanceof VersionedHandler versioned) {
            return "typed handlers of " + String.join(", ", versioned.keys());
        }
        if (handler instanceof EnvelopeHandler) {
            return "envelope handler";
        }
        if (handler instanceof BytesHandler) {
            return "bytes handler";
        }
        return "record handler";
    }
}
