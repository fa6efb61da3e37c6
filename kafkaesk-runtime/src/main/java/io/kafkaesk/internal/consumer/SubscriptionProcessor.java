package io.kafkaesk.internal.consumer;

import io.kafkaesk.Application;
import io.kafkaesk.BytesHandler;
import io.kafkaesk.EnvelopeHandler;
import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageHandler;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.PublishHeaders;
import io.kafkaesk.RecordHandler;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.StopConsumer;
import io.kafkaesk.Subscription;
import io.kafkaesk.TypedHandler;
import io.kafkaesk.UnhandledMessage;
import io.kafkaesk.VersionedHandler;
import io.kafkaesk.internal.BindErrors;
import io.kafkaesk.internal.Envelope;
import io.kafkaesk.internal.EnvelopeCodec;
import io.kafkaesk.internal.EnvelopeException;
import io.kafkaesk.internal.Json;
import io.kafkaesk.internal.SchemaValidator;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.JsonNode;

/**
 * Runs one subscription's handler on each record: decodes what the handler kind needs, validates when asked,
 * calls the handler with retries, and dead-letters what cannot be handled.
 *
 * <p>For each record, in order:
 * <ol>
 *   <li>checks the headers kafkaesk reads (W3C {@code traceparent}, {@code tracestate}) are UTF-8 text;</li>
 *   <li>decodes: a typed handler needs an envelope of exactly its schema key whose data binds to its class (for
 *       {@link VersionedHandler}, of the key of one of its handlers, which is then the one called); an envelope
 *       handler needs an envelope; raw handlers need nothing. A failure is dead-lettered at once (0 attempts);</li>
 *   <li>validates the data when the subscription asks to; violations are dead-lettered at once;</li>
 *   <li>calls the handler: {@link UnhandledMessage} skips the record, {@link StopConsumer} stops the
 *       subscription, anything else is retried per the {@link RetryPolicy} and then dead-lettered or stops the
 *       subscription without committing.</li>
 * </ol>
 * A record counts as done when its handler returned and every publish the handler started through its
 * {@link MessageContext} is acknowledged; a failed publish fails the attempt like a throwing handler.
 * A dead letter must be acknowledged by the broker before the record counts as done; when it cannot be written
 * (bounded attempts) the subscription stops without committing the record.
 */
