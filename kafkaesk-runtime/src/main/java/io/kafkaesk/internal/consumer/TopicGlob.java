package io.kafkaesk.internal.consumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a subscription's stream pattern into the regular expression a consumer subscribes with, matching topic
 * names exactly as Python's {@code fnmatch} does (Python kafkaesk subscribes with {@code fnmatch.translate}).
 *
 * <ul>
 *   <li>{@code *} matches any characters, dots included; {@code ?} matches one character;
 *   <li>{@code [seq]} matches one character of {@code seq}, {@code [!seq]} one character not in it; {@code a-z}
 *       inside is a range, a leading {@code ]} and a leading or trailing {@code -} are plain characters, a range
 *       whose end comes before its start matches nothing;
 *   <li>a {@code [} without a closing {@code ]} and every other character match themselves; matching is
 *       case-sensitive.
 * </ul>
 */
public final class TopicGlob {
    private TopicGlob() {}

    /**
     * True when {@code stream} is a pattern rather than one exact stream name: it contains {@code *}, {@code ?}
     * or {@code [}. None of them may appear in a Kafka topic name, so no exact name is ever read as a pattern.
     * (Python kafkaesk treats a stream id as a pattern only when it contains {@code *}; its other wildcards then
     * form a topic name Kafka refuses.)
     */
    public static boolean isGlob(String stream) {
        return stream.indexOf('*') >= 0 || stream.indexOf('?') >= 0 || stream.indexOf('[') >= 0;
    }

    /**
     * The pattern for topics {@code prefix + glob}: the prefix matches itself, the glob as fnmatch reads it; topics
     * in {@code excluded} never match (the dead-letter topics, so that a wide glob never consumes the records it
     * dead-letters).
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
        int[] p = glob.codePoints().toArray();
        int i = 0;
        while (i < p.length) {
            int c = p[i++];
            if (c == '*') {
                while (i < p.length && p[i] == '*') {
                    i++;
                }
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                int end = closingBracket(p, i);
                if (end < 0) {
                    literal(regex, c);
                } else {
                    set(regex, p, i, end);
                    i = end + 1;
                }
            } else {
                literal(regex, c);
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The index of the {@code ]} closing a set that starts at {@code from}, or -1 when there is none. */
    private static int closingBracket(int[] p, int from) {
        int j = from;
        if (j < p.length && p[j] == '!') {
            j++;
        }
        if (j < p.length && p[j] == ']') {
            j++; // a ']' first in the set is a plain character
        }
        while (j < p.length && p[j] != ']') {
            j++;
        }
        return j < p.length ? j : -1;
    }

    /**
     * Appends the set {@code p[from..end)} as a character class. Like fnmatch, the set is cut into chunks at the
     * hyphens that form ranges (never the first character, never right after a range's end); a range is the last
     * character of one chunk to the first of the next, every other character is itself, and a range whose end
     * comes before its start is dropped along with both of its ends.
     */
    private static void set(StringBuilder regex, int[] p, int from, int end) {
        List<List<Integer>> chunks = new ArrayList<>();
        int start = from;
        int k = p[from] == '!' ? from + 2 : from + 1;
        while (true) {
            int hyphen = -1;
            for (int j = k; j < end; j++) {
                if (p[j] == '-') {
                    hyphen = j;
                    break;
                }
            }
            if (hyphen < 0) {
                break;
            }
            chunks.add(codePoints(p, start, hyphen));
            start = hyphen + 1;
            k = hyphen + 3;
        }
        List<Integer> last = codePoints(p, start, end);
        if (!last.isEmpty()) {
            chunks.add(last);
        } else if (!chunks.isEmpty()) {
            chunks.get(chunks.size() - 1).add((int) '-'); // a trailing hyphen is a plain character
        }
        for (int c = chunks.size() - 1; c > 0; c--) {
            List<Integer> before = chunks.get(c - 1);
            List<Integer> after = chunks.get(c);
            if (!before.isEmpty() && !after.isEmpty() && before.get(before.size() - 1) > after.get(0)) {
                before.remove(before.size() - 1);
                before.addAll(after.subList(1, after.size()));
                chunks.remove(c);
            }
        }
        boolean negated = !chunks.isEmpty() && !chunks.get(0).isEmpty() && chunks.get(0).get(0) == '!';
        if (negated) {
            chunks.get(0).remove(0);
        }
        StringBuilder body = new StringBuilder();
        for (int c = 0; c < chunks.size(); c++) {
            if (c > 0) {
                body.append('-');
            }
            for (int cp : chunks.get(c)) {
                body.append(String.format("\\x{%x}", cp));
            }
        }
        if (body.length() == 0) {
            regex.append(negated ? "." : "(?!)"); // [!] of nothing is any character; [] of nothing is none
        } else {
            regex.append('[').append(negated ? "^" : "").append(body).append(']');
        }
    }

    private static List<Integer> codePoints(int[] p, int from, int to) {
        List<Integer> list = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            list.add(p[i]);
        }
        return list;
    }

    private static void literal(StringBuilder regex, int codePoint) {
        regex.append(Pattern.quote(new String(Character.toChars(codePoint))));
    }
}
