package io.kafkaesk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.regex.RegularExpression;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The plain-pattern matcher answers as networknt's {@code pattern} does, on every string tried: examples that match,
 * each edited a character at a time (inserted, deleted, replaced, repeated), and random strings over the pattern's
 * own characters, a line feed, a non-ASCII letter and a character outside the Basic Multilingual Plane.
 */
class AnchoredPatternTest {
    /** Each pattern with strings that match it, so that the edits start near the language. */
    private static final Map<String, List<String>> SUPPORTED = Map.ofEntries(
            Map.entry("^[A-Z]{3}$", List.of("EUR", "USD")),
            Map.entry("^[A-Z]{2}$", List.of("DE")),
            Map.entry("^C[0-9]{8}$", List.of("C12345678")),
            Map.entry("^[A-Z]{3}-[0-9]{6}$", List.of("ABC-123456")),
            Map.entry("^-?(0|[1-9][0-9]{0,11})\\.[0-9]{2}$", List.of("0.00", "-12.50", "123456789012.99")),
            Map.entry("^[A-Z0-9][A-Z0-9 -]{1,9}$", List.of("10115", "SW1A 1AA", "K1A-0B1")),
            Map.entry("^[A-Z0-9]{6,12}$", List.of("SAVE2026", "ABCDEF")),
            Map.entry("^[0-9]{4}$", List.of("4242")),
            Map.entry("^o-[0-9]+$", List.of("o-1", "o-0999", "o-" + "1234567890".repeat(10))),
            Map.entry("^(ab|a)(bc|c)?$", List.of("ab", "abc", "ac", "a")),
            Map.entry("^(?:x|y)*z+$", List.of("z", "xyxzz")),
            Map.entry("^a{2,}b?$", List.of("aa", "aaab")),
            Map.entry("^\\d{3}\\.\\d$", List.of("123.4")),
            Map.entry("^[-a.]+[b-]$", List.of("-b", "a.-")),
            Map.entry("^(a?){3}b$", List.of("b", "aab")),
            Map.entry("^$", List.of("")),
            Map.entry("^[$^|()*+?{}]{1,3}$", List.of("$", "^|(", "{}")));

    private static final List<String> UNSUPPORTED = List.of(
            "[A-Z]{3}", "^[A-Z]{3}", "^a|b$", "^.{3}$", "^[^a]$", "^a+?$", "^a*+$", "^(?=a)a$", "^(a)\\1$",
            "^\\w+$", "^\\p{L}+$", "^[a-z&&[^e]]$", "^é$", "^a\\$", "^[a-z-0]$", "^a{,3}$", "^a{3,1}$",
            "^(?i)a$", "^(?:[ab]{0,40})c{0,30}$" /* 70 positions: too many for a small automaton */);

    @Test
    void thePatternsOfTheGrammarAreCompiledAndTheOthersLeftToTheEngine() {
        SUPPORTED.keySet().forEach(p -> assertNotNull(AnchoredPattern.compile(p), p));
        UNSUPPORTED.forEach(p -> assertNull(AnchoredPattern.compile(p), p));
    }

    @Test
    void everyStringTriedGetsTheEnginesAnswer() {
        Random random = new Random(20261202);
        int compared = 0;
        int matched = 0;
        for (Map.Entry<String, List<String>> e : SUPPORTED.entrySet()) {
            String pattern = e.getKey();
            AnchoredPattern plain = AnchoredPattern.compile(pattern);
            RegularExpression engine = SchemaValidator.regex(pattern);
            String alphabet = pattern.replaceAll("[\\\\{}]", "") + "09azAZ \n\u00e9\uD83D\uDE00";
            for (String example : e.getValue()) {
                assertTrue(engine.matches(example), pattern + " should match " + example);
                for (int i = 0; i < 3000; i++) {
                    String s = edit(example, alphabet, random, 1 + random.nextInt(3));
                    boolean expected = engine.matches(s);
                    assertEquals(expected, plain.test(s), pattern + " on \"" + s + "\"");
                    compared++;
                    matched += expected ? 1 : 0;
                }
            }
            for (int i = 0; i < 3000; i++) {
                String s = randomString(alphabet, random, random.nextInt(16));
                assertEquals(engine.matches(s), plain.test(s), pattern + " on \"" + s + "\"");
                compared++;
            }
        }
        assertTrue(matched > 1000, "edits that still match: " + matched + " of " + compared);
    }

    private static String edit(String s, String alphabet, Random random, int edits) {
        StringBuilder b = new StringBuilder(s);
        for (int i = 0; i < edits; i++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length());
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(4)) {
                case 0 -> b.insert(at, c);
                case 1 -> {
                    if (b.length() > 0) {
                        b.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (b.length() > 0) {
                        b.setCharAt(at, c);
                    }
                }
                default -> {
                    if (b.length() > 0) {
                        b.insert(at, b.charAt(at));
                    }
                }
            }
        }
        return b.toString();
    }

    private static String randomString(String alphabet, Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
