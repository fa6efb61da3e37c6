package io.kafkaesk.codegen.internal;

import io.kafkaesk.codegen.SchemaError;
import io.kafkaesk.codegen.SchemaErrorsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects schema errors so that a run reports all of them at once. */
public final class Problems {
    private static final Comparator<SchemaError> ORDER = Comparator.comparing(SchemaError::file)
            .thenComparingInt(SchemaError::line)
            .thenComparingInt(SchemaError::column)
            .thenComparing(SchemaError::pointer)
            .thenComparing(e -> e.kind().id())
            .thenComparing(SchemaError::message);

    private final List<SchemaError> errors = new ArrayList<>();

    /** Records an error at {@code pointer} in {@code doc}, locating it by line and column. */
    public void add(SchemaError.Kind kind, SchemaDocument doc, String pointer, String message, String hint) {
        int[] at = doc.locate(pointer);
        errors.add(new SchemaError(kind, doc.file(), pointer, at[0], at[1], message, hint));
    }

    /** Records an error whose location is already known. */
    public void add(SchemaError error) {
        errors.add(error);
    }

    /** True when no error was recorded. */
    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws every recorded error, sorted by file and position, unless there is none. */
    public void throwIfAny() throws SchemaErrorsException {
        if (!errors.isEmpty()) {
            List<SchemaError> sorted = new ArrayList<>(errors);
            sorted.sort(ORDER);
            throw new SchemaErrorsException(sorted);
        }
    }
}
