package io.kafkaesk.codegen.internal;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One parsed schema file.
 *
 * @param file the path relative to the source directory, with '/' separators (the name used in messages)
 * @param path the file on disk
 * @param text the file's content
 * @param root the parsed document
 * @param locations line and column of every value, by JSON pointer
 */
public record SchemaDocument(String file, Path path, String text, JsonNode root, Map<String, int[]> locations) {

    /** The line and column of the value at {@code pointer}, or of its nearest enclosing value; {0, 0} if none. */
    public int[] locate(String pointer) {
        String p = pointer;
        while (true) {
            int[] at = locations.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return new int[] {0, 0};
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** {@code key} as one segment of a JSON pointer (RFC 6901): '~' becomes "~0" and '/' becomes "~1". */
    public static String pointerSegment(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The key a JSON pointer segment stands for; the inverse of {@link #pointerSegment}. */
    public static String unescapeSegment(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    /** The {@code x-kafkaesk} block, or null when the file has none. */
    public @Nullable ObjectNode metadata() {
        JsonNode m = root.get("x-kafkaesk");
        return m instanceof ObjectNode o ? o : null;
    }

    /** The folder part of {@link #file()}, such as {@code orders/v1}, or "" for the top level. */
    public String folder() {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    /** The file name without folder and extension, such as {@code order} for {@code orders/order.json}. */
    public String stem() {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
