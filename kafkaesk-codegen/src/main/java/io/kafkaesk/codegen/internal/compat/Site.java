package io.kafkaesk.codegen.internal.compat;

import io.kafkaesk.codegen.internal.RefCheck;
import io.kafkaesk.codegen.internal.SchemaDocument;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A place in a schema set: a (sub)schema, the file and JSON pointer it is at, and the set it belongs to, so that
 * {@code $ref}s can be followed to other files of the same set.
 *
 * @param set the schema set: the source files, or a baseline
 * @param doc the file
 * @param pointer the JSON pointer of {@code node} in {@code doc}
 * @param node the schema (an object or a boolean), or a missing node where the keyword is absent
 */
public record Site(SchemaSet set, SchemaDocument doc, String pointer, JsonNode node) {

    /**
     * A set of parsed schema files.
     *
     * @param label how files of this set are named in messages: "" for the source files, the artifact or
     *     directory (ending in '!') for a baseline
     * @param docs the files, by name relative to the set's root
     */
    public record SchemaSet(String label, Map<String, SchemaDocument> docs) {}

    /** The root of {@code doc} in {@code set}. */
    public static Site root(SchemaSet set, SchemaDocument doc) {
        return new Site(set, doc, "", doc.root());
    }

    /** The child {@code key} of this schema (a missing node when absent). */
    public Site child(String key) {
        return new Site(set, doc, pointer + "/" + key.replace("~", "~0").replace("/", "~1"), node.path(key));
    }

    /** The element {@code index} of the array at this site. */
    public Site element(int index) {
        return new Site(set, doc, pointer + "/" + index, node.path(index));
    }

    /** This site with another node at the same place (a merged schema). */
    Site with(JsonNode replacement) {
        return new Site(set, doc, pointer, replacement);
    }

    /**
     * Follows {@code $ref}s to their target (RefCheck has checked that they resolve); this site when it has none,
     * or when a target cannot be found.
     */
    public Site resolve() {
        Site at = this;
        for (int hops = 0; hops < 64; hops++) {
            JsonNode ref = at.node.get("$ref");
            if (ref == null || !ref.isString()) {
                return at;
            }
            Site target = at.target(ref.asString());
            if (target == null) {
                return at;
            }
            at = target;
        }
        return at;
    }

    private @Nullable Site target(String ref) {
        URI uri;
        try {
            uri = new URI(ref);
        } catch (URISyntaxException e) {
            return null;
        }
        SchemaDocument target = doc;
        if (uri.getPath() != null && !uri.getPath().isEmpty()) {
            String file = RefCheck.resolvePath(doc, uri.getPath()).toString().replace('\\', '/');
            target = set.docs().get(file);
            if (target == null) {
                return null;
            }
        }
        String fragment = uri.getFragment() == null ? "" : uri.getFragment();
        if (!fragment.isEmpty() && !fragment.startsWith("/")) {
            return null;
        }
        JsonNode node;
        try {
            node = target.root().at(JsonPointer.compile(fragment));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return node.isMissingNode() ? null : new Site(set, target, fragment, node);
    }

    /** True when the keyword is absent here. */
    boolean missing() {
        return node.isMissingNode();
    }

    /** {@code file:line:column at pointer}, the file prefixed by the set's label. */
    String where() {
        int[] at = doc.locate(pointer);
        String file = set.label() + doc.file();
        return (at[0] > 0 ? file + ":" + at[0] + ":" + at[1] : file) + " at " + (pointer.isEmpty() ? "(document)" : pointer);
    }

    /** A key that identifies this place, for cycle detection. */
    public String id() {
        if (node.isMissingNode()) {
            return "(absent)"; // an absent schema is the same wherever it is, so that recursion ends
        }
        return set.label() + doc.file() + "#" + pointer;
    }
}
