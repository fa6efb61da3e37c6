package io.kafkaesk.internal.consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TopicGlobTest {
    @Test
    void starMatchesAnyCharactersIncludingDotsAfterThePrefix() {
        Pattern p = TopicGlob.toPattern("dev.", "content.*", List.of());
        assertTrue(p.matcher("dev.content.edited.Resource").matches());
        assertTrue(p.matcher("dev.content.").matches());
        assertFalse(p.matcher("content.edited").matches(), "the prefix is required");
        assertFalse(p.matcher("dev.contentX").matches());
    }

    @Test
    void everythingButStarMatchesLiterally() {
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
    void recognisesGlobs() {
        assertTrue(TopicGlob.isGlob("content.*"));
        assertFalse(TopicGlob.isGlob("content.edited"));
    }
}
