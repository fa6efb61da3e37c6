package io.kafkaesk.codegen.internal;

import com.sun.codemodel.CodeWriter;
import com.sun.codemodel.JPackage;
import com.sun.codemodel.util.UnicodeEscapeWriter;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the sources codemodel writes as text in memory, by path, with the escapes codemodel writes for UTF-8
 * (a Unicode escape for a control character other than whitespace, and for each half of a surrogate pair).
 *
 * <p>codemodel's default writer encodes its output one character at a time through a {@code CharsetEncoder} of the
 * platform's charset; on a build of hundreds of schemas that was the largest single cost of code generation (see
 * the codegen section of BENCHMARKS.md). Here each character is appended to a {@link StringBuilder}: the text is
 * never encoded to bytes and decoded back, so it is the same on every platform.
 */
final class SourceTexts extends CodeWriter {
    private final Map<String, StringBuilder> texts = new TreeMap<>();

    @Override
    public Writer openSource(JPackage pkg, String fileName) {
        StringBuilder text = texts.computeIfAbsent(path(pkg, fileName), f -> new StringBuilder(8192));
        return new UnicodeEscapeWriter(new Appending(text)) {
            @Override
            protected boolean requireEscaping(int ch) {
                if (ch < 0x20) {
                    return " \t\r\n".indexOf(ch) < 0;
                }
                return Character.isSurrogate((char) ch);
            }
        };
    }

    @Override
    public OutputStream openBinary(JPackage pkg, String fileName) {
        throw new UnsupportedOperationException("kafkaesk writes no resource files through codemodel: " + fileName);
    }

    @Override
    public void close() {}

    /** Each source written, by its path ({@code com/example/Order.java}), in path order. */
    Map<String, StringBuilder> texts() {
        return texts;
    }

    private static String path(JPackage pkg, String fileName) {
        return (pkg.isUnnamed() ? "" : pkg.name().replace('.', '/') + "/") + fileName;
    }

    /** A writer that appends to one source's text. */
    private static final class Appending extends Writer {
        private final StringBuilder text;

        Appending(StringBuilder text) {
            this.text = text;
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void write(char[] chars, int off, int len) {
            text.append(chars, off, len);
        }

        @Override
        public void write(String s, int off, int len) {
            text.append(s, off, off + len);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
