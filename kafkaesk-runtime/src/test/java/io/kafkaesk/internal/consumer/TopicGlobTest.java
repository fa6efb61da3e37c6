package io.kafkaesk.internal.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TopicGlobTest {
    /** Python's own fnmatch results, computed once with CPython and kept as data. */
    static final Path FNMATCH_TABLE = Path.of("../schemas/test-vectors/fnmatch.json");

    @Test
    void matchesExactlyWhatPythonsFnmatchMatchesOnTheTable() throws Exception {
        JsonNode table = Json.mapper().readTree(Files.readString(FNMATCH_TABLE));
        List<String> names = new ArrayList<>();
        table.get("names").forEach(n -> names.add(n.asString()));
        int patterns = 0;
        for (JsonNode row : table.get("patterns")) {
            String glob = row.get("pattern").asString();
            List<String> expected = new ArrayList<>();
            row.get("matches").forEach(n -> expected.add(n.asString()));
            Pattern p = TopicGlob.toPattern("", glob, List.of());
            List<String> actual = names.stream().filter(n -> p.matcher(n).matches()).toList();
            assertEquals(expected, actual, "pattern '" + glob + "' (regex " + p + ")");
            patterns++;
        }
        assertTrue(patterns >= 30, "the table holds " + patterns + " patterns");
    }

    @Test
    void starMatchesAnyCharactersIncludingDotsAfterThePrefix() {
        Pattern p = TopicGlob.toPattern("dev.", "content.*", List.of());
        assertTrue(p.matcher("dev.content.edited.Resource").matches());
        assertTrue(p.matcher("dev.content.").matches());
        assertFalse(p.matcher("content.edited").matches(), "the prefix is required");
        assertFalse(p.matcher("dev.contentX").matches());
    }

    @Test
    void thePrefixMatchesLiterally() {
        Pattern p = TopicGlob.toPattern("a.b", "*", List.of());
        assertTrue(p.matcher("a.bc").matches());
        assertFalse(p.matcher("aXbc").matches(), "a dot in the prefix is not a wildcard");
    }

    @Test
    void regexCharactersMatchLiterally() {
        Pattern p = TopicGlob.toPattern("", "a.b*c+d", List.of());
        assertTrue(p.matcher("a.bXYZc+d").matches());
        assertFalse(p.matcher("aXbXYZc+d").matches(), "a dot is not a wildcard");
        assertFalse(p.matcher("a.bccd").matches(), "a plus is not a quantifier");
    }

    @Test
    void excludedTopicsNeverMatch() {
        Pattern p = TopicGlob.toPattern("p.", "*", List.of("p.kafkaesk.dead-letter"));
        assertTrue(p.matcher("p.orders").matches());
        assertFalse(p.matcher("p.kafkaesk.dead-letter").matches());
        assertTrue(p.matcher("p.kafkaesk.dead-letter.x").matches());
    }

    @Test
    void recognisesPatternsByTheirWildcards() {
        assertTrue(TopicGlob.isGlob("content.*"));
        assertTrue(TopicGlob.isGlob("content.v?"));
        assertTrue(TopicGlob.isGlob("content.[ab]"));
        assertFalse(TopicGlob.isGlob("content.edited"));
        assertFalse(TopicGlob.isGlob("content-edited_v1"));
    }
}
