package io.kafkaesk.codegen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kafkaesk.codegen.SchemaError;
import io.kafkaesk.codegen.SchemaErrorsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The keyword check rejects nothing that JSON Schema allows: run over every schema of the JSON-Schema-Test-Suite
 * (draft 2020-12 and draft-07 tests, and the remotes they refer to), it flags only what the suite uses on purpose as
 * unknown. The suite is read from {@code ../shared/json-schema-test-suite} beside the repository.
 */
class KeywordCheckSuiteTest {
    private static final Path SUITE =
            Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve("json-schema-test-suite");

    /** Remotes of other dialects, which kafkaesk does not accept (their files use draft-04 and 2019-09 keywords). */
    private static final Set<String> OTHER_DIALECTS = Set.of("draft2019-09", "draft3", "draft4", "draft6");

    /**
     * What the suite deliberately writes as unknown, by file: keywords in "unknown keyword" tests that JSON Schema
     * must ignore, and an unknown format that must pass as an annotation. kafkaesk rejects them, as intended.
     */
    private static final Set<String> DELIBERATELY_UNKNOWN = Set.of(
            "draft2020-12/optional/refOfUnknownKeyword.json [kafkaesk:unknown-keyword] /unknown-keyword",
            "draft2020-12/optional/refOfUnknownKeyword.json [kafkaesk:unknown-keyword] /unknown~1keyword",
            "draft2020-12/optional/refOfUnknownKeyword.json [kafkaesk:unknown-keyword] /properties/foo/unknown-keyword",
            "draft2020-12/optional/refOfUnknownKeyword.json [kafkaesk:unknown-keyword] /properties/foo/unknown~1keyword",
            "draft2020-12/optional/unknownKeyword.json [kafkaesk:unknown-keyword] /$defs/id_in_unknown0/not/array_of_schemas",
            "draft2020-12/optional/unknownKeyword.json [kafkaesk:unknown-keyword] /$defs/id_in_unknown1/not/object_of_schemas",
            "draft7/optional/unknownKeyword.json [kafkaesk:unknown-keyword] /definitions/id_in_unknown0/not/array_of_schemas",
            "draft7/optional/unknownKeyword.json [kafkaesk:unknown-keyword] /definitions/id_in_unknown1/not/object_of_schemas",
            "draft2020-12/optional/format/unknown.json [kafkaesk:unknown-format] /format",
            "draft7/optional/format/unknown.json [kafkaesk:unknown-format] /format");

    @Test
    void flagsNothingInTheOfficialSuiteButWhatItMeansToBeUnknown() throws IOException {
        assumeTrue(Files.isDirectory(SUITE.resolve("tests")), "JSON-Schema-Test-Suite not found at " + SUITE);
        KeywordCheck check = new KeywordCheck(Set.of());
        Set<String> flagged = new TreeSet<>();
        int schemas = 0;
        for (Path file : jsonFiles(SUITE.resolve("tests/draft2020-12"), SUITE.resolve("tests/draft7"))) {
            String name = SUITE.resolve("tests").relativize(file).toString().replace('\\', '/');
            for (JsonNode testCase : SchemaReader.MAPPER.readTree(file.toFile())) {
                flagged.addAll(errors(check, name, testCase.get("schema")));
                schemas++;
            }
        }
        for (Path file : jsonFiles(SUITE.resolve("remotes"))) {
            String name = SUITE.relativize(file).toString().replace('\\', '/');
            if (!OTHER_DIALECTS.contains(name.split("/")[1])) {
                flagged.addAll(errors(check, name, SchemaReader.MAPPER.readTree(file.toFile())));
                schemas++;
            }
        }
        System.out.println("KeywordCheckSuiteTest: " + schemas + " schemas checked, " + flagged.size()
                + " deliberately unknown keywords and formats flagged");
        assertEquals(DELIBERATELY_UNKNOWN, flagged);
    }

    private static List<Path> jsonFiles(Path... roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** The errors of one schema as "file [id] pointer", each once. */
    private static Set<String> errors(KeywordCheck check, String name, JsonNode schema) {
        SchemaDocument doc = new SchemaDocument(name, Path.of(name), schema.toString(), schema, Map.of());
        Problems problems = new Problems();
        check.check(doc, Map.of(name, doc), problems);
        Set<String> errors = new TreeSet<>();
        try {
            problems.throwIfAny();
        } catch (SchemaErrorsException e) {
            for (SchemaError error : e.errors()) {
                errors.add(name + " " + error.id() + " " + error.pointer());
            }
        }
        return errors;
    }
}
