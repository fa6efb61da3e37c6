package io.kafkaesk.codegen.internal;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Finds the known name a misspelt one was probably meant to be, for "did you mean" hints. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate closest to {@code word} by edit distance (insertions, deletions, substitutions and swaps of two
     * neighbouring characters, ignoring case), or null when none is close enough to be a likely typo: at most one edit
     * for words up to four characters, two up to eight, three beyond. Ties go to the candidate first in sort order.
     */
    public static @Nullable String closest(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        int limit = word.length() <= 4 ? 1 : word.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d <= limit && (d < bestDistance || d == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** The hint {@code did you mean "x"?}, or {@code otherwise} when no candidate is close. */
    public static String didYouMean(String word, Collection<String> candidates, String otherwise) {
        String match = closest(word, candidates);
        return match == null ? otherwise : "did you mean \"" + match + "\"?";
    }

    /** Optimal string alignment distance: Levenshtein plus transposition of adjacent characters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
