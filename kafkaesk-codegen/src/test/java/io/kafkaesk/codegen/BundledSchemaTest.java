package io.kafkaesk.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runtime validates against the schema text alone, without the files next to it: a schema that refers to
 * other files ships as a bundle in which those references still resolve, with no network access.
 */
class BundledSchemaTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path out;

    private Schema load(String resource) throws Exception {
        Codegen.run(GoldenFilesTest.request(GoldenFilesTest.SCHEMAS, out));
        String text = Files.readString(out.resolve("resources").resolve(resource));
        // The runtime's set-up (DESIGN section 7).
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        return registry.getSchema(text, InputFormat.JSON);
    }

    @Test
    void bundleResolvesReferencesToOtherFilesAndToDefinitionsInsideThem() throws Exception {
        Schema schema = load("META-INF/kafkaesk/bundles/com/acme/events/orders/order-v2.json");

        List<Error> valid = schema.validate(MAPPER.readTree("""
                {"orderId": "o1", "channel": "web", "billTo": {"city": "Paris", "country": "FR"},
                 "total": {"amount": 12.5, "currency": "EUR"}}"""));
        List<Error> badAddress = schema.validate(MAPPER.readTree("""
                {"orderId": "o1", "channel": "web", "billTo": {"city": "Paris", "country": "XX"}}"""));
        List<Error> badMoney = schema.validate(MAPPER.readTree("""
                {"orderId": "o1", "channel": "web", "total": {"amount": "12.5"}}"""));

        assertEquals(List.of(), valid);
        assertEquals(1, badAddress.size(), badAddress::toString);
        assertEquals("enum", badAddress.get(0).getKeyword());
        assertTrue(badAddress.get(0).getInstanceLocation().toString().contains("country"), badAddress::toString);
        assertEquals(2, badMoney.size(), badMoney::toString);
    }

    @Test
    void schemaWithoutReferencesShipsAsTheFileTheUserWrote() throws Exception {
        Codegen.run(GoldenFilesTest.request(GoldenFilesTest.SCHEMAS, out));
        assertEquals(Files.readString(GoldenFilesTest.SCHEMAS.resolve("content.json")),
                Files.readString(out.resolve("resources/META-INF/kafkaesk/schemas/com/acme/events/content.json")));
        assertTrue(Files.readString(out.resolve("java/com/acme/events/ContentSchema.java"))
                .contains("\"/META-INF/kafkaesk/schemas/com/acme/events/content.json\""));
    }
}
