package io.kafkaesk.internal.consumer;

import io.kafkaesk.MessageHandler;
import io.kafkaesk.SchemaChecks;
import io.kafkaesk.TypedHandler;
import io.kafkaesk.internal.IsoDates;
import io.kafkaesk.internal.Json;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Decodes the records of a typed subscription with {@code validate(true)} whose schema has a generated validator:
 * binds the envelope's data to the data class strictly, in one pass over the bytes, and asks the generated
 * validator about the bound object. Valid data goes to the handler with nothing else run.
 *
 * <p>Strict binding keeps the bound object an exact image of the JSON, so that the validator's verdict on the object
 * is the verdict on the record: a property the class does not have (a closed schema's data class has no place for
 * unknown properties), an explicit {@code null}, a value of another JSON type ({@code 12} for a string,
 * {@code "12"} for a number, {@code 1.5} for an integer) and a date-time, date or UUID not written exactly as
 * kafkaesk writes it ({@code +00:00} for {@code Z}, upper-case hex) do not bind. A record that does not bind
 * strictly, or that the generated validator refuses, goes the thorough way: the JSON Schema validator decides on
 * the JSON and lists the violations, which dead-letters it, or finds it valid, and it is bound as usual (so a
 * Python writer's {@code +00:00} is delivered, only slower).
 *
 * <p>Chosen once per subscription ({@link #of}); thread-safe.
 */
public final class CheckedTypedDecoder {
    /** kafkaesk's mapper, binding strictly (see the class comment). */
    private static final JsonMapper STRICT = Json.mapper().rebuild()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addModule(new SimpleModule("kafkaesk-strict-texts")
                    .addDeserializer(OffsetDateTime.class,
                            new Canonical<>(OffsetDateTime.class, CheckedTypedDecoder::dateTime))
                    .addDeserializer(LocalDate.class, new Canonical<>(LocalDate.class, CheckedTypedDecoder::date))
                    .addDeserializer(UUID.class, new Canonical<>(UUID.class, UUID::fromString)))
            .build();

    private final TypedHandler<?> handler;
    private final String schemaKey;
    private final ObjectReader reader;
    private final Predicate<Object> validator;

    @SuppressWarnings("unchecked")
    private CheckedTypedDecoder(TypedHandler<?> handler, Predicate<?> validator) {
        this.handler = handler;
        this.schemaKey = handler.schema().key();
        // The data is followed by the rest of the envelope, so trailing tokens are expected here.
        this.reader = STRICT.readerFor(handler.schema().dataClass())
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.validator = (Predicate<Object>) validator;
    }

    /**
     * The decoder of a subscription, or null when its records are decoded the thorough way only: a handler other
     * than a {@link TypedHandler}, no validation asked, or a schema without a generated validator.
     */
    public static @Nullable CheckedTypedDecoder of(MessageHandler handler, boolean validate) {
        if (!validate || !(handler instanceof TypedHandler<?> typed)) {
            return null;
        }
        return typed.schema().validator().<CheckedTypedDecoder>map(v -> new CheckedTypedDecoder(typed, v))
                .orElse(null);
    }

    /** The handler the decoded data goes to. */
    public TypedHandler<?> handler() {
        return handler;
    }

    /** The schema key of the records this decoder decodes. */
    public String schemaKey() {
        return schemaKey;
    }

    /**
     * The data of a record, bound strictly and found valid by the generated validator; null for any other record
     * (another key, a non-canonical or malformed envelope, data that does not bind strictly or is refused), which
     * the caller then decodes the thorough way, finding and naming the problem.
     */
    public @Nullable Object decode(byte @Nullable [] value) {
        Object data = canonicalData(value, schemaKey, p -> {
            NullSpotter spotter = new NullSpotter(p);
            Object bound = reader.readValue(spotter);
            return spotter.sawNull ? null : bound; // a null binds as an absent value: the JSON Schema validator decides
        });
        if (data == null) {
            return null;
        }
        try {
            return validator.test(data) ? data : null;
        } catch (RuntimeException e) {
            return null; // the JSON Schema validator decides, and says what is wrong
        }
    }

    /** A date-time read from its text: the common form without java.time's parser, any other with it. */
    private static OffsetDateTime dateTime(String text) {
        OffsetDateTime common = IsoDates.parse(text);
        return common != null ? common : OffsetDateTime.parse(text);
    }

    /** A date read from its text: {@code yyyy-MM-dd} without java.time's parser, any other text with it. */
    private static LocalDate date(String text) {
        LocalDate common = IsoDates.parseDate(text);
        return common != null ? common : LocalDate.parse(text);
    }

    /** Binds the data of an envelope from the parser positioned at its start. */
    @FunctionalInterface
    interface DataBinder {
        /** The bound data, or null when it is not to be taken. */
        @Nullable Object bind(JsonParser p);
    }

    /**
     * The data of a well-formed envelope of {@code schemaKey}, bound in one pass over the bytes with no intermediate
     * tree: {@code schema} must come before {@code data}, as every kafkaesk writer puts it, and the data must be an
     * object. Null for anything else (another key, another key order, malformed JSON, data that does not bind), which
     * callers then decode the thorough way, finding and naming the problem.
     */
    static @Nullable Object canonicalData(byte @Nullable [] value, String schemaKey, DataBinder binder) {
        if (value == null) {
            return null;
        }
        boolean schemaMatched = false;
        Object data = null;
        try (JsonParser p = Json.mapper().createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("schema".equals(name)) {
                    if (v != JsonToken.VALUE_STRING || !schemaKey.equals(p.getString())) {
                        return null;
                    }
                    schemaMatched = true;
                } else if ("data".equals(name)) {
                    if (!schemaMatched || v != JsonToken.START_OBJECT || data != null) {
                        return null;
                    }
                    data = binder.bind(p);
                    if (data == null) {
                        return null;
                    }
                } else {
                    p.skipChildren();
                }
            }
            return p.nextToken() == null ? data : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Notes whether the data holds a {@code null} anywhere, which binding does not tell from an absent value. */
    private static final class NullSpotter extends JsonParserDelegate {
        private boolean sawNull;

        NullSpotter(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() {
            return spot(delegate.nextToken());
        }

        @Override
        public JsonToken nextValue() {
            return spot(delegate.nextValue());
        }

        private JsonToken spot(JsonToken t) {
            if (t == JsonToken.VALUE_NULL) {
                sawNull = true;
            }
            return t;
        }
    }

    /**
     * Binds a value kafkaesk writes as a string only from exactly the text kafkaesk's mapper writes for it, so that
     * a format the generated validator judges on the written text holds for the text received too.
     */
    private static final class Canonical<T> extends StdScalarDeserializer<T> {
        private final Function<String, T> parse;

        Canonical(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.reportInputMismatch(this, "expected a string for %s", handledType().getSimpleName());
            }
            String text = p.getString();
            T value;
            try {
                value = parse.apply(text);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return ctxt.reportInputMismatch(this, "not a %s: %s", handledType().getSimpleName(), e.getMessage());
            }
            if (!SchemaChecks.text(value).equals(text)) {
                return ctxt.reportInputMismatch(this, "%s not written as kafkaesk writes it",
                        handledType().getSimpleName());
            }
            return value;
        }
    }
}
