package io.kafkaesk.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.SourceVersion;

/**
 * Maps schema names (ids, folders, stream names) to Java identifiers. Never fails: dashes, dots and spaces become
 * word breaks, a leading digit gets a prefix, and Java keywords get a trailing underscore.
 */
public final class Names {
    private Names() {}

    /** A class name: {@code content-edited} becomes {@code ContentEdited}, {@code 3d} becomes {@code _3d}. */
    public static String className(String name) {
        StringBuilder sb = new StringBuilder();
        for (String word : words(name)) {
            sb.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
        return safe(sb.toString(), "Schema");
    }

    /** A method or variable name: {@code content.edited.Resource} becomes {@code contentEditedResource}. */
    public static String memberName(String name) {
        String cls = className(name);
        if (cls.startsWith("_")) {
            return cls;
        }
        return safe(Character.toLowerCase(cls.charAt(0)) + cls.substring(1), "value");
    }

    /** A package segment: {@code Order-Events} becomes {@code order_events}, {@code new} becomes {@code new_}. */
    public static String packageSegment(String folder) {
        String joined = String.join("_", words(folder)).toLowerCase(Locale.ROOT);
        return safe(joined, "schemas");
    }

    /** The words of a name: runs of letters and digits. */
    private static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (Character.isLetterOrDigit(cp) && Character.isJavaIdentifierPart(cp)) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
            i += Character.charCount(cp);
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static String safe(String identifier, String fallback) {
        if (identifier.isEmpty()) {
            return fallback;
        }
        if (!Character.isJavaIdentifierStart(identifier.codePointAt(0))) {
            identifier = "_" + identifier;
        }
        if (SourceVersion.isKeyword(identifier) || identifier.equals("_")) {
            identifier = identifier + "_";
        }
        return identifier;
    }
}
