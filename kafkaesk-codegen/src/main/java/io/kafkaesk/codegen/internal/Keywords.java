package io.kafkaesk.codegen.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one registry of what kafkaesk reads in a schema file: every keyword it knows, with the shape of its value, the
 * JSON type names and the formats it supports.
 *
 * <p>The keywords are those of the draft 2020-12 vocabularies (core, applicator, unevaluated, validation, meta-data,
 * format, content), those draft-07 has besides ({@code definitions}, {@code dependencies}, {@code additionalItems},
 * {@code items} as an array), and the jsonschema2pojo keywords kafkaesk passes on to the class generator. Both dialects
 * share one list: a keyword of the other dialect is not a typo, and the runtime validator reads the file's own
 * {@code $schema}. Keys starting with {@code x-} are extensions and always allowed.
 */
public final class Keywords {
    /** What the value of a keyword is, which tells a walk of the schema where subschemas are. */
    public enum Shape {
        /** One subschema, such as {@code not}. */
        SCHEMA,
        /** One subschema or, in draft-07, an array of subschemas: {@code items}. */
        SCHEMA_OR_ARRAY,
        /** An array of subschemas, such as {@code allOf}. */
        SCHEMA_ARRAY,
        /** An object whose values are subschemas and whose keys are names, such as {@code properties}. */
        SCHEMA_MAP,
        /** Draft-07 {@code dependencies}: an object whose values are subschemas or arrays of property names. */
        SCHEMA_OR_NAMES_MAP,
        /** A JSON instance or instances, such as {@code enum}: never read as schema. */
        DATA,
        /** Any other value: a number, a string, a list of names, a URI. */
        VALUE
    }

    /** The prefix of extension keywords, which kafkaesk never reads as JSON Schema ({@code x-kafkaesk} among them). */
    public static final String EXTENSION_PREFIX = "x-";

    /** The seven JSON Schema type names. */
    public static final Set<String> TYPES = Set.of("null", "boolean", "object", "array", "number", "string", "integer");

    /**
     * The formats kafkaesk supports: those defined by draft 2020-12 and draft-07, which the runtime validator checks.
     */
    public static final Set<String> FORMATS = Set.of(
            "date-time", "date", "time", "duration",
            "email", "idn-email", "hostname", "idn-hostname",
            "ipv4", "ipv6",
            "uri", "uri-reference", "iri", "iri-reference", "uri-template", "uuid",
            "json-pointer", "relative-json-pointer", "regex");

    /**
     * The keywords whose subschemas apply to the same instance as the schema holding them, so that a property they
     * declare is a property of that instance too.
     */
    public static final Set<String> IN_PLACE = Set.of("$ref", "allOf", "anyOf", "oneOf", "if", "then", "else",
            "dependentSchemas", "dependencies");

    private static final Map<String, Shape> KNOWN = registry();

    private Keywords() {}

    private static Map<String, Shape> registry() {
        Map<String, Shape> k = new LinkedHashMap<>();
        // Core vocabulary.
        for (String v : new String[] {"$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor",
                "$vocabulary", "$comment"}) {
            k.put(v, Shape.VALUE);
        }
        k.put("$defs", Shape.SCHEMA_MAP);
        // Applicator and unevaluated vocabularies.
        for (String s : new String[] {"allOf", "anyOf", "oneOf", "prefixItems"}) {
            k.put(s, Shape.SCHEMA_ARRAY);
        }
        for (String s : new String[] {"not", "if", "then", "else", "contains", "additionalProperties",
                "propertyNames", "unevaluatedItems", "unevaluatedProperties"}) {
            k.put(s, Shape.SCHEMA);
        }
        k.put("items", Shape.SCHEMA_OR_ARRAY);
        for (String m : new String[] {"properties", "patternProperties", "dependentSchemas"}) {
            k.put(m, Shape.SCHEMA_MAP);
        }
        // Validation vocabulary.
        for (String v : new String[] {"type", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
                "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
                "maxContains", "minContains", "maxProperties", "minProperties", "required", "dependentRequired"}) {
            k.put(v, Shape.VALUE);
        }
        k.put("enum", Shape.DATA);
        k.put("const", Shape.DATA);
        // Meta-data, format-annotation and content vocabularies.
        for (String v : new String[] {"title", "description", "deprecated", "readOnly", "writeOnly", "format",
                "contentEncoding", "contentMediaType"}) {
            k.put(v, Shape.VALUE);
        }
        k.put("default", Shape.DATA);
        k.put("examples", Shape.DATA);
        k.put("contentSchema", Shape.SCHEMA);
        // Draft-07 keywords that draft 2020-12 replaced.
        k.put("definitions", Shape.SCHEMA_MAP);
        k.put("dependencies", Shape.SCHEMA_OR_NAMES_MAP);
        k.put("additionalItems", Shape.SCHEMA);
        // jsonschema2pojo keywords that name or shape the generated classes.
        for (String v : new String[] {"javaType", "existingJavaType", "javaName", "javaEnumNames", "javaInterfaces",
                "excludedFromEqualsAndHashCode"}) {
            k.put(v, Shape.VALUE);
        }
        return Map.copyOf(k);
    }

    /** The shape of a known keyword's value, or null when {@code keyword} is not one kafkaesk knows. */
    public static @Nullable Shape shape(String keyword) {
        return KNOWN.get(keyword);
    }

    /** Every known keyword (without extensions). */
    public static Set<String> known() {
        return KNOWN.keySet();
    }

    /** True for an extension keyword ({@code x-...}), which is never read as JSON Schema. */
    public static boolean isExtension(String keyword) {
        return keyword.startsWith(EXTENSION_PREFIX);
    }

    /** True for a keyword whose value is JSON data, so that a {@code $ref} or any other key inside it means nothing. */
    public static boolean isData(String keyword) {
        return KNOWN.get(keyword) == Shape.DATA;
    }
}
