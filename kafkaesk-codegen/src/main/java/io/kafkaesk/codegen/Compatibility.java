package io.kafkaesk.codegen;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a new version of a schema must relate to the versions before it; the names and meanings are those of
 * Confluent Schema Registry, checked at build time instead of at produce time.
 *
 * <ul>
 *   <li>{@link #BACKWARD}: consumers of the new version can read messages written with the previous one (old
 *       messages still on the stream), so consumers upgrade first;
 *   <li>{@link #FORWARD}: consumers of the previous version can read messages written with the new one, so
 *       producers upgrade first;
 *   <li>{@link #FULL}: both;
 *   <li>the {@code _TRANSITIVE} forms compare with every earlier version, not just the previous one;
 *   <li>{@link #NONE}: no check.
 * </ul>
 */
public enum Compatibility {
    /** New consumers read the previous version's messages. The default. */
    BACKWARD(true, false, false),
    /** New consumers read every earlier version's messages. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** Consumers of the previous version read the new version's messages. */
    FORWARD(false, true, false),
    /** Consumers of every earlier version read the new version's messages. */
    FORWARD_TRANSITIVE(false, true, true),
    /** Both {@link #BACKWARD} and {@link #FORWARD}. */
    FULL(true, true, false),
    /** Both, against every earlier version. */
    FULL_TRANSITIVE(true, true, true),
    /** No compatibility check. */
    NONE(false, false, false);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    Compatibility(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** True when new consumers must read older messages. */
    public boolean backward() {
        return backward;
    }

    /** True when older consumers must read new messages. */
    public boolean forward() {
        return forward;
    }

    /** True when a version is compared with every earlier version, not just the previous one. */
    public boolean transitive() {
        return transitive;
    }

    /**
     * The mode named {@code name}, ignoring case and accepting '-' for '_'.
     *
     * @throws IllegalArgumentException naming the accepted values when there is no such mode
     */
    public static Compatibility parse(String name) {
        String normal = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Compatibility c : values()) {
            if (c.name().equals(normal)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Invalid compatibility '" + name + "': use one of " + names());
    }

    /** Every mode's name, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
