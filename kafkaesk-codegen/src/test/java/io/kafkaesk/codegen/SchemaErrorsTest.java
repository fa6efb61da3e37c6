package io.kafkaesk.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad schema files: each case under {@code src/test/resources/bad/<case>} must fail with errors that name the
 * stable id, the file, the JSON pointer, the line and column, and say what is wrong.
 */
class SchemaErrorsTest {
    @TempDir
    Path out;

    private List<SchemaError> errors(String badCase) {
        CodegenRequest request = CodegenRequest.builder()
                .sourceDirectory(Path.of("src/test/resources/bad", badCase))
                .javaOutputDirectory(out.resolve("java"))
                .resourceOutputDirectory(out.resolve("resources"))
                .packageName("com.acme")
                .build();
        SchemaErrorsException e = assertThrows(SchemaErrorsException.class, () -> Codegen.run(request));
        assertTrue(e.getMessage().startsWith(e.errors().size() == 1 ? "1 schema error:" : e.errors().size() + " schema errors:"),
                e.getMessage());
        for (SchemaError error : e.errors()) {
            assertTrue(e.getMessage().contains(error.toString()), "the message lists every error");
        }
        return e.errors();
    }

    private static void assertError(SchemaError error, String id, String file, String pointer, int line, int column,
            String message) {
        assertEquals(id, error.id(), error::toString);
        assertEquals(file, error.file(), error::toString);
        assertEquals(pointer, error.pointer(), error::toString);
        assertEquals(line + ":" + column, error.line() + ":" + error.column(), error::toString);
        assertTrue(error.message().contains(message), () -> "expected '" + message + "' in " + error);
        assertTrue(!error.hint().isBlank(), error::toString);
    }

    @Test
    void reportsMalformedJsonWithLineAndColumnOfTheSyntaxError() {
        List<SchemaError> errors = errors("invalid-json");
        assertEquals(1, errors.size(), errors::toString);
        assertError(errors.get(0), "[kafkaesk:invalid-json]", "broken.json", "", 3, 18,
                "the file is not valid JSON: Unexpected character (','");
    }

    @Test
    void rejectsMessageSchemaThatDoesNotDescribeAnObject() {
        List<SchemaError> errors = errors("not-object");
        assertEquals(1, errors.size(), errors::toString);
        assertError(errors.get(0), "[kafkaesk:not-object-schema]", "tags.json", "/type", 3, 11,
                "a message schema must describe a JSON object, but its type is \"array\"");
    }

    @Test
    void reportsEveryBadMetadataValueAtItsOwnPointer() {
        List<SchemaError> errors = errors("bad-metadata");
        assertEquals(6, errors.size(), errors::toString);
        errors.forEach(e -> assertEquals("[kafkaesk:bad-metadata]", e.id()));
        assertError(errors.get(0), "[kafkaesk:bad-metadata]", "content.json", "/x-kafkaesk/version", 4, 16,
                "invalid value 0 for x-kafkaesk.version: must have a minimum value of 1");
        assertError(errors.get(1), "[kafkaesk:bad-metadata]", "content.json", "/x-kafkaesk/retention", 5, 18,
                "invalid value \"1d\" for x-kafkaesk.retention");
        assertError(errors.get(2), "[kafkaesk:bad-metadata]", "content.json", "/x-kafkaesk/streams/1", 6, 35,
                "invalid value \"content edited\" for x-kafkaesk.streams.1");
        assertError(errors.get(3), "[kafkaesk:bad-metadata]", "content.json", "/x-kafkaesk/partitions", 7, 19,
                "invalid value 0 for x-kafkaesk.partitions");
        assertError(errors.get(4), "[kafkaesk:bad-metadata]", "content.json", "/x-kafkaesk/key", 8, 12,
                "invalid value \"id\" for x-kafkaesk.key");
        assertError(errors.get(5), "[kafkaesk:bad-metadata]", "content.json", "/x-kafkaesk/colour", 9, 15,
                "unknown key 'colour' in x-kafkaesk");
        assertTrue(errors.get(0).hint().contains("1 or more"), errors.get(0)::toString);
    }

