package io.kafkaesk.codegen.internal;

/** Makes schema text safe inside a Javadoc comment. */
public final class Javadoc {
    private Javadoc() {}

    /**
     * Escapes {@code text} for Javadoc: HTML special characters, a comment terminator {@code * /}, a unicode escape
     * (which javac would decode even inside a comment) and a line-leading {@code @} (which would start a tag).
     */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\\' -> sb.append("&#92;");
                case '/' -> sb.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
                case '@' -> sb.append(lineStart ? "&#64;" : "@");
                case '\r' -> { }
                default -> sb.append(c);
            }
            if (c == '\n') {
                lineStart = true;
            } else if (!Character.isWhitespace(c) && c != '*') {
                lineStart = false;
            }
        }
        return sb.toString().strip();
    }

    /**
     * Makes every {@code \\u} in {@code text} inert for javac, which decodes unicode escapes even in comments (an
     * invalid one is a compile error): a backslash run before {@code u} is made even, so none starts an escape.
     * Used for texts that jsonschema2pojo copies into comments; it escapes comment terminators itself.
     */
    public static String neutralizeUnicodeEscapes(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'u' && run % 2 == 1) {
                sb.append('\\');
            }
            run = c == '\\' ? run + 1 : 0;
            sb.append(c);
        }
        return sb.toString();
    }
}
