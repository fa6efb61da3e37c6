package io.kafkaesk.codegen.internal.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.codegen.internal.Problems;
import io.kafkaesk.codegen.internal.SchemaDocument;
import io.kafkaesk.codegen.internal.SchemaReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One minimal pair of schemas per compatibility rule: the old and the new version, the findings expected, and
 * whom they break ("new" = consumers of the new version, a BACKWARD violation; "old" = consumers of the old
 * version, a FORWARD violation).
 */
class CompatibilityRulesTest {
    @TempDir
    Path dir;

    static Stream<Arguments> minimalPairs() {
        return Stream.of(
                pair(Rule.TYPE_NARROWED, "new", "{'type':'number'}", "{'type':'integer'}"),
                pair(Rule.TYPE_NARROWED, "new", "{'type':['string','null']}", "{'type':'string'}"),
                pair(Rule.TYPE_WIDENED, "old", "{'type':'integer'}", "{'type':'number'}"),
                pair(Rule.TYPE_WIDENED, "old", "{'type':'string'}",
                        "{'anyOf':[{'type':'string'},{'type':'null'}]}"),
                pair(Rule.REQUIRED_PROPERTY_ADDED, "new", "{'type':'object','properties':{'a':{}}}",
                        "{'type':'object','properties':{'a':{}},'required':['a']}"),
                pair(Rule.REQUIRED_PROPERTY_REMOVED, "old",
                        "{'type':'object','properties':{'a':{}},'required':['a']}",
                        "{'type':'object','properties':{'a':{}}}"),
                pair(Rule.PROPERTY_ADDED_TO_OPEN_MODEL, "new", "{'type':'object'}",
                        "{'type':'object','properties':{'a':{'type':'string'}}}"),
                pair(Rule.PROPERTY_ADDED_TO_CLOSED_MODEL, "old", "{'type':'object','additionalProperties':false}",
                        "{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':false}"),
                pair(Rule.PROPERTY_ADDED_TO_PARTIALLY_OPEN_MODEL, "new old",
                        "{'type':'object','additionalProperties':{'type':'string'}}",
                        "{'type':'object','properties':{'a':{'type':'integer'}},'additionalProperties':{'type':'string'}}"),
                pair(Rule.PROPERTY_REMOVED_FROM_OPEN_MODEL, "old",
                        "{'type':'object','properties':{'a':{'type':'string'}}}", "{'type':'object'}"),
                pair(Rule.PROPERTY_REMOVED_FROM_CLOSED_MODEL, "new",
                        "{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':false}",
                        "{'type':'object','additionalProperties':false}"),
                pair(Rule.PROPERTY_REMOVED_FROM_PARTIALLY_OPEN_MODEL, "new old",
                        "{'type':'object','properties':{'a':{'type':'integer'}},'additionalProperties':{'type':'string'}}",
                        "{'type':'object','additionalProperties':{'type':'string'}}"),
                pair(Rule.ADDITIONAL_PROPERTIES_NARROWED, "new", "{'type':'object'}",
                        "{'type':'object','additionalProperties':false}"),
                pair(Rule.ADDITIONAL_PROPERTIES_WIDENED, "old", "{'type':'object','additionalProperties':false}",
                        "{'type':'object'}"),
                pair(Rule.ENUM_VALUE_REMOVED, "new", "{'enum':['a','b']}", "{'enum':['a']}"),
                pair(Rule.ENUM_VALUE_ADDED, "old", "{'enum':['a']}", "{'enum':['a','b']}"),
                pair(Rule.RANGE_TIGHTENED, "new", "{'type':'integer','minimum':0}", "{'type':'integer','minimum':1}"),
                pair(Rule.RANGE_TIGHTENED, "new", "{'type':'number','maximum':10}",
                        "{'type':'number','exclusiveMaximum':10}"),
                pair(Rule.RANGE_TIGHTENED, "new", "{'type':'number','multipleOf':0.5}",
                        "{'type':'number','multipleOf':1}"),
                pair(Rule.RANGE_LOOSENED, "old", "{'type':'number','maximum':10}", "{'type':'number','maximum':20}"),
                pair(Rule.LENGTH_TIGHTENED, "new", "{'type':'string','maxLength':10}",
                        "{'type':'string','maxLength':5}"),
                pair(Rule.LENGTH_LOOSENED, "old", "{'type':'array','minItems':1}", "{'type':'array'}"),
                pair(Rule.PATTERN_ADDED, "new", "{'type':'string'}", "{'type':'string','pattern':'^[a-z]+$'}"),
                pair(Rule.PATTERN_REMOVED, "old", "{'type':'string','pattern':'^[a-z]+$'}", "{'type':'string'}"),
                pair(Rule.PATTERN_CHANGED, "new old", "{'type':'string','pattern':'^[a-z]+$'}",
                        "{'type':'string','pattern':'^[a-z0-9]+$'}"),
                pair(Rule.FORMAT_ADDED, "new", "{'type':'string'}", "{'type':'string','format':'date-time'}"),
                pair(Rule.FORMAT_REMOVED, "old", "{'type':'string','format':'email'}", "{'type':'string'}"),
                pair(Rule.FORMAT_CHANGED, "new old", "{'type':'string','format':'date'}",
                        "{'type':'string','format':'date-time'}"),
                pair(Rule.SCHEMA_CLOSED, "new", "{'type':'array','items':true}", "{'type':'array','items':false}"),
                pair(Rule.SCHEMA_OPENED, "old", "{'type':'array','items':false}", "{'type':'array','items':true}"),
                pair(Rule.KEYWORD_CHANGED, "new old", "{'type':'array','uniqueItems':true}", "{'type':'array'}"));
    }

