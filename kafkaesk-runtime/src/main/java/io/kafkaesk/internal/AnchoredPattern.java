package io.kafkaesk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Matches the plainest regular expressions of schema files without a regular-expression engine: a whole-string
 * pattern ({@code ^...$}) made of ASCII literals, character classes of ASCII characters and ranges, groups,
 * alternation inside groups and greedy quantifiers, such as {@code ^[A-Z]{3}$} or
 * {@code ^-?(0|[1-9][0-9]{0,11})\.[0-9]{2}$}.
 *
 * <p>Such a pattern describes a regular language with no look-around, back-reference or flag, so whether a string
 * matches does not depend on the engine: the answer is the one networknt's {@code pattern} gives with the JDK's
 * engine (where {@code $} is the end of input). The pattern is parsed into a tree here and turned into a
 * deterministic automaton by {@link PatternAutomaton}, so matching is a table lookup a character, without
 * backtracking or allocation. Every pattern outside that grammar, or too large for a small automaton, is left to
 * the engine ({@link #compile} returns null).
 */
public final class AnchoredPattern implements Predicate<String> {
    /** Repetition bounds above this are cut to it: the automaton has at most 62 positions anyway. */
    private static final int MAX_REPEAT = 63;
    private static final String SPECIAL = ".^$|?*+()[]{}\\";

    private final PatternAutomaton automaton;

    private AnchoredPattern(PatternAutomaton automaton) {
        this.automaton = automaton;
    }

    /** The matcher of {@code regex}, or null when it is not a pattern of the grammar above or too large. */
    public static @Nullable AnchoredPattern compile(String regex) {
        if (regex.length() < 2 || regex.charAt(0) != '^' || regex.charAt(regex.length() - 1) != '$'
                || regex.endsWith("\\$")) {
            return null;
        }
        Parser parser = new Parser(regex.substring(1, regex.length() - 1));
        try {
            Node body = parser.sequence();
            if (parser.at != parser.text.length()) {
                return null;
            }
            PatternAutomaton automaton = PatternAutomaton.of(body);
            return automaton == null ? null : new AnchoredPattern(automaton);
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Whether the whole of {@code s} matches. */
    @Override
    public boolean test(String s) {
        return automaton.matches(s);
    }

    /** A part of a parsed pattern. */
    sealed interface Node permits CharSet, Sequence, Alternatives, Repeat {}

    /** One character out of a set of ASCII characters: bit c of {@code low} (c < 64) or of {@code high}. */
    record CharSet(long low, long high) implements Node {
        static CharSet of(boolean[] members) {
            long low = 0;
            long high = 0;
            for (int c = 0; c < 128; c++) {
                if (members[c]) {
                    if (c < 64) {
                        low |= 1L << c;
                    } else {
                        high |= 1L << (c - 64);
                    }
                }
            }
            return new CharSet(low, high);
        }

        /** Whether ASCII character {@code c} is in the set. */
        boolean contains(int c) {
            return ((c < 64 ? low >>> c : high >>> (c - 64)) & 1L) != 0;
        }
    }

    record Sequence(Node[] parts) implements Node {}

    record Alternatives(List<Node> choices) implements Node {}

    /** {@code part{min,max}}; max -1 for no upper bound. */
    record Repeat(Node part, int min, int max) implements Node {}

    /** A construct outside the grammar. */
    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final class Parser {
        final String text;
        int at;

        Parser(String text) {
            this.text = text;
        }

        /** A sequence, ended by the end of the text, a {@code |} or a {@code )}. */
        Node sequence() throws Unsupported {
            List<Node> parts = new ArrayList<>();
            while (at < text.length() && text.charAt(at) != '|' && text.charAt(at) != ')') {
                parts.add(quantified(atom()));
            }
            return parts.size() == 1 ? parts.get(0) : new Sequence(parts.toArray(new Node[0]));
        }

        Node atom() throws Unsupported {
            char c = text.charAt(at++);
            if (c == '(') {
                if (text.startsWith("?:", at)) {
                    at += 2;
                } else if (at < text.length() && text.charAt(at) == '?') {
                    throw new Unsupported();
                }
                List<Node> choices = new ArrayList<>();
                choices.add(sequence());
                while (at < text.length() && text.charAt(at) == '|') {
                    at++;
                    choices.add(sequence());
                }
                expect(')');
                return choices.size() == 1 ? choices.get(0) : new Alternatives(List.copyOf(choices));
            }
            if (c == '[') {
                return charClass();
            }
            if (c == '\\') {
                return escaped(new boolean[128]);
            }
            if (SPECIAL.indexOf(c) >= 0 || !printable(c)) {
                throw new Unsupported();
            }
            boolean[] one = new boolean[128];
            one[c] = true;
            return CharSet.of(one);
        }

        /** After a backslash: an escaped special character, or {@code \d}. */
        CharSet escaped(boolean[] into) throws Unsupported {
            if (at >= text.length()) {
                throw new Unsupported();
            }
            char c = text.charAt(at++);
            if (c == 'd') {
                for (char d = '0'; d <= '9'; d++) {
                    into[d] = true;
                }
            } else if (SPECIAL.indexOf(c) >= 0 || c == '-' || c == '/') {
                into[c] = true;
            } else {
                throw new Unsupported();
            }
            return CharSet.of(into);
        }

        /** After {@code [}: ASCII characters, ranges, {@code \d} and escaped specials; no negation. */
        Node charClass() throws Unsupported {
            boolean[] members = new boolean[128];
            int start = at;
            while (true) {
                if (at >= text.length()) {
                    throw new Unsupported();
                }
                char c = text.charAt(at);
                if (c == ']' && at > start) {
                    at++;
                    return CharSet.of(members);
                }
                at++;
                if (c == '\\') {
                    escaped(members);
                    continue;
                }
                if (c == '[' || c == ']' || c == '&' || (c == '^' && at - 1 == start) || !printable(c)) {
                    throw new Unsupported();
                }
                if (c == '-' && at - 1 != start && at < text.length() && text.charAt(at) != ']') {
                    throw new Unsupported(); // a '-' that is neither first nor last: a range without a start
                }
                if (at + 1 < text.length() && text.charAt(at) == '-' && text.charAt(at + 1) != ']') {
                    char to = text.charAt(at + 1);
                    if (to == '\\' || to == '[' || to == '&' || !printable(to) || to < c) {
                        throw new Unsupported();
                    }
                    for (char r = c; r <= to; r++) {
                        members[r] = true;
                    }
                    at += 2;
                } else {
                    members[c] = true;
                }
            }
        }

        Node quantified(Node atom) throws Unsupported {
            if (at >= text.length()) {
                return atom;
            }
            int min;
            int max;
            switch (text.charAt(at)) {
                case '?' -> { min = 0; max = 1; at++; }
                case '*' -> { min = 0; max = -1; at++; }
                case '+' -> { min = 1; max = -1; at++; }
                case '{' -> {
                    int close = text.indexOf('}', at);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    String[] bounds = text.substring(at + 1, close).split(",", -1);
                    if (bounds.length > 2 || !digits(bounds[0]) || (bounds.length == 2 && !bounds[1].isEmpty()
                            && !digits(bounds[1]))) {
                        throw new Unsupported();
                    }
                    min = Integer.parseInt(bounds[0]);
                    max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : Integer.parseInt(bounds[1]);
                    if (max >= 0 && max < min) {
                        throw new Unsupported();
                    }
                    at = close + 1;
                }
                default -> {
                    return atom;
                }
            }
            if (at < text.length() && "?+*{".indexOf(text.charAt(at)) >= 0) {
                throw new Unsupported(); // lazy, possessive or a quantifier of a quantifier
            }
            return new Repeat(atom, Math.min(min, MAX_REPEAT), max < 0 ? -1 : Math.min(max, MAX_REPEAT));
        }

        void expect(char c) throws Unsupported {
            if (at >= text.length() || text.charAt(at) != c) {
                throw new Unsupported();
            }
            at++;
        }

        private static boolean digits(String s) {
            return !s.isEmpty() && s.length() <= 4 && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        }

        private static boolean printable(char c) {
            return c >= 0x20 && c < 0x7f;
        }
    }
}
