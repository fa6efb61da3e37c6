package io.kafkaesk.internal.consumer;

import io.kafkaesk.Application;
import io.kafkaesk.EnvelopeHandler;
import io.kafkaesk.MessageHandler;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.SchemaValidationException;
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
import io.kafkaesk.internal.observe.Observers;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.JsonNode;

/**
 * Runs one subscription's handler on each record: decodes what the handler kind needs and validates when asked;
 * what becomes of the decoded record (attempts, retries, dead letters) is {@link RecordAttempts}'.
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
 */
public final class SubscriptionProcessor implements RecordProcessor {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionProcessor.class);
    private static final Set<String> TEXT_HEADERS = Set.of("traceparent", "tracestate");

    /** Finds the validator of a registered schema by its key. */
    @FunctionalInterface
    public interface Validators {
        /** The validator of the schema registered under {@code schemaKey}, or null when none is. */
        @Nullable SchemaValidator forKey(String schemaKey);
    }

    private final String group;
    private final MessageHandler handler;
    private final RecordAttempts attempts;
    private final boolean validate;
    /** For one typed handler without validation: reads its data class straight from the record bytes. */
    private final @Nullable ObjectReader directReader;
    /** For one typed handler with validation and a generated validator: strict binding, then that validator. */
    private final @Nullable CheckedTypedDecoder checkedDecoder;
    /**
     * Readers that bind a data class straight from the bytes, one per class. Held by the subscription, not in a
     * {@code ClassValue}: a schema's data class may be a JDK class ({@code Map}), which would then hold kafkaesk's
     * reader, and with it kafkaesk's class loader, for as long as the JVM runs.
     */
    private final Map<Class<?>, ObjectReader> exactReaders = new ConcurrentHashMap<>();
    private final Validators validators;

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
        this.group = group;
        this.handler = handler;
        this.validate = validate;
        this.validators = validators;
        this.attempts = new RecordAttempts(application, group, handler, policy, deadLetterTopic, deadLetters,
                counters, newerVersion);
        this.directReader = !validate && handler instanceof TypedHandler<?> typed
                ? exactReader(typed.schema().dataClass()) : null;
        this.checkedDecoder = CheckedTypedDecoder.of(handler, validate);
    }

    /** Sets the metrics and tracing hooks; before the engine starts. (observe) */
    public void observe(Observers observers) {
        attempts.observe(observers);
    }

    /** What becomes of the decoded records: the handler's attempts, dead letters. */
    RecordAttempts attempts() {
        return attempts;
    }

    @Override
    public Outcome process(ConsumerRecord<byte[], byte[]> record, PartitionControl control) {
        Prepared prepared = prepare(record, control);
        Decoded decoded = prepared.decoded();
        return decoded == null ? prepared.requireOutcome() : attempts.handle(record, decoded, control);
    }

    /**
     * Checks and decodes a record for the handler. A record that cannot be handled is dealt with here: dead-lettered
     * (0 attempts), or per {@link Subscription.NewerVersion} when it is of a newer version; its outcome is returned
     * instead of the decoded record.
     */
    Prepared prepare(ConsumerRecord<byte[], byte[]> record, PartitionControl control) {
        try {
            checkTextHeaders(record);
            return new Prepared(decode(record), null);
        } catch (NewerVersionException e) {
            return new Prepared(null, attempts.newerVersion(record, e.undecodable, control));
        } catch (UndecodableRecordException | SchemaValidationException e) {
            log.warn("Group {}: record {}-{}@{} cannot be handled and is dead-lettered to {}: {}", group,
                    record.topic(), record.partition(), record.offset(), attempts.deadLetterTopic(), e.getMessage());
            return new Prepared(null, attempts.deadLetter(record, 0, e, control));
        }
    }

    /** A decoded record, or what became of a record that cannot be handled. */
    record Prepared(@Nullable Decoded decoded, @Nullable Outcome outcome) {
        Outcome requireOutcome() {
            if (outcome == null) {
                throw new IllegalStateException("no outcome");
            }
            return outcome;
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

    /** The reader that binds {@code dataClass} from the data's bytes, followed by the rest of the envelope. */
    private ObjectReader exactReader(Class<?> dataClass) {
        return exactReaders.computeIfAbsent(dataClass,
                c -> Json.mapper().readerFor(c).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
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
        Object direct = bindDirectly(value, typed, exactReader(dataClass));
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
    record Decoded(@Nullable String schemaKey, @Nullable TypedHandler<?> typed, @Nullable Object data,
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
}
