package io.kafkaesk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CorpusTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void everyPoolHoldsValidVariedMessages() {
        for (Corpus.Entry<?> entry : Corpus.entries(List.of("all"))) {
            assertEquals(Corpus.POOL, entry.pool().length, entry.name());
            Corpus.checkValid(entry);
            Set<String> distinct = new HashSet<>();
            for (Object data : entry.pool()) {
                distinct.add(MAPPER.writeValueAsString(data));
            }
            assertTrue(distinct.size() > Corpus.POOL / 2, entry.name() + ": only " + distinct.size()
                    + " distinct messages in a pool of " + Corpus.POOL);
        }
    }

    @Test
    void holdsEveryMessageSchemaOfTheExamples() throws IOException {
        Path examples = Path.of("..", "examples", "src", "main", "schemas");
        Set<String> corpus = new HashSet<>();
        Corpus.entries(List.of("all")).forEach(e -> corpus.add(e.name()));
        int messages = 0;
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode schema = MAPPER.readTree(file.toFile());
                JsonNode kafkaesk = schema.get("x-kafkaesk");
                if (kafkaesk == null) {
                    continue; // a definition other schemas refer to, measured inside them
                }
                int version = kafkaesk.has("version") ? kafkaesk.get("version").asInt() : 1;
                String key = schema.get("title").asString() + ":" + version;
                assertTrue(corpus.contains(key), file + " (" + key + ") is not in the benchmark's corpus: add a"
                        + " generator for it to CorpusData and an entry to Corpus");
                messages++;
            }
        }
        assertTrue(messages >= 4, "found only " + messages + " message schemas under " + examples.toAbsolutePath());
    }

    @Test
    void selectsSchemasByIdOrKey() {
        assertEquals(List.of("OrderPlaced:1", "OrderPlaced:2"),
                Corpus.entries(List.of("OrderPlaced")).stream().map(Corpus.Entry::name).toList());
        assertEquals(List.of("OrderPlaced:2", "OrderSubmitted:1"),
                Corpus.entries(List.of("orderplaced:2", "OrderSubmitted")).stream().map(Corpus.Entry::name).toList());
        assertThrows(IllegalArgumentException.class, () -> Corpus.entries(List.of("NoSuchEvent")));
    }
}
