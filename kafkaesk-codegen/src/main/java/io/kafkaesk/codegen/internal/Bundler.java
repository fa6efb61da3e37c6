package io.kafkaesk.codegen.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes one self-contained document of a schema and every file it refers to, for the runtime's validator, which
 * reads the schema from a string and cannot follow relative file references.
 *
 * <p>The result is a JSON Schema compound document (2020-12 section 9.3, also valid in draft-07): the referenced
 * files are embedded unchanged under {@code $defs} (or {@code definitions} for draft-07), each with an
 * {@code $id} equal to the URI its referrers' relative {@code $ref}s resolve to. No reference is rewritten.
 */
public final class Bundler {
    /** The base URI of schema files that declare no {@code $id}; never fetched. */
    static final String BASE = "https://schemas.kafkaesk.invalid/";

    private Bundler() {}

    /** The bundle of {@code doc}, as pretty-printed JSON. */
    public static String bundle(SchemaDocument doc, Map<String, SchemaDocument> docs, Map<String, Set<String>> refs) {
        ObjectNode root = (ObjectNode) doc.root().deepCopy();
        URI base = root.path("$id").isString() ? URI.create(root.get("$id").asString()) : URI.create(BASE + doc.file());
        root.put("$id", base.toString());
        boolean draft07 = root.path("$schema").asString("").contains("draft-07");
        String defsKey = draft07 ? "definitions" : "$defs";
        ObjectNode defs = root.has(defsKey) && root.get(defsKey).isObject()
                ? (ObjectNode) root.get(defsKey)
                : root.putObject(defsKey);
        Path folder = Path.of(doc.folder());
        for (String file : closure(doc.file(), refs)) {
            ObjectNode embedded = (ObjectNode) docs.get(file).root().deepCopy();
            String relative = folder.relativize(Path.of(file)).toString().replace('\\', '/');
            embedded.put("$id", base.resolve(relative).toString());
            defs.set("kafkaesk:" + file, embedded);
        }
        return SchemaReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** Every file reachable from {@code start} by references, sorted, without {@code start} itself. */
    private static Set<String> closure(String start, Map<String, Set<String>> refs) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(refs.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (!next.equals(start) && seen.add(next)) {
                todo.addAll(refs.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }
}
