package io.kafkaesk.test;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A topic name prefix that belongs to one test, so tests sharing a cluster never see each other's topics.
 *
 * <p>{@link KafkaeskTest} injects one per test method (all {@code TopicPrefix} parameters of one test, including
 * those of its {@code @BeforeEach} methods, get the same value); pass {@link #value()} to
 * {@code Application.builder().topicPrefix(...)} or build names with {@link #topic(String)}.
 *
 * <p>Values look like {@code t-3f9c2a71d4-}: 40 random bits, never repeated within one JVM, and made only of
 * characters that are legal in topic names.
 */
public final class TopicPrefix {
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private final String value;

    private TopicPrefix(String value) {
        this.value = value;
    }

    /** A new prefix, different from every other prefix this method has returned in this JVM. */
    public static TopicPrefix random() {
        while (true) {
            long bits = ThreadLocalRandom.current().nextLong() & 0xff_ffff_ffffL;
            String value = String.format(Locale.ROOT, "t-%010x-", bits);
            if (ISSUED.add(value)) {
                return new TopicPrefix(value);
            }
        }
    }

    /**
     * A prefix with the given value.
     *
     * @throws IllegalArgumentException if the value is empty or has characters not allowed in topic names
     */
    public static TopicPrefix of(String value) {
        Objects.requireNonNull(value, "value");
        if (!LEGAL.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid topic prefix '" + value
                    + "': use one or more of the characters a-z, A-Z, 0-9, '.', '_' and '-'");
        }
        return new TopicPrefix(value);
    }

    /** The prefix itself, e.g. {@code t-3f9c2a71d4-}. */
    public String value() {
        return value;
    }

    /** The full name of a topic under this prefix: {@code value() + name}. */
    public String topic(String name) {
        return value + name;
    }

    /** Whether the topic's name starts with this prefix. */
    public boolean owns(String topic) {
        return topic.startsWith(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicPrefix that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The same as {@link #value()}. */
    @Override
    public String toString() {
        return value;
    }
}