    @Test
    void rejectsDialectsOtherThanDraft2020And07() {
        List<SchemaError> errors = errors("unsupported-dialect");
        assertEquals(1, errors.size(), errors::toString);
        assertError(errors.get(0), "[kafkaesk:unsupported-dialect]", "old.json", "/$schema", 2, 14,
                "$schema \"http://json-schema.org/draft-04/schema#\" is not a supported JSON Schema dialect");
    }

    @Test
    void reportsDuplicateSchemaKeyInBothFiles() {
        List<SchemaError> errors = errors("duplicate-key");
        assertEquals(2, errors.size(), errors::toString);
        String message = "schema key Content:1 is declared twice: content-copy.json, content.json";
        assertError(errors.get(0), "[kafkaesk:duplicate-key]", "content-copy.json", "/x-kafkaesk/id", 3, 11, message);
        assertError(errors.get(1), "[kafkaesk:duplicate-key]", "content.json", "/title", 2, 12, message);
    }

    @Test
    void reportsStreamClaimedByTwoSchemaIdsButLetsVersionsShareIt() {
        List<SchemaError> errors = errors("stream-conflict");
        assertEquals(3, errors.size(), errors::toString);
        String message = "stream content.edited is claimed by schema ids Article, Video";
        assertError(errors.get(0), "[kafkaesk:stream-conflict]", "article-v2.json", "/x-kafkaesk/streams/0", 2, 61,
                message);
        assertError(errors.get(1), "[kafkaesk:stream-conflict]", "article.json", "/x-kafkaesk/streams/0", 2, 47,
                message);
        assertError(errors.get(2), "[kafkaesk:stream-conflict]", "video.json", "/x-kafkaesk/streams/1", 2, 55,
                message);
    }

    @Test
    void reportsEveryReferenceThatDoesNotResolveAndIgnoresRefKeysInData() {
        List<SchemaError> errors = errors("unresolved-ref");
        assertEquals(4, errors.size(), errors::toString);
        assertError(errors.get(0), "[kafkaesk:unresolved-ref]", "order.json", "/properties/a/$ref", 5, 19,
                "$ref \"missing.json\" points to missing.json, which does not exist");
        assertError(errors.get(1), "[kafkaesk:unresolved-ref]", "order.json", "/properties/b/$ref", 6, 19,
                "points to #/$defs/Nope, which common.json does not have");
        assertError(errors.get(2), "[kafkaesk:unresolved-ref]", "order.json", "/properties/c/$ref", 7, 19,
                "points to #/$defs/Absent, which order.json does not have");
        assertError(errors.get(3), "[kafkaesk:unresolved-ref]", "order.json", "/properties/d/$ref", 8, 19,
                "points outside the schema files");
    }

    @Test
    void reportsTwoSchemasThatWouldGenerateTheSameClass() {
        List<SchemaError> errors = errors("class-name-conflict");
        assertEquals(2, errors.size(), errors::toString);
        assertError(errors.get(0), "[kafkaesk:class-name-conflict]", "a.json", "/x-kafkaesk/javaType", 2, 41,
                "class com.acme.Thing would be generated from a.json, b.json");
        assertError(errors.get(1), "[kafkaesk:class-name-conflict]", "b.json", "/x-kafkaesk/javaType", 2, 41,
                "class com.acme.Thing would be generated from a.json, b.json");
    }

    @Test
    void rejectsMisspeltTopLevelKeywordsThatWouldLeaveTheClassWithoutFields() {
        List<SchemaError> errors = errors("misspelt-keywords");
        assertEquals(2, errors.size(), errors::toString);
        assertError(errors.get(0), "[kafkaesk:unknown-keyword]", "content.json", "/propertes", 4, 16,
                "unknown keyword \"propertes\"");
        assertEquals("did you mean \"properties\"?", errors.get(0).hint());
        assertError(errors.get(1), "[kafkaesk:unknown-keyword]", "content.json", "/requierd", 8, 15,
                "unknown keyword \"requierd\"");
        assertEquals("did you mean \"required\"?", errors.get(1).hint());
    }

