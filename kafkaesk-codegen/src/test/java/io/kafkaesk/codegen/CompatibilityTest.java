package io.kafkaesk.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compatibility check as a run sees it: versions in the source set, baselines, modes, the error's form. */
class CompatibilityTest {
    private static final String V1 = """
            {
              "title": "Order",
              "x-kafkaesk": { "streams": ["orders"] },
              "type": "object",
              "properties": {
                "orderId": { "type": "string" },
                "note": { "type": "string" }
              },
              "required": ["orderId"]
            }
            """;
    private static final String V2_COMPATIBLE = """
            {
              "title": "Order",
              "x-kafkaesk": { "version": 2, "streams": ["orders"] },
              "type": "object",
              "properties": {
                "orderId": { "type": "string" },
                "note": { "type": ["string", "null"] },
                "channel": {}
              },
              "required": ["orderId"]
            }
            """;
    private static final String V2_BREAKING = """
            {
              "title": "Order",
              "x-kafkaesk": { "version": 2, "streams": ["orders"] },
              "type": "object",
              "properties": {
                "orderId": { "type": "string" },
                "note": { "type": "string" },
                "channel": { "type": "string" }
              },
              "required": ["orderId", "channel"]
            }
            """;

    @TempDir
    Path dir;

    private CodegenRequest.Builder request(Path source) {
        return CodegenRequest.builder()
                .sourceDirectory(source)
                .javaOutputDirectory(dir.resolve("out/java"))
                .resourceOutputDirectory(dir.resolve("out/resources"))
                .packageName("com.acme");
    }

