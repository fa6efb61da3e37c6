package io.kafkaesk.codegen.internal;

import io.kafkaesk.codegen.SchemaError;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks that a schema file says what it seems to: every key at a schema position is a keyword kafkaesk knows
 * ({@code unknown-keyword}), every {@code type} is a JSON type ({@code invalid-type}), every {@code format} one kafkaesk
 * supports ({@code unknown-format}), and every {@code required} name is a declared property
 * ({@code undeclared-required}). Each error suggests the closest known name.
 *
 * <p>The walk follows the subschemas the way a validator does ({@link Keywords.Shape}): it reads property names of
 * {@code properties} as names, never as keywords, and does not look inside data ({@code enum}, {@code const},
 * {@code default}, {@code examples}), extensions ({@code x-...}) or keywords the request allows.
 */
public final class KeywordCheck {
    private final Set<String> allowed;

    /**
     * Creates a check.
     *
     * @param allowed keywords to accept although kafkaesk does not know them (their values are not read)
     */
    public KeywordCheck(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** Records an error for each unknown keyword, bad type or format and undeclared required name in {@code doc}. */
    public void check(SchemaDocument doc, Map<String, SchemaDocument> docs, Problems problems) {
        new Walk(doc, docs, problems).schema(doc.root(), "");
    }

    private final class Walk {
        private final SchemaDocument doc;
        private final Map<String, SchemaDocument> docs;
        private final Problems problems;

        Walk(SchemaDocument doc, Map<String, SchemaDocument> docs, Problems problems) {
            this.doc = doc;
            this.docs = docs;
            this.problems = problems;
        }

        /** Checks the schema at {@code pointer}; boolean schemas have nothing to check. */
        void schema(JsonNode node, String pointer) {
            if (!node.isObject()) {
                return;
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String keyword = e.getKey();
                JsonNode value = e.getValue();
                String at = pointer + "/" + SchemaDocument.pointerSegment(keyword);
                if (Keywords.isExtension(keyword) || allowed.contains(keyword)) {
                    continue;
                }
                Keywords.Shape shape = Keywords.shape(keyword);
                if (shape == null) {
                    problems.add(SchemaError.Kind.UNKNOWN_KEYWORD, doc, at,
                            "unknown keyword \"" + keyword + "\": JSON Schema tools ignore it, so it checks nothing",
                            Suggestions.didYouMean(keyword, Keywords.known(), "remove it; an extension for other tools "
                                    + "must start with \"x-\", or allow it with the plugin parameter allowedKeywords"));
                    continue;
                }
                switch (shape) {
                    case SCHEMA -> schema(value, at);
                    case SCHEMA_OR_ARRAY -> {
                        if (value.isArray()) {
                            elements(value, at);
                        } else {
                            schema(value, at);
                        }
                    }
                    case SCHEMA_ARRAY -> elements(value, at);
                    case SCHEMA_MAP -> values(value, at, false);
                    case SCHEMA_OR_NAMES_MAP -> values(value, at, true);
                    case DATA, VALUE -> { }
                }
            }
            type(node.get("type"), pointer + "/type");
            format(node.get("format"), pointer + "/format");
            required(node, pointer);
        }

        private void elements(JsonNode array, String pointer) {
            if (array.isArray()) {
                for (int i = 0; i < array.size(); i++) {
                    schema(array.get(i), pointer + "/" + i);
                }
            }
        }

        private void values(JsonNode map, String pointer, boolean skipArrays) {
            if (map.isObject()) {
                for (Map.Entry<String, JsonNode> e : map.properties()) {
                    if (!(skipArrays && e.getValue().isArray())) {
                        schema(e.getValue(), pointer + "/" + SchemaDocument.pointerSegment(e.getKey()));
                    }
                }
            }
        }

        private void type(@Nullable JsonNode type, String pointer) {
            if (type == null) {
                return;
            }
            if (type.isArray()) {
                for (int i = 0; i < type.size(); i++) {
                    typeName(type.get(i), pointer + "/" + i);
                }
            } else {
                typeName(type, pointer);
            }
        }

        private void typeName(JsonNode name, String pointer) {
            if (name.isString() && Keywords.TYPES.contains(name.asString())) {
                return;
            }
            String list = String.join(", ", new TreeSet<>(Keywords.TYPES));
            problems.add(SchemaError.Kind.INVALID_TYPE, doc, pointer,
                    "invalid type " + name + ": a type is one of " + list,
                    name.isString() ? Suggestions.didYouMean(name.asString(), Keywords.TYPES, "use one of " + list)
                            : "write the type as a string, such as \"string\", or an array of them");
        }

        private void format(@Nullable JsonNode format, String pointer) {
            if (format == null || format.isString() && Keywords.FORMATS.contains(format.asString())) {
                return;
            }
            String list = String.join(", ", new TreeSet<>(Keywords.FORMATS));
            problems.add(SchemaError.Kind.UNKNOWN_FORMAT, doc, pointer,
                    "unknown format " + format + ": nothing would check it; kafkaesk supports " + list,
                    format.isString()
                            ? Suggestions.didYouMean(format.asString(), Keywords.FORMATS,
                                    "remove it or use a supported format; describe a format of your own with \"pattern\"")
                            : "write the format as a string, such as \"date-time\"");
        }

        /** A required name that no property declares is taken for a typo when the object lists its properties. */
        private void required(JsonNode node, String pointer) {
            JsonNode required = node.get("required");
            if (required == null || !required.isArray() || !node.path("properties").isObject()) {
                return;
            }
            DeclaredProperties declared = DeclaredProperties.of(doc, node, docs);
            if (declared == null) {
                return;
            }
            for (int i = 0; i < required.size(); i++) {
                JsonNode name = required.get(i);
                if (name.isString() && !declared.declares(name.asString())) {
                    problems.add(SchemaError.Kind.UNDECLARED_REQUIRED, doc, pointer + "/required/" + i,
                            "required property \"" + name.asString() + "\" is not declared in \"properties\"",
                            Suggestions.didYouMean(name.asString(), declared.names().keySet(),
                                    "declare \"" + name.asString() + "\" under \"properties\", or remove it from "
                                            + "\"required\""));
                }
            }
        }
    }
}