    @Test
    void rejectsMisspeltKeywordsInPropertiesItemsAndDefinitions() {
        List<SchemaError> errors = errors("nested-unknown-keyword");
        assertEquals(3, errors.size(), errors::toString);
        assertError(errors.get(0), "[kafkaesk:unknown-keyword]", "reading.json", "/properties/sensor/maxLenght", 5,
                47, "unknown keyword \"maxLenght\"");
        assertEquals("did you mean \"maxLength\"?", errors.get(0).hint());
        assertError(errors.get(1), "[kafkaesk:unknown-keyword]", "reading.json", "/properties/tags/items/pattrn", 8,
                45, "unknown keyword \"pattrn\"");
        assertEquals("did you mean \"pattern\"?", errors.get(1).hint());
        assertError(errors.get(2), "[kafkaesk:unknown-keyword]", "reading.json",
                "/$defs/unused/additionalProperties/minLenght", 12, 90, "unknown keyword \"minLenght\"");
        assertEquals("did you mean \"minLength\"?", errors.get(2).hint());
    }

    @Test
    void rejectsTypeThatIsNoJsonTypeOnceEvenAtTheTop() {
        List<SchemaError> errors = errors("invalid-type");
        assertEquals(3, errors.size(), errors::toString);
        assertError(errors.get(0), "[kafkaesk:invalid-type]", "reading.json", "/properties/count/type", 6, 23,
                "invalid type \"integr\": a type is one of array, boolean, integer, null, number, object, string");
        assertEquals("did you mean \"integer\"?", errors.get(0).hint());
        assertError(errors.get(1), "[kafkaesk:invalid-type]", "reading.json", "/properties/level/type/1", 7, 34,
                "invalid type \"nul\"");
        assertEquals("did you mean \"null\"?", errors.get(1).hint());
        assertError(errors.get(2), "[kafkaesk:invalid-type]", "thing.json", "/type", 3, 11, "invalid type \"objetc\"");
        assertEquals("did you mean \"object\"?", errors.get(2).hint());
    }

    @Test
    void rejectsFormatKafkaeskDoesNotSupport() {
        List<SchemaError> errors = errors("unknown-format");
        assertEquals(1, errors.size(), errors::toString);
        assertError(errors.get(0), "[kafkaesk:unknown-format]", "reading.json", "/properties/at/format", 6, 40,
                "unknown format \"date-tme\": nothing would check it");
        assertEquals("did you mean \"date-time\"?", errors.get(0).hint());
    }

    @Test
    void rejectsRequiredNameThatNoPropertyDeclares() {
        List<SchemaError> errors = errors("undeclared-required");
        assertEquals(1, errors.size(), errors::toString);
        assertError(errors.get(0), "[kafkaesk:undeclared-required]", "reading.json", "/required/1", 8, 26,
                "required property \"cuont\" is not declared in \"properties\"");
        assertEquals("did you mean \"count\"?", errors.get(0).hint());
    }

    @Test
    void rejectsRecordKeyThatNamesNoProperty() {
        List<SchemaError> errors = errors("unresolved-key");
        assertEquals(1, errors.size(), errors::toString);
        assertError(errors.get(0), "[kafkaesk:unresolved-key]", "reading.json", "/x-kafkaesk/key", 2, 42,
                "x-kafkaesk.key \"/binn\" names no property: the data has no property \"binn\"");
        assertEquals("did you mean \"/bin\"?", errors.get(0).hint());
    }

    @Test
    void collectsErrorsOfEveryKindFromEveryFileInOneReport() {
        List<SchemaError> errors = errors("many");
        assertEquals(List.of("a.json [kafkaesk:bad-metadata]", "b.json [kafkaesk:unresolved-ref]",
                        "c.json [kafkaesk:invalid-json]", "d.json [kafkaesk:not-object-schema]"),
                errors.stream().map(e -> e.file() + " " + e.id()).collect(Collectors.toList()));
    }

    @Test
    void writesNothingWhenAnySchemaIsBad() throws Exception {
        errors("many");
        assertTrue(!Files.exists(out.resolve("java")) && !Files.exists(out.resolve("resources")));
    }
}
