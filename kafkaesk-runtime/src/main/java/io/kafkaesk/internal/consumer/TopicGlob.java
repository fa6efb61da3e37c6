package io.kafkaesk.internal.consumer;

import java.util.Collection;
import java.util.regex.Pattern;

/** Turns a subscription's stream glob into the regular expression a consumer subscribes with. */
public final class TopicGlob {
    private TopicGlob() {}

    /** True when {@code stream} is a glob (contains {@code *}) rather than one exact stream name. */
    public static boolean isGlob(String stream) {
        return stream.indexOf('*') >= 0;
    }

    /**
     * The pattern for topics {@code prefix + glob}, where {@code *} matches any characters, dots included, and
     * everything else matches itself; topics in {@code excluded} never match (the dead-letter topics, so that a
     * wide glob never consumes the records it dead-letters).
     */
    public static Pattern toPattern(String prefix, String glob, Collection<String> excluded) {
        StringBuilder regex = new StringBuilder();
        if (!excluded.isEmpty()) {
            regex.append("(?!(?:");
            boolean first = true;
            for (String topic : excluded) {
                if (!first) {
                    regex.append('|');
                }
                first = false;
                regex.append(Pattern.quote(topic));
            }
            regex.append(")$)");
        }
        regex.append(Pattern.quote(prefix));
        int start = 0;
        for (int i = glob.indexOf('*'); i >= 0; i = glob.indexOf('*', start)) {
            if (i > start) {
                regex.append(Pattern.quote(glob.substring(start, i)));
            }
            regex.append(".*");
            start = i + 1;
        }
        if (start < glob.length()) {
            regex.append(Pattern.quote(glob.substring(start)));
        }
        return Pattern.compile(regex.toString());
    }
}
