package io.kafkaesk.internal;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.DefaultDialectRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.SchemaValidationException;
import io.kafkaesk.SchemaValidationException.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
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
 * <p>Data that conforms is usually recognized by a {@link FastCheck} compiled from the same document (a fraction
 * of the full validator's cost); everything else goes through networknt's validator, which decides and lists
 * every violation.
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

    private final String schemaKey;
    private final Schema schema;
    private final @Nullable FastCheck fastCheck;

    /**
     * A dialect that reads keywords it does not know ({@code x-kafkaesk}, jsonschema2pojo's {@code javaType}, ...)
     * as annotations without a warning: the JSON Schema specifications say to ignore them, and networknt would
     * otherwise log one for every schema compiled.
     */
    private static Dialect quiet(Dialect dialect) {
        return Dialect.builder(dialect).unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
                .build();
    }

    private SchemaValidator(String schemaKey, Schema schema, @Nullable FastCheck fastCheck) {
        this.schemaKey = schemaKey;
        this.schema = schema;
        this.fastCheck = fastCheck;
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
            // Decimals exactly as written: a bound or enum value read as a double could differ from the schema's.
            FastCheck fast = FastCheck.compile(Json.mapper().reader()
                    .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(messageSchema.schemaJson()));
            return new SchemaValidator(messageSchema.key(), compiled, fast);
        } catch (SchemaException | tools.jackson.core.JacksonException e) {
            throw new KafkaeskException("The JSON schema of " + messageSchema + " cannot be compiled: "
                    + e.getMessage(), e);
        }
    }

    /** The quick check compiled from the document, null when the document's dialect rules it out. */
    @Nullable FastCheck fastCheck() {
        return fastCheck;
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
        // Conforming data, the common case, is recognized by the quick check; the full validator decides the rest
        // and lists every violation.
        FastCheck fast = fastCheck;
        if (fast != null && fast.accepts(data)) {
            return List.of();
        }
        return validateFully(data);
    }

    /** Validates with the full validator only, without the quick check. */
    List<Violation> validateFully(JsonNode data) {
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
