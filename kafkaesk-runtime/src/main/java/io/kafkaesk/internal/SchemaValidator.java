package io.kafkaesk.internal;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.DefaultDialectRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import com.networknt.schema.format.Formats;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.RegularExpression;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.SchemaValidationException;
import io.kafkaesk.SchemaValidationException.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A {@link MessageSchema}'s JSON Schema document, compiled once, ready to validate data nodes.
 *
 * <p>The dialect is the document's {@code $schema} (draft-07 and 2020-12 are what kafkaesk schema files use),
 * draft 2020-12 when it names none. {@code format} is asserted (2020-12 would otherwise treat it as an
 * annotation only), so a {@code "format": "date-time"} string that is not a timestamp fails. Locations are
 * JSON paths ({@code $} for the data itself, {@code $.lines[0].qty} inside it); messages are in English whatever
 * the default locale.
 *
 * <p>Published data is decided by the validator generated from the schema file ({@link
 * io.kafkaesk.MessageSchema#validator()}); this one lists the violations of data found invalid, validates data of
 * schemas without a generated validator, and validates consumed JSON. The generated validators use its
 * {@code format} and {@code pattern} implementations ({@link #format(String)}, {@link #regex(String)}), so both
 * read those keywords the same way.
 *
 * <p>Thread-safe: one instance validates from any number of threads.
 */
public final class SchemaValidator {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .pathType(PathType.JSON_PATH)
                            .locale(Locale.ENGLISH)
                            .build())
                    .dialectRegistry(new DefaultDialectRegistry(List.of(
                            quiet(Dialects.getDraft4()), quiet(Dialects.getDraft6()), quiet(Dialects.getDraft7()),
                            quiet(Dialects.getDraft201909()), quiet(Dialects.getDraft202012())))));

    /** A schema compiled with the registry's settings: its context configures formats and regular expressions. */
    private static final Schema EMPTY = REGISTRY.getSchema("{}", InputFormat.JSON);
    private static final SchemaContext CONTEXT = EMPTY.getSchemaContext();
    private static final Map<String, Format> FORMATS = formats();

    private final String schemaKey;
    private final Schema schema;

    /**
     * A dialect that reads keywords it does not know ({@code x-kafkaesk}, jsonschema2pojo's {@code javaType}, ...)
     * as annotations without a warning: the JSON Schema specifications say to ignore them, and networknt would
     * otherwise log one for every schema compiled.
     */
    private static Dialect quiet(Dialect dialect) {
        return Dialect.builder(dialect).unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
                .build();
    }

    private SchemaValidator(String schemaKey, Schema schema) {
        this.schemaKey = schemaKey;
        this.schema = schema;
    }

    private static Map<String, Format> formats() {
        Map<String, Format> formats = new HashMap<>();
        for (Format f : Formats.DEFAULT) {
            formats.put(f.getName(), f);
        }
        return Map.copyOf(formats);
    }

    /** The regular expression networknt compiles for a {@code pattern} under kafkaesk's settings. */
    public static RegularExpression regex(String pattern) {
        return RegularExpression.compile(pattern, CONTEXT);
    }

    /** networknt's implementation of a {@code format}, null when it knows none by that name. */
    public static @Nullable Format format(String name) {
        return FORMATS.get(name);
    }

    /** An execution context per thread for format checks, which read only its settings. */
    private static final ThreadLocal<ExecutionContext> EXECUTION = ThreadLocal.withInitial(EMPTY::createExecutionContext);

    /** Whether a string matches a format as networknt asserts it under kafkaesk's settings. */
    public static boolean matches(Format format, String value) {
        return format.matches(EXECUTION.get(), CONTEXT, value);
    }

    /**
     * Compiles a schema's JSON Schema document. Costly: do it once per schema and keep the result.
     *
     * @throws KafkaeskException when the document is not valid JSON or not a usable JSON Schema
     */
    public static SchemaValidator compile(MessageSchema<?> messageSchema) {
        try {
            Schema compiled = REGISTRY.getSchema(messageSchema.schemaJson(), InputFormat.JSON);
            compiled.initializeValidators();
            return new SchemaValidator(messageSchema.key(), compiled);
        } catch (SchemaException | JacksonException e) {
            throw new KafkaeskException("The JSON schema of " + messageSchema + " cannot be compiled: "
                    + e.getMessage(), e);
        }
    }

    /** The key of the schema this validator checks, {@code Id:version}. */
    public String schemaKey() {
        return schemaKey;
    }

    /**
     * Validates a data node.
     *
     * @return every violation, empty when the data conforms
     */
    public List<Violation> validate(JsonNode data) {
        List<Error> errors = schema.validate(data);
        if (errors.isEmpty()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>(errors.size());
        for (Error e : errors) {
            String keyword = e.getKeyword() == null ? "" : e.getKeyword();
            violations.add(new Violation(e.getInstanceLocation().toString(), keyword, e.getMessage()));
        }
        return violations;
    }

    /**
     * Validates a data node and throws when it does not conform.
     *
     * @throws SchemaValidationException listing every violation
     */
    public void validateOrThrow(JsonNode data) {
        List<Violation> violations = validate(data);
        if (!violations.isEmpty()) {
            throw new SchemaValidationException(schemaKey, violations);
        }
    }
}
