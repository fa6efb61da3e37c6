package io.kafkaesk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kafkaesk.MessageSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** schemas/envelope.schema.json, the envelope's contract for other languages, agrees with the vectors. */
class EnvelopeSchemaTest {
    private static final Path SCHEMA =
            EnvelopeCodecTest.VECTORS.getParent().getParent().resolve("envelope.schema.json");

    private static SchemaValidator envelopeValidator() throws IOException {
        return SchemaValidator.compile(MessageSchema.builder("Envelope", JsonNode.class)
                .schemaJson(Files.readString(SCHEMA, StandardCharsets.UTF_8)).build());
    }

    @Test
    void everyVectorIsAValidEnvelope() throws IOException {
        SchemaValidator validator = envelopeValidator();
        for (JsonNode vector : EnvelopeCodecTest.vectors()) {
            JsonNode value = Json.mapper().readTree(vector.get("value").asString());
            assertEquals(List.of(), validator.validate(value), vector.get("name").asString());
        }
    }

    @Test
    void recordsWithoutSchemaKeyOrDataAreNotEnvelopes() throws IOException {
        SchemaValidator validator = envelopeValidator();
        for (String bad : List.of("{\"data\":{}}", "{\"schema\":\"Foo\",\"data\":{}}",
                "{\"schema\":\"Foo:0\",\"data\":1}", "{\"schema\":\"Foo:1\"}", "[]")) {
            assertFalse(validator.validate(Json.mapper().readTree(bad)).isEmpty(), bad);
        }
    }
}
