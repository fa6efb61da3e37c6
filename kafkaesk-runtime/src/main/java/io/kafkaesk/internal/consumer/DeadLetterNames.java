package io.kafkaesk.internal.consumer;

import java.util.regex.Pattern;

/**
 * The naming rule every dead-letter stream follows, and the glob exclusion built on it: a dead-letter stream's name
 * ends with {@code dead-letter} or {@code dlq}, as the whole name or after a {@code .}, {@code -} or {@code _}
 * ({@code kafkaesk.dead-letter}, {@code billing.dlq}, {@code billing-dead-letter}).
 *
 * <p>Because every kafkaesk application names its dead-letter streams this way, a glob subscription can leave out
 * the dead-letter topics of every application on the cluster, not only those its own application knows: a glob
 * never matches a topic that follows the rule, unless the glob itself ends with a name that follows it (such as
 * {@code *.dlq}), which is asking for dead letters on purpose.
 */
public final class DeadLetterNames {
    /** What a dead-letter stream's name ends with, as a regular expression over the whole name. */
    private static final Pattern RULE = Pattern.compile("(?:.*[._-])?(?:dead-letter|dlq)");
    /** The characters Kafka allows in a topic name. */
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    /** Kafka's longest topic name. */
    private static final int MAX_LENGTH = 249;
    /** The rule, in words, for messages. */
    public static final String RULE_TEXT = "a dead-letter stream's name ends with 'dead-letter' or 'dlq' (the whole "
            + "name, or after '.', '-' or '_'), such as 'billing.dead-letter' or 'billing-dlq', so that no glob "
            + "subscription of any application reads it";

    private DeadLetterNames() {}

    /** True when {@code name} (a stream or topic name) follows the dead-letter naming rule. */
    public static boolean isDeadLetterName(String name) {
        return RULE.matcher(name).matches();
    }

    /**
     * Checks a dead-letter stream name where it is configured.
     *
     * @param where what is being configured, for the message (e.g. "for group billing")
     * @throws IllegalArgumentException naming the stream, what is wrong and what to do
     */
    public static void check(String stream, String where) {
        String problem = null;
        if (stream.isBlank()) {
            problem = "it is blank";
        } else if (stream.indexOf('*') >= 0) {
            problem = "give one stream name, without '*'";
        } else if (!LEGAL.matcher(stream).matches()) {
            problem = "a Kafka topic name takes only the letters a-z and A-Z, the digits 0-9, '.', '_' and '-'";
        } else if (stream.length() > MAX_LENGTH) {
            problem = "a Kafka topic name has at most " + MAX_LENGTH + " characters, this one has "
                    + stream.length();
        } else if (stream.equals(".") || stream.equals("..")) {
            problem = "'.' and '..' are not topic names";
        } else if (!isDeadLetterName(stream)) {
            problem = RULE_TEXT + "; rename it, e.g. '" + stream + ".dead-letter'";
        }
        if (problem != null) {
            throw new IllegalArgumentException("Invalid dead-letter stream '" + stream + "'"
                    + (where.isEmpty() ? "" : " " + where) + ": " + problem);
        }
    }

    /**
     * A glob subscription's pattern with every dead-letter topic left out, unless the glob itself ends with a
     * dead-letter name (the text after its last {@code *}).
     *
     * @param glob the subscription's stream glob, as given
     * @param pattern the pattern the glob was turned into
     */
    public static Pattern excludeDeadLetters(String glob, Pattern pattern) {
        String tail = glob.substring(glob.lastIndexOf('*') + 1);
        if (!tail.isEmpty() && isDeadLetterName(tail)) {
            return pattern;
        }
        // The glob's own flags are kept, so this works whatever pattern the glob was turned into.
        return Pattern.compile("(?!" + RULE.pattern() + "$)(?:" + pattern.pattern() + ")", pattern.flags());
    }
}
