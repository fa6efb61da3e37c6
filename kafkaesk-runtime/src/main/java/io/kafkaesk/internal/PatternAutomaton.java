package io.kafkaesk.internal;

import io.kafkaesk.internal.AnchoredPattern.Alternatives;
import io.kafkaesk.internal.AnchoredPattern.CharSet;
import io.kafkaesk.internal.AnchoredPattern.Node;
import io.kafkaesk.internal.AnchoredPattern.Repeat;
import io.kafkaesk.internal.AnchoredPattern.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns an {@link AnchoredPattern}'s tree into a deterministic automaton over ASCII, so that matching is one table
 * lookup a character.
 *
 * <p>Each character set of the pattern, with bounded repetitions written out, is one position (Glushkov's
 * construction: which positions can come first, last, and after each other); a state of the automaton is the set of
 * positions the input so far can end at. Patterns with more than 62 positions or more than 256 states get no
 * automaton ({@link #of} returns null), and the pattern is left to the regular-expression engine.
 */
final class PatternAutomaton {
    private static final int MAX_POSITIONS = 62;
    private static final int MAX_STATES = 256;
    private static final long START = 1L << 63;

    /** {@code next[state * 128 + c]}: the state after character c, -1 for none. */
    private final int[] next;
    private final boolean[] accepting;

    private PatternAutomaton(int[] next, boolean[] accepting) {
        this.next = next;
        this.accepting = accepting;
    }

    /** Whether the whole of {@code s} matches. */
    boolean matches(String s) {
        int state = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128) {
                return false;
            }
            state = next[(state << 7) | c];
            if (state < 0) {
                return false;
            }
        }
        return accepting[state];
    }

    /** The automaton of a pattern's tree, or null when it would be too large. */
    static @Nullable PatternAutomaton of(Node root) {
        Positions positions = new Positions();
        Fragment whole = positions.fragment(root);
        if (whole == null) {
            return null;
        }
        Map<Long, Integer> numbers = new HashMap<>();
        List<Long> states = new ArrayList<>();
        numbers.put(START, 0);
        states.add(START);
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            long state = states.get(i);
            long reachable = state == START ? whole.first : follow(positions, state);
            int[] row = new int[128];
            for (int c = 0; c < 128; c++) {
                long target = reachable & positions.withChar[c];
                if (target == 0) {
                    row[c] = -1;
                    continue;
                }
                Integer number = numbers.get(target);
                if (number == null) {
                    if (states.size() == MAX_STATES) {
                        return null;
                    }
                    number = states.size();
                    numbers.put(target, number);
                    states.add(target);
                }
                row[c] = number;
            }
            rows.add(row);
        }
        int[] next = new int[rows.size() * 128];
        boolean[] accepting = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, next, i * 128, 128);
            long state = states.get(i);
            accepting[i] = state == START ? whole.nullable : (state & whole.last) != 0;
        }
        return new PatternAutomaton(next, accepting);
    }

    private static long follow(Positions positions, long state) {
        long reachable = 0;
        for (long left = state; left != 0; left &= left - 1) {
            reachable |= positions.follow[Long.numberOfTrailingZeros(left)];
        }
        return reachable;
    }

    /** What a part of the pattern contributes: whether it matches the empty string, its first and last positions. */
    private record Fragment(boolean nullable, long first, long last) {}

    /** The positions handed out so far, with the characters each accepts and the positions that may follow it. */
    private static final class Positions {
        final long[] withChar = new long[128];
        final long[] follow = new long[MAX_POSITIONS];
        int count;

        /** The fragment of {@code node}, giving its character sets new positions; null past the limit. */
        @Nullable Fragment fragment(Node node) {
            if (node instanceof CharSet set) {
                if (count == MAX_POSITIONS) {
                    return null;
                }
                int p = count++;
                for (int c = 0; c < 128; c++) {
                    if (set.contains(c)) {
                        withChar[c] |= 1L << p;
                    }
                }
                return new Fragment(false, 1L << p, 1L << p);
            }
            if (node instanceof Sequence sequence) {
                Fragment at = new Fragment(true, 0, 0);
                for (Node part : sequence.parts()) {
                    Fragment next = fragment(part);
                    if (next == null) {
                        return null;
                    }
                    at = concatenate(at, next);
                }
                return at;
            }
            if (node instanceof Alternatives alternatives) {
                boolean nullable = false;
                long first = 0;
                long last = 0;
                for (Node choice : alternatives.choices()) {
                    Fragment f = fragment(choice);
                    if (f == null) {
                        return null;
                    }
                    nullable |= f.nullable;
                    first |= f.first;
                    last |= f.last;
                }
                return new Fragment(nullable, first, last);
            }
            Repeat repeat = (Repeat) node;
            Fragment at = new Fragment(true, 0, 0);
            for (int i = 0; i < repeat.min(); i++) {
                Fragment copy = fragment(repeat.part());
                if (copy == null) {
                    return null;
                }
                at = concatenate(at, copy);
            }
            if (repeat.max() < 0) {
                Fragment loop = fragment(repeat.part());
                if (loop == null) {
                    return null;
                }
                link(loop.last, loop.first);
                return concatenate(at, new Fragment(true, loop.first, loop.last));
            }
            for (int i = repeat.min(); i < repeat.max(); i++) {
                Fragment copy = fragment(repeat.part());
                if (copy == null) {
                    return null;
                }
                at = concatenate(at, new Fragment(true, copy.first, copy.last));
            }
            return at;
        }

        private Fragment concatenate(Fragment a, Fragment b) {
            link(a.last, b.first);
            return new Fragment(a.nullable && b.nullable, a.nullable ? a.first | b.first : a.first,
                    b.nullable ? a.last | b.last : b.last);
        }

        private void link(long from, long to) {
            for (long left = from; left != 0; left &= left - 1) {
                follow[Long.numberOfTrailingZeros(left)] |= to;
            }
        }
    }
}
