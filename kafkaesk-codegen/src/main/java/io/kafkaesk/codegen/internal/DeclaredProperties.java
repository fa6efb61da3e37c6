package io.kafkaesk.codegen.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The properties a schema declares for an object: its own {@code properties} and those of the subschemas that apply
 * to the same object ({@link Keywords#IN_PLACE}: {@code $ref}, {@code allOf}, {@code if}/{@code then}, ...), across
 * files.
 *
 * @param names each declared property name with the first schema that declares it
 * @param patterns the {@code patternProperties} patterns
 * @param open true when {@code additionalProperties} is a schema, so that undeclared names are expected (a map)
 */
public record DeclaredProperties(Map<String, RefCheck.Target> names, List<String> patterns, boolean open) {

    /**
     * Collects the properties {@code schema} (written in {@code doc}) declares; null when that cannot be known: a
     * {@code $ref} on the way does not resolve (an error {@link RefCheck} reports already) or a {@code $dynamicRef}
     * is met.
     */
    public static @Nullable DeclaredProperties of(SchemaDocument doc, JsonNode schema, Map<String, SchemaDocument> docs) {
        Collector c = new Collector(docs);
        return c.collect(doc, schema) ? new DeclaredProperties(c.names, c.patterns, c.open) : null;
    }

    /** True when the schema declares {@code name}, or a pattern of {@code patternProperties} matches it. */
    public boolean declares(String name) {
        if (names.containsKey(name)) {
            return true;
        }
        for (String p : patterns) {
            try {
                if (Pattern.compile(p).matcher(name).find()) {
                    return true;
                }
            } catch (PatternSyntaxException e) {
                // The runtime validator reports a bad pattern; here it must not make a valid name look undeclared.
                return true;
            }
        }
        return false;
    }

    private static final class Collector {
        private final Map<String, SchemaDocument> docs;
        private final Map<String, RefCheck.Target> names = new TreeMap<>();
        private final List<String> patterns = new ArrayList<>();
        private final Set<JsonNode> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean open;

        Collector(Map<String, SchemaDocument> docs) {
            this.docs = docs;
        }

        /** False when a reference does not resolve. */
        boolean collect(SchemaDocument doc, JsonNode schema) {
            if (!schema.isObject() || !visited.add(schema)) {
                return true;
            }
            schema.path("properties").properties()
                    .forEach(e -> names.putIfAbsent(e.getKey(), new RefCheck.Target(doc, e.getValue())));
            schema.path("patternProperties").propertyNames().forEach(patterns::add);
            open |= schema.path("additionalProperties").isObject();
            // A dynamic reference is bound at validation time, so what it declares cannot be known here.
            boolean known = !schema.has("$dynamicRef");
            for (Map.Entry<String, JsonNode> e : schema.properties()) {
                if (!Keywords.IN_PLACE.contains(e.getKey())) {
                    continue;
                }
                JsonNode value = e.getValue();
                if (Keywords.shape(e.getKey()) == Keywords.Shape.SCHEMA) {
                    known &= collect(doc, value);
                } else if (Keywords.shape(e.getKey()) != Keywords.Shape.VALUE) {
                    // allOf and friends hold an array of subschemas, dependentSchemas and dependencies an object.
                    for (JsonNode branch : value) {
                        known &= collect(doc, branch);
                    }
                } else if (value.isString()) {
                    RefCheck.Target target = RefCheck.follow(doc, value.asString(), docs);
                    known &= target != null && collect(target.doc(), target.schema());
                }
            }
            return known;
        }
    }
}
