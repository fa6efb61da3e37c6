package io.kafkaesk.codegen;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shape of the generated data classes: immutable values with a builder (the default), or mutable JavaBeans.
 *
 * <ul>
 *   <li>{@link #VALUES}: private fields, getters, {@code Order.builder()...build()} and {@code toBuilder()};
 *       required properties checked when the builder builds; JSpecify {@code @Nullable} on optional getters;
 *       lists and unknown properties returned read-only;
 *   <li>{@link #JAVABEANS}: a public no-argument constructor, setters, {@code withX} mutators and a constructor
 *       taking every property in order, as jsonschema2pojo writes them.
 * </ul>
 */
public enum DataClasses {
    /** Immutable values built with a builder. The default. */
    VALUES,
    /** Mutable JavaBeans with setters, for code that needs them (frameworks that bind by setter). */
    JAVABEANS;

    /** Parses a name as written in a POM or on the command line ({@code values}, {@code javabeans}). */
    public static DataClasses parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (DataClasses d : values()) {
            if (d.name().equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Invalid value '" + name + "' for dataClasses: use one of "
                + Arrays.stream(values()).map(d -> d.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }
}
