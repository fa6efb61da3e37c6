package io.kafkaesk.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The IDE metadata the annotation processor generates: every kafkaesk property, each with a description. */
class ConfigurationMetadataTest {
    @Test
    void everyPropertyIsDescribedForTheIde() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "META-INF/spring-configuration-metadata.json is generated");
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            names.add(name);
            JsonNode description = property.get("description");
            assertFalse(description == null || description.asString().isBlank(), name + " has no description");
        }
        assertEquals(KafkaeskProperties.class.getRecordComponents().length, names.size(), names.toString());
        assertTrue(names.contains("kafkaesk.servers"), names.toString());
        assertTrue(names.contains("kafkaesk.dead-letter-stream"), names.toString());
    }
}
