package io.kafkaesk.codegen.internal;

import io.kafkaesk.codegen.SchemaError;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/** Finds every {@code $ref} in the schema files and checks that it points to an existing file and location. */
public final class RefCheck {
    private RefCheck() {}

    /** A schema a {@code $ref} points to, with the file that holds it (relative references inside resolve there). */
    public record Target(SchemaDocument doc, JsonNode schema) {}

    /**
     * Checks the references of {@code doc}, recording an {@code unresolved-ref} error for each one that does not
     * resolve, and returns the other files it refers to (names relative to the source directory).
     */
    public static Set<String> check(SchemaDocument doc, Map<String, SchemaDocument> docs, Problems problems) {
        Set<String> targets = new TreeSet<>();
        List<String[]> refs = new ArrayList<>();
        collect(doc.root(), "", refs);
        for (String[] ref : refs) {
            String pointer = ref[0];
            String value = ref[1];
            String target = resolve(doc, value, docs, problems, pointer);
            if (target != null && !target.equals(doc.file())) {
                targets.add(target);
            }
        }
        return targets;
    }

    /**
     * The schema that {@code ref}, written in {@code doc}, points to; null when it does not resolve (which
     * {@link #check} reports).
     */
    public static @Nullable Target follow(SchemaDocument doc, String ref, Map<String, SchemaDocument> docs) {
        String file = resolve(doc, ref, docs, new Problems(), "");
        SchemaDocument target = file == null ? null : docs.get(file);
        if (target == null) {
            return null;
        }
        String fragment = ref.indexOf('#') < 0 ? "" : URI.create(ref).getFragment();
        JsonNode schema = fragment == null || fragment.isEmpty()
                ? target.root()
                : target.root().at(JsonPointer.compile(fragment));
        return new Target(target, schema);
    }

    private static void collect(JsonNode node, String pointer, List<String[]> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = pointer + "/" + SchemaDocument.pointerSegment(e.getKey());
                if (e.getKey().equals("$ref") && e.getValue().isString()) {
                    refs.add(new String[] {child, e.getValue().asString()});
                } else if (!Keywords.isData(e.getKey())) {
                    collect(e.getValue(), child, refs);
                }
            }
        } else if (node.isArray()) {
            int i = 0;
            for (Iterator<JsonNode> it = node.iterator(); it.hasNext(); i++) {
                collect(it.next(), pointer + "/" + i, refs);
            }
        }
    }

    /**
     * The file a reference's path part points to, relative to the source directory: the one reading of relative
     * references, used by everything that follows them.
     */
    public static Path resolvePath(SchemaDocument from, String path) {
        return Path.of(from.folder().isEmpty() ? "." : from.folder()).resolve(path).normalize();
    }

    private static @Nullable String resolve(SchemaDocument doc, String ref, Map<String, SchemaDocument> docs,
            Problems problems, String pointer) {
        URI uri;
        try {
            uri = new URI(ref);
        } catch (URISyntaxException e) {
            problems.add(SchemaError.Kind.UNRESOLVED_REF, doc, pointer, "$ref \"" + ref + "\" is not a valid URI reference",
                    "percent-encode spaces and special characters, for example \"my%20file.json\"");
            return null;
        }
        if (uri.getScheme() != null || uri.getAuthority() != null) {
            problems.add(SchemaError.Kind.UNRESOLVED_REF, doc, pointer,
                    "$ref \"" + ref + "\" points outside the schema files",
                    "copy the referenced schema into the schema directory and refer to it by relative path");
            return null;
        }
        String targetFile = doc.file();
        String path = uri.getPath();
        if (path != null && !path.isEmpty()) {
            Path resolved = resolvePath(doc, path);
            targetFile = resolved.toString().replace('\\', '/');
            if (targetFile.startsWith("..") || resolved.isAbsolute()) {
                problems.add(SchemaError.Kind.UNRESOLVED_REF, doc, pointer,
                        "$ref \"" + ref + "\" points outside the schema directory",
                        "move the referenced file into the schema directory: it must ship in the jar too");
                return null;
            }
        }
        SchemaDocument target = docs.get(targetFile);
        if (target == null) {
            problems.add(SchemaError.Kind.UNRESOLVED_REF, doc, pointer,
                    "$ref \"" + ref + "\" points to " + targetFile + ", which does not exist or is not valid JSON",
                    "create " + targetFile + " in the schema directory or correct the path (relative to "
                            + (doc.folder().isEmpty() ? "the schema directory" : doc.folder()) + ")");
            return null;
        }
        String fragment = uri.getFragment();
        if (fragment != null && !fragment.isEmpty()) {
            if (!fragment.startsWith("/")) {
                problems.add(SchemaError.Kind.UNRESOLVED_REF, doc, pointer,
                        "$ref \"" + ref + "\" uses the anchor #" + fragment + ", which kafkaesk does not resolve",
                        "refer to the definition by JSON pointer, such as \"#/$defs/" + fragment + "\"");
                return null;
            }
            @Nullable JsonNode at;
            try {
                at = target.root().at(JsonPointer.compile(fragment));
            } catch (IllegalArgumentException e) {
                at = null;
            }
            if (at == null || at.isMissingNode()) {
                problems.add(SchemaError.Kind.UNRESOLVED_REF, doc, pointer,
                        "$ref \"" + ref + "\" points to #" + fragment + ", which " + targetFile + " does not have",
                        "define it in " + targetFile + " (for example under $defs) or correct the pointer");
                return null;
            }
        }
        return targetFile;
    }
}
