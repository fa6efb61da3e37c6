package io.kafkaesk.internal;

import java.math.BigInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;

/**
 * Says in plain words why a message's data did not bind to its Java class, for the dead-letter reason.
 *
 * <p>The case that needs words is a number the Java type cannot hold. Jackson never wraps around: it refuses a
 * value beyond the field's range with an {@link InputCoercionException}. Generated classes hold a JSON Schema
 * {@code integer} in a {@code Long} (64 bits, as Python, Go and Rust services write), so this happens only for
 * values beyond 64 bits, or for a property whose schema bounds or {@code javaType} chose a smaller type.
 */
public final class BindErrors {
    private static final String LONG_RANGE = Long.MIN_VALUE + " to " + Long.MAX_VALUE;

    private BindErrors() {}

    /** Why the data did not bind: the number, where it is (a JSON pointer into the data) and what to do. */
    public static String describe(JacksonException e) {
        if (e instanceof InputCoercionException coercion) {
            Class<?> target = coercion.getTargetType();
            String range = target == Long.TYPE || target == Long.class ? " (64 bits: " + LONG_RANGE + ")" : "";
            return "the number at " + pointer(e) + " does not fit the Java type " + name(target) + range
                    + ", and kafkaesk never lets a number overflow: " + e.getOriginalMessage() + ". If the schema"
                    + " is to allow such values, give that property \"javaType\": \"" + BigInteger.class.getName()
                    + "\" (integers) or \"java.math.BigDecimal\" (numbers)";
        }
        return e.getOriginalMessage();
    }

    /** The JSON pointer of the value Jackson was reading, {@code ""} for the data itself. */
    static String pointer(JacksonException e) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            String property = ref.getPropertyName();
            if (property != null) {
                pointer.append('/').append(property.replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                pointer.append('/').append(ref.getIndex());
            }
        }
        return pointer.length() == 0 ? "/" : pointer.toString();
    }

    private static String name(Class<?> type) {
        return type.isPrimitive() || type.getPackageName().equals("java.lang") ? type.getSimpleName() : type.getName();
    }
}
