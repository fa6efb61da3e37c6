package io.kafkaesk.codegen;

import java.util.List;
import java.util.stream.Collectors;

/** The schema files have problems; {@link #errors()} lists every one found, in file order. */
public final class SchemaErrorsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Not serialized: the exception travels within one build. */
    private final transient List<SchemaError> errors;

    /** Creates the exception; the message lists every error. */
    public SchemaErrorsException(List<SchemaError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
    }

    /** Every error, sorted by file, line and id. */
    public List<SchemaError> errors() {
        return errors;
    }

    private static String format(List<SchemaError> errors) {
        String header = errors.size() == 1 ? "1 schema error" : errors.size() + " schema errors";
        return errors.stream()
                .map(SchemaError::toString)
                .collect(Collectors.joining(System.lineSeparator(), header + ":" + System.lineSeparator(), ""));
    }
}
