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

/** Generating from the schemas of another artifact's jar: mounted in a sub-package, checked against local ones. */
class SchemaDependencyTest {
    private static final String ORDER = """
            {
              "title": "Order",
              "x-kafkaesk": { "streams": ["shop.orders"] },
              "type": "object",
              "properties": { "orderId": { "type": "string" }, "customer": { "$ref": "common/customer.json" } }
            }
            """;
    private static final String CUSTOMER = """
            { "title": "Customer", "type": "object", "properties": { "name": { "type": "string" } } }
            """;

    @TempDir
    Path dir;

    private Path jar() throws IOException {
        Path jar = dir.resolve("shop-events-1.0.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            entry(out, "META-INF/kafkaesk/schemas/com/acme/shop/order.json", ORDER);
            entry(out, "META-INF/kafkaesk/schemas/com/acme/shop/common/customer.json", CUSTOMER);
            entry(out, "com/acme/shop/Order.class", "not read");
        }
        return jar;
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private CodegenRequest request(Path source) throws IOException {
        return CodegenRequest.builder()
                .sourceDirectory(source)
                .javaOutputDirectory(dir.resolve("out/java"))
                .resourceOutputDirectory(dir.resolve("out/resources"))
                .packageName("com.acme.consumer")
                .schemaDependency(new SchemaSource("com.acme:shop-events:1.0", jar()))
                .build();
    }

    private Path source(String... files) throws IOException {
        Path source = Files.createDirectories(dir.resolve("src"));
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(source.resolve(files[i]), files[i + 1], StandardCharsets.UTF_8);
        }
        return source;
    }

    @Test
    void generatesTheArtifactsSchemasInAFolderNamedAfterIt() throws Exception {
        CodegenResult result = Codegen.run(request(source()));
        Path java = dir.resolve("out/java/com/acme/consumer/shop_events");
        assertTrue(Files.isRegularFile(java.resolve("Order.java")), result::toString);
        assertTrue(Files.isRegularFile(java.resolve("OrderPublisher.java")));
        assertTrue(Files.isRegularFile(java.resolve("common/Customer.java")));
        assertTrue(Files.readString(java.resolve("Order.java")).contains("// Source: shop-events/order.json"));
        assertTrue(Files.isRegularFile(dir.resolve(
                "out/resources/META-INF/kafkaesk/bundles/com/acme/consumer/shop-events/order.json")));
    }

    @Test
    void aLocalSchemaWithTheSameKeyOrStreamFailsTheBuild() throws Exception {
        String local = """
                {
                  "title": "Order",
                  "x-kafkaesk": { "streams": ["local.orders"] },
                  "type": "object"
                }
                """;
        String claimsStream = """
                {
                  "title": "Refund",
                  "x-kafkaesk": { "streams": ["shop.orders"] },
                  "type": "object"
                }
                """;
        SchemaErrorsException e = assertThrows(SchemaErrorsException.class,
                () -> Codegen.run(request(source("order.json", local, "refund.json", claimsStream))));
        List<String> ids = e.errors().stream().map(SchemaError::id).distinct().sorted().toList();
        assertEquals(List.of("[kafkaesk:duplicate-key]", "[kafkaesk:stream-conflict]"), ids, e::getMessage);
        assertTrue(e.getMessage().contains("schema key Order:1 is declared twice: order.json, shop-events/order.json"),
                e::getMessage);
        assertTrue(e.getMessage().contains("stream shop.orders is claimed by schema ids Order, Refund"), e::getMessage);
    }
}