    private Path schemas(String name, String... files) throws IOException {
        Path source = Files.createDirectories(dir.resolve(name));
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(source.resolve(files[i]), files[i + 1], StandardCharsets.UTF_8);
        }
        return source;
    }

    @Test
    void aCompatibleSecondVersionGenerates() throws Exception {
        Path source = schemas("src", "order.json", V1, "order-v2.json", V2_COMPATIBLE);
        CodegenResult result = Codegen.run(request(source).build());
        assertTrue(result.written().stream().anyMatch(p -> p.endsWith("OrderV2.java")));
    }

    @Test
    void anIncompatibleSecondVersionFailsNamingRuleFilesLinesAndPointers() throws Exception {
        Path source = schemas("src", "order.json", V1, "order-v2.json", V2_BREAKING);
        SchemaErrorsException e = assertThrows(SchemaErrorsException.class, () -> Codegen.run(request(source).build()));
        List<SchemaError> errors = e.errors();
        assertEquals(2, errors.size(), e::getMessage);
        SchemaError added = errors.get(0);
        assertEquals("[kafkaesk:incompatible-change]", added.id());
        assertEquals("order-v2.json", added.file());
        assertEquals("/properties/channel", added.pointer());
        assertEquals(8, added.line(), added::toString);
        assertTrue(added.message().startsWith("property-added-to-open-model from Order:1 to Order:2 (BACKWARD): "),
                added::toString);
        assertTrue(added.message().contains("; old: order.json:5:17 at /properties; new: order-v2.json:8:16 at /properties/channel"),
                added::toString);
        SchemaError required = errors.get(1);
        assertEquals("/required/1", required.pointer());
        assertEquals(10, required.line(), required::toString);
        assertTrue(required.message().contains("required-property-added from Order:1 to Order:2 (BACKWARD)"),
                required::toString);
        assertTrue(required.message().contains("; new: order-v2.json:10:27 at /required/1"), required::toString);
        assertTrue(required.message().contains("Consumers of Order:2 reject Order:1 messages still on the stream"),
                required::toString);
        assertTrue(required.hint().startsWith("make the property optional"), required::toString);
    }

    @Test
    void forwardModeLetsNewConsumersBreakButNotOldOnes() throws Exception {
        Path source = schemas("src", "order.json", V1, "order-v2.json", V2_BREAKING);
        Codegen.run(request(source).compatibility(Compatibility.FORWARD).build());
        Path widened = schemas("src2", "order.json", V1, "order-v2.json", V2_COMPATIBLE);
        SchemaErrorsException e = assertThrows(SchemaErrorsException.class,
                () -> Codegen.run(request(widened).compatibility(Compatibility.FORWARD).build()));
        assertTrue(e.getMessage().contains("type-widened from Order:1 to Order:2 (FORWARD)"), e::getMessage);
        assertTrue(e.getMessage().contains("Consumers of Order:1 reject Order:2 messages"), e::getMessage);
    }

    @Test
    void aSchemaOverridesTheProjectMode() throws Exception {
        Path source = schemas("src", "order.json", V1, "order-v2.json",
                V2_BREAKING.replace("\"version\": 2,", "\"version\": 2, \"compatibility\": \"NONE\","));
        Codegen.run(request(source).build());
    }

    @Test
    void anUnknownModeInXKafkaeskIsBadMetadata() throws Exception {
        Path source = schemas("src", "order.json",
                V1.replace("\"streams\": [\"orders\"]", "\"streams\": [\"orders\"], \"compatibility\": \"SIDEWAYS\""));
        SchemaErrorsException e = assertThrows(SchemaErrorsException.class, () -> Codegen.run(request(source).build()));
        assertEquals("[kafkaesk:bad-metadata]", e.errors().get(0).id(), e::getMessage);
        assertEquals("/x-kafkaesk/compatibility", e.errors().get(0).pointer(), e::getMessage);
        assertTrue(e.errors().get(0).hint().contains("BACKWARD_TRANSITIVE"), e::getMessage);
    }

    @Test
    void transitiveModesCompareWithEveryEarlierVersion() throws Exception {
        String v3 = V2_COMPATIBLE.replace("\"version\": 2", "\"version\": 3")
                .replace("\"channel\": {}", "\"channel\": {}, \"note\": { \"type\": \"string\" }")
                .replace("\"note\": { \"type\": [\"string\", \"null\"] },", "");
        Path source = schemas("src", "order.json", V1, "order-v2.json", V2_COMPATIBLE, "order-v3.json", v3);
        SchemaErrorsException plain = assertThrows(SchemaErrorsException.class,
                () -> Codegen.run(request(source).compatibility(Compatibility.FULL).build()));
        assertTrue(plain.getMessage().contains("from Order:2 to Order:3"), plain::getMessage);
        SchemaErrorsException transitive = assertThrows(SchemaErrorsException.class,
                () -> Codegen.run(request(source).compatibility(Compatibility.FULL_TRANSITIVE).build()));
        assertTrue(transitive.getMessage().contains("from Order:1 to Order:2"), transitive::getMessage);
    }

    @Test
    void checksAgainstABaselineJarAndNamesItsFiles() throws Exception {
        Path jar = dir.resolve("events-1.0.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry("META-INF/kafkaesk/schemas/com/acme/order.json"));
            out.write(V1.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Path source = schemas("src", "order-v2.json", V2_BREAKING);
        SchemaErrorsException e = assertThrows(SchemaErrorsException.class, () -> Codegen.run(
                request(source).baseline(new SchemaSource("com.acme:events:1.0", jar)).build()));
        assertTrue(e.getMessage().contains("required-property-added from Order:1 to Order:2 (BACKWARD)"), e::getMessage);
        assertTrue(e.getMessage().contains("old: com.acme:events:1.0!com/acme/order.json:"), e::getMessage);

        Path changedInPlace = schemas("src2", "order.json", V1.replace("\"required\": [\"orderId\"]",
                "\"required\": [\"orderId\", \"note\"]"));
        SchemaErrorsException same = assertThrows(SchemaErrorsException.class, () -> Codegen.run(
                request(changedInPlace).baseline(new SchemaSource("com.acme:events:1.0", jar)).build()));
        assertTrue(same.getMessage().contains("from Order:1 as released in com.acme:events:1.0 to Order:1"),
                same::getMessage);
    }

    @Test
    void checksAgainstABaselineDirectory() throws Exception {
        Path baseline = schemas("baseline", "order.json", V1);
        Path source = schemas("src", "order-v2.json", V2_COMPATIBLE);
        Codegen.run(request(source).baseline(new SchemaSource("release 1.0", baseline)).build());
    }
}
