package io.kafkaesk.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The AsyncAPI document of the example application: valid against the official AsyncAPI 3.0.0 JSON Schema (read
 * from {@code ../shared/asyncapi/} beside the repository), with one channel per stream and one message per schema
 * version, the YAML form equal to the JSON one, and a copy on the class path for the worker.
 */
class AsyncApiTest {
    private static final Path OFFICIAL_SCHEMA = Path.of("../../shared/asyncapi/asyncapi-3.0.0.schema.json");
    private static final Path EXAMPLE_SCHEMAS = Path.of("../examples/src/main/schemas");

    @TempDir
    Path out;

    private JsonNode generate() throws Exception {
        Codegen.run(CodegenRequest.builder()
                .sourceDirectory(EXAMPLE_SCHEMAS)
                .javaOutputDirectory(out.resolve("java"))
                .resourceOutputDirectory(out.resolve("resources"))
                .packageName("io.kafkaesk.examples.events")
                .asyncApiDirectory(out.resolve("kafkaesk"))
                .asyncApiInfo("kafkaesk-examples", "0.1.0-SNAPSHOT")
                .build());
        return JsonMapper.builder().build().readTree(Files.readString(out.resolve("kafkaesk/asyncapi.json")));
    }

    @Test
    void theExampleDocumentIsValidAsyncApi300() throws Exception {
        assumeTrue(Files.isRegularFile(OFFICIAL_SCHEMA),
                "the official AsyncAPI schema is not at " + OFFICIAL_SCHEMA.toAbsolutePath().normalize());
        JsonNode document = generate();
        Schema official = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(Files.readString(OFFICIAL_SCHEMA, StandardCharsets.UTF_8), InputFormat.JSON);
        List<Error> errors = official.validate(document);
        assertEquals(List.of(), errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList());

        // The official schema is really applied: a server without a protocol is refused.
        ObjectNode broken = (ObjectNode) document.deepCopy();
        ((ObjectNode) broken.at("/servers/kafka")).remove("protocol");
        assertTrue(!official.validate(broken).isEmpty(), "the validator must refuse a server without protocol");
    }

    @Test
    void describesStreamsAsChannelsAndVersionsAsMessages() throws Exception {
        JsonNode document = generate();
        assertEquals("3.0.0", document.get("asyncapi").asString());
        assertEquals("{topicPrefix}", document.at("/servers/kafka/pathname").asString());
        assertTrue(document.at("/servers/kafka/variables/topicPrefix").isObject());
        JsonNode channel = document.at("/channels/shop.orders.placed");
        assertEquals("shop.orders.placed", channel.get("address").asString());
        assertEquals("#/components/messages/OrderPlaced.v2",
                channel.at("/messages/OrderPlaced.v2/$ref").asString());
        assertEquals(3, channel.at("/bindings/kafka/partitions").asInt());
        assertEquals(604800000L, channel.at("/bindings/kafka/topicConfiguration/retention.ms").asLong());
        JsonNode message = document.at("/components/messages/OrderPlaced.v2");
        assertEquals("OrderPlaced:2", message.at("/payload/properties/schema/const").asString());
        JsonNode data = message.at("/payload/properties/data");
        assertEquals("object", data.at("/properties/shipTo/type").asString(), "the $ref to address.json is resolved");
        assertTrue(data.at("/properties/shipTo/$ref").isMissingNode());
        assertTrue(data.at("/x-kafkaesk").isMissingNode());
        assertTrue(message.at("/bindings/kafka/key/description").asString().contains("/orderId"));
        assertTrue(message.at("/headers/properties/traceparent").isObject());
    }

    @Test
    void writesTheSameDocumentAsYamlAndOnTheClassPath() throws Exception {
        JsonNode document = generate();
        JsonNode yaml = new YAMLMapper().readTree(Files.readString(out.resolve("kafkaesk/asyncapi.yaml")));
        assertEquals(document, yaml);
        assertEquals(Files.readString(out.resolve("kafkaesk/asyncapi.json")),
                Files.readString(out.resolve("resources/META-INF/kafkaesk/asyncapi.json")));
    }
}
