package io.kafkaesk;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown when data does not conform to its schema's JSON Schema document. When publishing, it is thrown before
 * anything is sent: the record never reaches Kafka.
 *
 * <p>{@link #violations()} lists every failing location, not just the first:
 *
 * <pre>
 * Data for schema Content:1 does not match its JSON schema (2 violations):
 *   $.id: required: required property 'id' not found
 *   $.size: minimum: must have a minimum value of 0
 * </pre>
 */
public class SchemaValidationException extends KafkaeskException {
    private static final long serialVersionUID = 1L;

    /** The key of the schema the data failed. */
    private final String schemaKey;
    /** Every violation found. */
    private final List<Violation> violations;

    /**
     * Creates the exception.
     *
     * @param schemaKey the key of the schema the data was validated against, {@code Id:version}
     * @param violations every violation found; not empty
     */
    public SchemaValidationException(String schemaKey, List<Violation> violations) {
        super(message(schemaKey, violations));
        this.schemaKey = schemaKey;
        this.violations = List.copyOf(violations);
    }

    /** The key of the schema the data was validated against, {@code Id:version}. */
    public String schemaKey() {
        return schemaKey;
    }

    /** Every violation, in the validator's order. */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(String schemaKey, List<Violation> violations) {
        return "Data for schema " + schemaKey + " does not match its JSON schema (" + violations.size()
                + (violations.size() == 1 ? " violation" : " violations") + "):"
                + violations.stream().map(v -> "\n  " + v).collect(Collectors.joining());
    }

    /**
     * One failed rule.
     *
     * @param path where in the data it failed, as a JSON path: {@code $} is the data itself, {@code $.lines[0].qty}
     *     a nested value
     * @param keyword the JSON Schema keyword that failed, such as {@code required}, {@code type} or {@code format}
     * @param message what the validator says is wrong
     */
    public record Violation(String path, String keyword, String message) implements Serializable {
        /** Checks that no part is null. */
        public Violation {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(keyword, "keyword");
            Objects.requireNonNull(message, "message");
        }

        /** {@code path: keyword: message}. */
        @Override
        public String toString() {
            return path + ": " + keyword + ": " + message;
        }
    }
}
