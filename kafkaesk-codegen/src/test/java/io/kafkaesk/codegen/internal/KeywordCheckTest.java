package io.kafkaesk.codegen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.codegen.CodegenRequest;
import io.kafkaesk.codegen.SchemaError;
import io.kafkaesk.codegen.SchemaErrorsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the keyword check accepts, and where it looks: schema positions only, never names, data or extensions. */
class KeywordCheckTest {
    @TempDir
    Path dir;

    /** Writes the files (name, text, name, text, ...), checks them as a run does, and returns the errors. */
    private List<SchemaError> check(Set<String> allowed, String... namesAndTexts) throws IOException {
        Problems problems = new Problems();
        Map<String, SchemaDocument> docs = new TreeMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            Path file = dir.resolve(namesAndTexts[i]);
            Files.writeString(file, namesAndTexts[i + 1]);
            docs.put(namesAndTexts[i], SchemaReader.read(file, namesAndTexts[i], problems));
        }
        Map<String, Set<String>> refs = new TreeMap<>();
        docs.values().forEach(doc -> refs.put(doc.file(), RefCheck.check(doc, docs, problems)));
        KeywordCheck check = new KeywordCheck(allowed);
        docs.values().forEach(doc -> check.check(doc, docs, problems));
        Linker.link(docs, refs, "com.acme", problems);
        try {
            problems.throwIfAny();
            return List.of();
        } catch (SchemaErrorsException e) {
            return e.errors();
        }
    }

    private List<SchemaError> check(String... namesAndTexts) throws IOException {
        return check(Set.of(), namesAndTexts);
    }

    @Test
    void acceptsTheKeywordsAndAnnotationsOfBothDialectsAndOfTheClassGenerator() throws IOException {
        assertEquals(List.of(), check("a.json", """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:a", "$comment": "c",
                 "title": "A", "description": "d", "deprecated": false, "readOnly": false, "writeOnly": false,
                 "examples": [{}], "default": {}, "type": "object", "javaInterfaces": ["java.io.Serializable"],
                 "properties": {
                   "n": {"type": ["integer", "null"], "minimum": 0, "exclusiveMaximum": 9, "multipleOf": 1},
                   "s": {"type": "string", "minLength": 1, "maxLength": 9, "pattern": "^a", "format": "uuid",
                         "contentEncoding": "base64", "contentMediaType": "text/plain", "javaName": "text"},
                   "l": {"type": "array", "prefixItems": [{"type": "string"}], "items": {"$ref": "#/$defs/E"},
                         "contains": {"const": "x"}, "minContains": 1, "maxContains": 2, "uniqueItems": true,
                         "unevaluatedItems": false, "minItems": 0, "maxItems": 3},
                   "o": {"type": "object", "patternProperties": {"^x": {}}, "propertyNames": {"maxLength": 3},
                         "dependentRequired": {"a": ["b"]}, "dependentSchemas": {"a": {"required": ["c"]}},
                         "minProperties": 1, "maxProperties": 4, "unevaluatedProperties": false,
                         "existingJavaType": "java.util.Map<String,Object>"},
                   "c": {"if": {"const": 1}, "then": {"const": 1}, "else": {"not": {"anyOf": [true], "oneOf": [{}]}},
                         "allOf": [{"$anchor": "c", "$dynamicAnchor": "d"}]}
                 },
                 "$defs": {"E": {"type": "string", "enum": ["a"], "javaType": "com.acme.E", "javaEnumNames": ["A"]}}}
                """, "b.json", """
                {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                 "properties": {"t": {"type": "array", "items": [{"type": "string"}], "additionalItems": false}},
                 "dependencies": {"t": ["u"], "u": {"properties": {"v": {"type": "string"}}}},
                 "definitions": {"D": {"type": "string", "format": "date-time"}}}
                """));
    }

    @Test
    void readsPropertyNamesAsNamesAndNeverLooksInsideDataOrExtensions() throws IOException {
        assertEquals(List.of(), check("a.json", """
                {"type": "object",
                 "properties": {"propertes": {"type": "string"}, "type": {"type": "string"}, "x-y": {}},
                 "patternProperties": {"maxLenght": {}},
                 "enum": [{"requierd": 1}], "const": {"integr": 1}, "default": {"format": "date-tme"},
                 "examples": [{"type": "integr"}],
                 "x-ui": {"widgt": {"type": "nope"}}, "x-kafkaesk": {"id": "A"}}
                """));
    }

    @Test
    void allowsTheConfiguredKeywordsOnlyAndDoesNotReadTheirValues() throws IOException {
        List<SchemaError> errors = check(Set.of("javaJsonView"), "a.json", """
                {"type": "object", "javaJsonView": {"type": "integr"}, "colour": "red"}
                """);
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("/colour", errors.get(0).pointer());
        assertTrue(errors.get(0).hint().contains("\"x-\"") && errors.get(0).hint().contains("allowedKeywords"),
                errors.get(0)::toString);
    }

    @Test
    void findsRequiredNamesDeclaredByReferencesCompositionAndPatterns() throws IOException {
        assertEquals(List.of(), check("base.json", """
                {"$defs": {"Named": {"properties": {"name": {"type": "string"}}}}}
                """, "a.json", """
                {"type": "object", "properties": {"id": {"type": "string"}},
                 "allOf": [{"$ref": "base.json#/$defs/Named"}], "if": {"properties": {"kind": {}}},
                 "patternProperties": {"^tag_": {"type": "string"}},
                 "required": ["id", "name", "kind", "tag_a"]}
                """, "open.json", """
                {"type": "object", "required": ["anything"]}
                """, "dynamic.json", """
                {"type": "object", "properties": {"id": {}}, "$dynamicRef": "#node", "required": ["id", "child"]}
                """));
    }

    @Test
    void followsTheRecordKeyThroughReferencesIntoNestedProperties() throws IOException {
        String address = """
                {"type": "object", "properties": {"city": {"type": "string"}}}
                """;
        assertEquals(List.of(), check("address.json", address, "a.json", """
                {"x-kafkaesk": {"key": "/shipTo/city"}, "type": "object",
                 "properties": {"shipTo": {"$ref": "address.json"}}}
                """, "b.json", """
                {"x-kafkaesk": {"key": "/labels/en"}, "type": "object",
                 "properties": {"labels": {"type": "object", "additionalProperties": {"type": "string"}}}}
                """, "c.json", """
                {"x-kafkaesk": {"key": "/lines/0/sku"}, "type": "object",
                 "properties": {"lines": {"type": "array", "items": {"type": "object"}}}}
                """));
        List<SchemaError> errors = check("address.json", address, "a.json", """
                {"x-kafkaesk": {"key": "/shipTo/cty"}, "type": "object",
                 "properties": {"shipTo": {"$ref": "address.json"}}}
                """);
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("[kafkaesk:unresolved-key]", errors.get(0).id());
        assertTrue(errors.get(0).message().endsWith("/shipTo has no property \"cty\""), errors.get(0)::toString);
        assertEquals("did you mean \"/shipTo/city\"?", errors.get(0).hint());
    }

    @Test
    void suggestsOnlyNamesCloseEnoughToBeTypos() {
        assertEquals("properties", Suggestions.closest("propertes", Keywords.known()));
        assertEquals("required", Suggestions.closest("requierd", Keywords.known()));
        assertEquals("maxLength", Suggestions.closest("MaxLength", Keywords.known()));
        assertEquals("integer", Suggestions.closest("integr", Keywords.TYPES));
        assertEquals("date-time", Suggestions.closest("date-tme", Keywords.FORMATS));
        assertNull(Suggestions.closest("colour", Keywords.known()));
        assertNull(Suggestions.closest("int64", Keywords.FORMATS));
    }

    @Test
    void rejectsABlankAllowedKeyword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CodegenRequest.builder().allowedKeywords(List.of(" ")));
        assertTrue(e.getMessage().contains("allowedKeywords"), e::getMessage);
    }
}