    private static Arguments pair(Rule rule, String breaks, String oldSchema, String newSchema) {
        return Arguments.of(rule, breaks, oldSchema.replace('\'', '"'), newSchema.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0} breaks {1} consumers: {2} -> {3}")
    @MethodSource("minimalPairs")
    void reportsTheRuleOfEachMinimalPair(Rule rule, String breaks, String oldSchema, String newSchema)
            throws IOException {
        List<Finding> findings = compare(oldSchema, newSchema);
        assertEquals(List.of(rule), findings.stream().map(Finding::rule).toList(), findings::toString);
        Finding f = findings.get(0);
        Set<String> expected = Set.of(breaks.split(" "));
        assertEquals(expected.contains("new"), f.breaksNewConsumers(), f::toString);
        assertEquals(expected.contains("old"), f.breaksOldConsumers(), f::toString);
        assertEquals(List.of(), compare(newSchema, newSchema), "a schema is compatible with itself");
    }

    @Test
    void everyRuleHasAMinimalPair() {
        Set<Rule> covered = minimalPairs().map(a -> (Rule) a.get()[0]).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Rule.class), EnumSet.copyOf(covered));
    }

    @Test
    void everyRuleIsInThePluginReadmeTable() throws IOException {
        String readme = Files.readString(Path.of("../kafkaesk-maven-plugin/README.md"), StandardCharsets.UTF_8);
        List<String> missing = Arrays.stream(Rule.values()).map(Rule::id)
                .filter(id -> !readme.contains("| `" + id + "`")).toList();
        assertEquals(List.of(), missing, "rules missing from the compatibility table of the plugin README");
    }

    @Test
    void followsReferencesToTheirTargetsInsteadOfComparingNames() throws IOException {
        String old = "{'type':'object','properties':{'a':{'$ref':'#/$defs/Old'}},'$defs':{'Old':{'type':'string'}}}";
        String renamed = "{'type':'object','properties':{'a':{'$ref':'#/$defs/New'}},'$defs':{'New':{'type':'string'}}}";
        String inline = "{'type':'object','properties':{'a':{'type':'string'}}}";
        assertEquals(List.of(), compare(json(old), json(renamed)));
        assertEquals(List.of(), compare(json(old), json(inline)));
        String changed = "{'type':'object','properties':{'a':{'$ref':'#/$defs/New'}},'$defs':{'New':{'type':'integer'}}}";
        List<Finding> findings = compare(json(old), json(changed));
        assertEquals(List.of(Rule.TYPE_NARROWED, Rule.TYPE_WIDENED), findings.stream().map(Finding::rule).toList());
        assertEquals("/$defs/Old/type", findings.get(0).oldSite().pointer());
        assertEquals("/$defs/New/type", findings.get(0).newSite().pointer());
    }

    @Test
    void comparesArrayItems() throws IOException {
        List<Finding> findings = compare(json("{'type':'array','items':{'type':'number'}}"),
                json("{'type':'array','items':{'type':'integer'}}"));
        assertEquals(List.of(Rule.TYPE_NARROWED), findings.stream().map(Finding::rule).toList());
        assertEquals("/items/type", findings.get(0).newSite().pointer());
    }

    @Test
    void addingAnUnconstrainedPropertyToAnOpenModelBreaksNobody() throws IOException {
        assertEquals(List.of(), compare(json("{'type':'object'}"), json("{'type':'object','properties':{'a':{}}}")));
    }

    @Test
    void loosenedBoundsAreBackwardCompatible() throws IOException {
        List<Finding> findings = compare(json("{'type':'integer','minimum':1,'maximum':5}"),
                json("{'type':'integer','minimum':0}"));
        assertTrue(findings.stream().noneMatch(Finding::breaksNewConsumers), findings::toString);
        assertEquals(2, findings.size(), findings::toString);
    }

    @Test
    void recursiveSchemasEnd() throws IOException {
        String tree = "{'type':'object','properties':{'children':{'type':'array','items':{'$ref':'#'}}}}";
        assertEquals(List.of(), compare(json(tree), json(tree)));
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private List<Finding> compare(String oldSchema, String newSchema) throws IOException {
        Site.SchemaSet oldSet = set("old", oldSchema);
        Site.SchemaSet newSet = set("new", newSchema);
        return SchemaDiff.compare(Site.root(oldSet, oldSet.docs().get("s.json")),
                Site.root(newSet, newSet.docs().get("s.json")));
    }

    private Site.SchemaSet set(String name, String schema) throws IOException {
        Path file = Files.createDirectories(dir.resolve(name)).resolve("s.json");
        Files.writeString(file, schema, StandardCharsets.UTF_8);
        Problems problems = new Problems();
        SchemaDocument doc = SchemaReader.read(file, "s.json", problems);
        assertTrue(problems.isEmpty());
        Map<String, SchemaDocument> docs = new TreeMap<>();
        docs.put("s.json", doc);
        return new Site.SchemaSet(name.equals("old") ? "v1!" : "", docs);
    }
}