public final class SubscriptionProcessor implements RecordProcessor {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionProcessor.class);
    private static final Set<String> TEXT_HEADERS = Set.of("traceparent", "tracestate");
    private static final int DEAD_LETTER_ATTEMPTS = 3;
    /** How often a record waiting for its handler's publishes checks whether its partition was cancelled. */
    private static final Duration PUBLISH_POLL = Duration.ofMillis(100);

    /** Finds the validator of a registered schema by its key. */
    @FunctionalInterface
    public interface Validators {
        /** The validator of the schema registered under {@code schemaKey}, or null when none is. */
        @Nullable SchemaValidator forKey(String schemaKey);
    }

    private final Application application;
    private final String group;
    private final MessageHandler handler;
    private final boolean validate;
    /** For one typed handler without validation: reads its data class straight from the record bytes. */
    private final @Nullable ObjectReader directReader;
    /** For one typed handler with validation and a generated validator: strict binding, then that validator. */
    private final @Nullable CheckedTypedDecoder checkedDecoder;
    /** Readers that bind a data class straight from the bytes, one per class. */
    private static final ClassValue<ObjectReader> EXACT_READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> dataClass) {
            // The data is followed by the rest of the envelope, so trailing tokens are expected here.
            return Json.mapper().readerFor(dataClass).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        }
    };
    private final RetryPolicy policy;
    private final String deadLetterTopic;
    private final DeadLetterWriter deadLetters;
    private final SubscriptionCounters counters;
    private final Validators validators;
    private final Subscription.NewerVersion newerVersion;
    /** Per partition: how many records in a row failed every attempt the same way (the circuit breaker). */
    private final Map<TopicPartition, Streak> streaks = new ConcurrentHashMap<>();
    private io.kafkaesk.internal.observe.Observers observers = io.kafkaesk.internal.observe.Observers.NONE;

    /**
     * Creates the processor of one subscription.
     *
     * @param deadLetterTopic the full dead-letter topic name (prefix included)
     * @param validators the validators of the application's schemas (a typed handler's schema is registered
     *     when the subscription starts, so it is found here too)
     */
    public SubscriptionProcessor(Application application, String group, MessageHandler handler, boolean validate,
            RetryPolicy policy, String deadLetterTopic, DeadLetterWriter deadLetters, SubscriptionCounters counters,
            Validators validators, Subscription.NewerVersion newerVersion) {
        this.application = application;
        this.group = group;
        this.handler = handler;
        this.validate = validate;
        this.policy = policy;
        this.deadLetterTopic = deadLetterTopic;
        this.deadLetters = deadLetters;
        this.counters = counters;
        this.validators = validators;
        this.newerVersion = newerVersion;
        this.directReader = !validate && handler instanceof TypedHandler<?> typed
                ? EXACT_READERS.get(typed.schema().dataClass()) : null;
        this.checkedDecoder = CheckedTypedDecoder.of(handler, validate);
    }

    /** Sets the metrics and tracing hooks; before the engine starts. (observe) */
    public void observe(io.kafkaesk.internal.observe.Observers observers) {
        this.observers = observers;
    }

    @Override
    public Outcome process(ConsumerRecord<byte[], byte[]> record, PartitionControl control) {
        Decoded decoded;
        try {
            checkTextHeaders(record);
            decoded = decode(record);
        } catch (NewerVersionException e) {
            return newerVersion(record, e.undecodable, control);
        } catch (UndecodableRecordException | io.kafkaesk.SchemaValidationException e) {
            log.warn("Group {}: record {}-{}@{} cannot be handled and is dead-lettered to {}: {}", group,
                    record.topic(), record.partition(), record.offset(), deadLetterTopic, e.getMessage());
            return deadLetter(record, 0, e, control);
        }
        Throwable last = null;
        int maxAttempts = policy.maxAttempts();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                if (!backoff(control, policy.backoffAfter(attempt - 1))) {
                    return Outcome.abandoned();
                }
                counters.retried.increment();
                observers.retried(record, group); // observe
            }
            Tried tried = tryOnce(record, decoded, attempt, control);
            if (tried.outcome() != null) {
                return tried.outcome();
            }
            Throwable e = tried.requireFailure();
            last = e;
            log.warn("Group {}: handler failed on record {}-{}@{} (attempt {} of {})", group, record.topic(),
                    record.partition(), record.offset(), attempt, maxAttempts, e);
            if (policy.classify(e) == RetryPolicy.Failure.DEAD_LETTER) {
                return deadLetter(record, attempt, e, control);
            }
        }
        Throwable failure = last == null ? new IllegalStateException("no attempt ran") : last;
        if (policy.exhausted() == RetryPolicy.Exhausted.STOP) {
            observers.consumed(record, group, failure); // observe
            return Outcome.fail(failure);
        }
        if (circuitOpens(record, failure)) {
            return holdWhileOpen(record, decoded, failure, maxAttempts, control);
        }
        return deadLetter(record, maxAttempts, failure, control);
    }

    /**
     * Runs the handler once. The outcome is set when the record is done with: handled, skipped, a stop request,
     * given up (revoked), or a failure that stops the subscription ({@link RetryPolicy.Failure#STOP}); else the
     * failure is set, to be retried or dead-lettered.
     */
    private Tried tryOnce(ConsumerRecord<byte[], byte[]> record, Decoded decoded, int attempt,
            PartitionControl control) {
        Context context = new Context(record, decoded.schemaKey, attempt, control);
        try {
            observers.handle(record, group, attempt, () -> invoke(decoded, context)); // observe
            if (!context.awaitPublishes()) {
                return new Tried(Outcome.abandoned(), null);
            }
            counters.handled.increment();
            observers.consumed(record, group, null); // observe
            streaks.remove(partition(record));
            return new Tried(Outcome.done(), null);
        } catch (UnhandledMessage e) {
            // Skipped is done too: only once what the handler published before skipping is acknowledged.
            try {
                if (!context.awaitPublishes()) {
                    return new Tried(Outcome.abandoned(), null);
                }
            } catch (PublishFailedException | InterruptedException failed) {
                Thread.interrupted();
                return new Tried(null, failed);
            }
            streaks.remove(partition(record));
            counters.unhandled.increment();
            observers.consumed(record, group, e); // observe
            log.info("Group {}: record {}-{}@{} skipped as unhandled: {}", group, record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return new Tried(Outcome.done(), null);
        } catch (StopConsumer e) {
            return new Tried(Outcome.stop(), null);
        } catch (Throwable e) {
            if (control.cancelled()) {
                // Revoked or stopping while the handler ran (perhaps interrupted by the shutdown): the record
                // goes to the partition's next owner instead of being retried here.
                return new Tried(Outcome.abandoned(), null);
            }
            if (e instanceof InterruptedException) {
                Thread.interrupted(); // the handler's own interrupt: a failure like any other, retried
            }
            if (policy.classify(e) == RetryPolicy.Failure.STOP) {
                // Not the record's fault (a bad deploy, a broken dependency): dead-lettering would drain the
                // partition. The record stays uncommitted for a fixed consumer.
                observers.consumed(record, group, e); // observe
                return new Tried(Outcome.fail(e), null);
            }
            return new Tried(null, e);
        }
    }

    /**
     * Counts a record that failed every attempt; true when the policy's number of records of this partition in a
     * row have now failed with the same exception type.
     */
    private boolean circuitOpens(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        int limit = policy.circuitBreaker();
        if (limit == 0) {
            return false;
        }
        String type = failure.getClass().getName();
        Streak streak = streaks.merge(partition(record), new Streak(type, 1),
                (old, one) -> old.type.equals(type) ? new Streak(type, old.count + 1) : one);
        return streak.count >= limit;
    }

    /**
     * The open circuit: instead of dead-lettering this record too, the partition pauses on it (its later records
     * wait; the consumer keeps its partitions) and tries it again every {@link RetryPolicy#maxBackoff()}, until it
     * is handled (the circuit closes and the partition goes on), fails another way (then it is dead-lettered), or
     * the partition is revoked. Reported in the log and in {@link io.kafkaesk.SubscriptionStats#pausedPartitions()}.
     */
    private Outcome holdWhileOpen(ConsumerRecord<byte[], byte[]> record, Decoded decoded, Throwable failure,
            int attempts, PartitionControl control) {
        String type = failure.getClass().getName();
        log.error("Group {}: circuit breaker open on {}-{}: {} records in a row failed every attempt with {}; the "
                + "partition pauses on record @{} and tries it again every {} instead of dead-lettering its records "
                + "one by one (RetryPolicy.circuitBreaker)", group, record.topic(), record.partition(),
                policy.circuitBreaker(), type, record.offset(), policy.maxBackoff(), failure);
        counters.pausedPartitions.increment();
        try {
            for (int attempt = attempts + 1; ; attempt++) {
                if (!backoff(control, policy.maxBackoff())) {
                    return Outcome.abandoned();
                }
                Tried tried = tryOnce(record, decoded, attempt, control);
                if (tried.outcome() != null) {
                    log.info("Group {}: circuit breaker on {}-{} closed at record @{} ({})", group, record.topic(),
                            record.partition(), record.offset(), tried.outcome());
                    return tried.outcome();
                }
                Throwable e = tried.requireFailure();
                if (!e.getClass().getName().equals(type)) {
                    // This record now fails another way: the partition no longer fails as a whole.
                    streaks.remove(partition(record));
                    return deadLetter(record, attempt, e, control);
                }
            }
        } finally {
            counters.pausedPartitions.decrement();
        }
    }

    /** What {@link Subscription.NewerVersion} says to do with a record of a newer version. */
    private Outcome newerVersion(ConsumerRecord<byte[], byte[]> record, UndecodableRecordException e,
            PartitionControl control) {
        switch (newerVersion) {
            case SKIP -> {
                counters.skippedNewer.increment();
                log.warn("Group {}: record {}-{}@{} skipped: {}", group, record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return Outcome.done();
            }
            case DEAD_LETTER -> {
                log.warn("Group {}: record {}-{}@{} is dead-lettered to {}: {}", group, record.topic(),
                        record.partition(), record.offset(), deadLetterTopic, e.getMessage());
                return deadLetter(record, 0, e, control);
            }
            default -> {
                return Outcome.fail(new IllegalStateException("Record " + record.topic() + "-" + record.partition()
                        + "@" + record.offset() + " is of a newer version than this subscription handles, so it "
                        + "stops (Subscription.onNewerVersion) and the record waits for a consumer that handles it: "
                        + e.getMessage(), e));
            }
        }
    }

    private static TopicPartition partition(ConsumerRecord<byte[], byte[]> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** How many records of one partition in a row failed with one exception type. */
    private record Streak(String type, int count) {}

    /** What one handler call came to: an outcome, or a failure to retry or dead-letter. */
    private record Tried(@Nullable Outcome outcome, @Nullable Throwable failure) {
        Throwable requireFailure() {
            if (failure == null) {
                throw new IllegalStateException("no failure");
            }
            return failure;
        }
    }

    /** A record of a newer version of the handled schema id; carries the ordinary undecodable explanation. */
    private static final class NewerVersionException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient UndecodableRecordException undecodable;

        NewerVersionException(UndecodableRecordException undecodable) {
            super(undecodable.getMessage(), null, false, false);
            this.undecodable = undecodable;
        }
    }

    private Outcome deadLetter(ConsumerRecord<byte[], byte[]> record, int attempts, Throwable error,
            PartitionControl control) {
        Exception lastFailure = null;
        for (int attempt = 1; attempt <= DEAD_LETTER_ATTEMPTS; attempt++) {
            if (attempt > 1 && !backoff(control, policy.backoffAfter(attempt - 1))) {
                return Outcome.abandoned();
            }
            try {
                deadLetters.write(deadLetterTopic, record, group, attempts, error);
                counters.deadLettered.increment();
                observers.deadLettered(record, group, error); // observe
                observers.consumed(record, group, error); // observe
                return Outcome.done();
            } catch (Exception e) {
                if (control.cancelled()) {
                    return Outcome.abandoned();
                }
                if (e instanceof InterruptedException) {
                    Thread.interrupted();
                }
                lastFailure = e;
                log.warn("Group {}: dead-lettering record {}-{}@{} to {} failed (attempt {} of {})", group,
                        record.topic(), record.partition(), record.offset(), deadLetterTopic, attempt,
                        DEAD_LETTER_ATTEMPTS, e);
            }
        }
        IllegalStateException failure = new IllegalStateException("Record " + record.topic() + "-"
                + record.partition() + "@" + record.offset() + " could not be dead-lettered to " + deadLetterTopic
                + "; the subscription stops without committing it", lastFailure);
        failure.addSuppressed(error);
        return Outcome.fail(failure);
    }

    /**
     * Waits before the next attempt.
     *
     * @return false when the partition was cancelled: give the record up. An interrupt without cancellation is
     *     cleared and the wait ends early: the record must not be given up while its partition is still ours,
     *     or later records would overtake it.
     */
    private boolean backoff(PartitionControl control, Duration delay) {
        if (!control.sleep(delay)) {
            if (control.cancelled()) {
                return false;
            }
            Thread.interrupted();
        }
        return !control.cancelled();
    }

    @SuppressWarnings("unchecked")
    private void invoke(Decoded decoded, MessageContext context) throws Exception {
        ConsumerRecord<byte[], byte[]> record = context.record();
        TypedHandler<?> typed = decoded.typed();
        if (typed != null) {
            ((TypedHandler<Object>) typed).handle(decoded.requireData(), context);
        } else if (handler instanceof EnvelopeHandler envelopeHandler) {
            envelopeHandler.handle(decoded.requireEnvelope(), context);
        } else if (handler instanceof BytesHandler bytes) {
            bytes.handle(record.value(), context);
        } else {
            ((RecordHandler) handler).handle(record, context);
        }
    }

    private Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        Object checked = checkedDecoder == null ? null : checkedDecoder.decode(record.value());
        if (checked != null) {
            return new Decoded(checkedDecoder.schemaKey(), checkedDecoder.handler(), checked, null);
        }
        if (directReader != null) {
            Object data = bindDirectly(record.value(), (TypedHandler<?>) handler, directReader);
            if (data != null) {
                return new Decoded(((TypedHandler<?>) handler).schema().key(), (TypedHandler<?>) handler, data, null);
            }
            // Not the common, well-formed case: the path below finds out what is wrong, and says it.
        }
        if (handler instanceof TypedHandler<?> || handler instanceof VersionedHandler) {
            Envelope envelope = envelope(record.value());
            TypedHandler<?> typed = typedHandlerFor(envelope);
            if (validate) {
                validatorFor(typed.schema().key()).validateOrThrow(envelope.data());
            }
            Object data = bind(record.value(), envelope, typed);
            return new Decoded(envelope.schemaKey(), typed, data, null);
        }
        if (handler instanceof EnvelopeHandler) {
            JsonNode root = envelopeTree(record.value());
            String key = root.get("schema").asString();
            if (validate) {
                validatorFor(key).validateOrThrow(root.get("data"));
            }
            return new Decoded(key, null, null, root);
        }
        if (validate) {
            Envelope envelope = envelope(record.value());
            validatorFor(envelope.schemaKey()).validateOrThrow(envelope.data());
            return new Decoded(envelope.schemaKey(), null, null, null);
        }
        return new Decoded(null, null, null, null);
    }

    /**
     * The typed handler that takes exactly the envelope's schema key: a record of another version of the handled
     * id would bind to the wrong class (fields missing or ignored), so it is refused like one of another id.
     */
    private TypedHandler<?> typedHandlerFor(Envelope envelope) {
        String key = envelope.schemaKey();
        List<String> handled;
        String schemaId;
        String advice;
        if (handler instanceof VersionedHandler versioned) {
            TypedHandler<?> match = versioned.handlerFor(key);
            if (match != null) {
                return match;
            }
            handled = versioned.keys();
            schemaId = versioned.schemaId();
            advice = "add a handler for " + key + " to its MessageHandler.versions(...)";
        } else {
            TypedHandler<?> typed = (TypedHandler<?>) handler;
            if (typed.schema().key().equals(key)) {
                return typed;
            }
            handled = List.of(typed.schema().key());
            schemaId = typed.schema().id();
            advice = "subscribe a handler for each version with MessageHandler.versions(...) (or an EnvelopeHandler)";
        }
        if (!envelope.schemaId().equals(schemaId)) {
            advice = "records of schema id " + envelope.schemaId() + " need a subscription of their own (or an "
                    + "EnvelopeHandler, which takes any schema)";
        }
        UndecodableRecordException e = new UndecodableRecordException("Record has " + key + " but this "
                + "subscription of group " + group + " handles only " + String.join(", ", handled) + ": " + advice);
        if (envelope.schemaId().equals(schemaId) && isNewer(key, handled)) {
            throw new NewerVersionException(e);
        }
        throw e;
    }

    /** True when the version of {@code key} is above that of every handled key. */
    private static boolean isNewer(String key, List<String> handled) {
        long version = version(key);
        return version >= 0 && handled.stream().allMatch(h -> version(h) < version);
    }

    /** The version of a schema key {@code Id:version}, or -1 when it has none. */
    private static long version(String key) {
        try {
            return Long.parseLong(key.substring(key.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private SchemaValidator validatorFor(String schemaKey) {
        SchemaValidator v = validators.forKey(schemaKey);
        if (v == null) {
            throw new UndecodableRecordException("Record has schema " + schemaKey + ", which this application "
                    + "does not know, so group " + group + " cannot validate it: register the schema with "
                    + "app.schema(...) or subscribe without validate(true)");
        }
        return v;
    }

    private static Envelope envelope(byte @Nullable [] value) {
        try {
            return EnvelopeCodec.decode(value);
        } catch (EnvelopeException e) {
            throw new UndecodableRecordException(e.getMessage() + " [" + e.reason() + "]", e);
        }
    }

    /** The value as a JSON tree, when it is an envelope; else the codec's precise reason. */
    private static JsonNode envelopeTree(byte @Nullable [] value) {
        if (value != null && value.length > 0) {
            try {
                JsonNode root = Json.mapper().readTree(value);
                JsonNode schema = root == null ? null : root.get("schema");
                if (schema != null && schema.isString() && !schema.asString().isEmpty() && root.has("data")) {
                    return root;
                }
            } catch (JacksonException e) {
                // Reported precisely below.
            }
        }
        envelope(value); // throws, saying how the value fails to be an envelope
        throw new UndecodableRecordException("Record value is not a kafkaesk envelope");
    }

    /**
     * Binds the data of a well-formed envelope of the handler's schema key in one pass over the bytes, with no
     * intermediate tree: {@code schema} must come before {@code data}, as every kafkaesk writer puts it. Returns
     * null for anything else (another key, another key order, malformed JSON, data that does not bind), and the
     * caller then decodes the record the thorough way, which explains the problem.
     */
    private static @Nullable Object bindDirectly(byte @Nullable [] value, TypedHandler<?> typed, ObjectReader reader) {
        return CheckedTypedDecoder.canonicalData(value, typed.schema().key(), reader::readValue);
    }

    /**
     * Binds the data from the record's bytes when it can: the tree holds numbers as doubles, so binding from it
     * would cut a {@code BigDecimal} to a double's digits. The tree is the fallback, and says what does not bind.
     */
    private Object bind(byte @Nullable [] value, Envelope envelope, TypedHandler<?> typed) {
        Class<?> dataClass = typed.schema().dataClass();
        Object direct = bindDirectly(value, typed, EXACT_READERS.get(dataClass));
        if (direct != null) {
            return direct;
        }
        Object data;
        try {
            data = Json.mapper().treeToValue(envelope.data(), dataClass);
        } catch (JacksonException e) {
            throw new UndecodableRecordException("Data of schema " + envelope.schemaKey() + " does not bind to "
                    + dataClass.getName() + ": " + BindErrors.describe(e), e);
        }
        if (data == null) {
            throw new UndecodableRecordException("Data of schema " + envelope.schemaKey() + " is null, so it does "
                    + "not bind to " + dataClass.getName());
        }
        return data;
    }

    private static void checkTextHeaders(ConsumerRecord<byte[], byte[]> record) {
        for (Header h : record.headers()) {
            if (TEXT_HEADERS.contains(h.key()) && h.value() != null && !isUtf8(h.value())) {
                throw new UndecodableRecordException("Header '" + h.key() + "' is not UTF-8 text (" + h.value().length
                        + " bytes): W3C trace context headers must be text");
            }
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * What decoding produced; the schema key is null for raw handlers until asked for, the typed handler is the one
     * to call (null for the other kinds).
     */
    private record Decoded(@Nullable String schemaKey, @Nullable TypedHandler<?> typed, @Nullable Object data,
            @Nullable JsonNode envelope) {
        Object requireData() {
            if (data == null) {
                throw new IllegalStateException("no data decoded");
            }
            return data;
        }

        JsonNode requireEnvelope() {
            if (envelope == null) {
                throw new IllegalStateException("no envelope decoded");
            }
            return envelope;
        }
    }

    /** The context of one attempt. */
    private final class Context implements MessageContext {
        private final ConsumerRecord<byte[], byte[]> record;
        private @Nullable String schemaKey;
        private final int attempt;
        private final PartitionControl control;
        /** The publishes started through this context, in order; the record is done when all are acknowledged. */
        private final List<CompletableFuture<RecordMetadata>> publishes = new CopyOnWriteArrayList<>();

        Context(ConsumerRecord<byte[], byte[]> record, @Nullable String schemaKey, int attempt,
                PartitionControl control) {
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
}
