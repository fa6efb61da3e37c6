package io.kafkaesk.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same input, same bytes; a second run without changes does nothing; deleted schemas take their files along. */
class IncrementalTest {
    @TempDir
    Path dir;

    private Path copySchemas() throws Exception {
        Path source = dir.resolve("schemas");
        try (Stream<Path> walk = Files.walk(GoldenFilesTest.SCHEMAS)) {
            for (Path p : walk.toList()) {
                Path target = source.resolve(GoldenFilesTest.SCHEMAS.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return source;
    }

    @Test
    void generatesTheSameBytesInTwoSeparateRuns() throws Exception {
        Codegen.run(GoldenFilesTest.request(GoldenFilesTest.SCHEMAS, dir.resolve("a")));
        Codegen.run(GoldenFilesTest.request(GoldenFilesTest.SCHEMAS, dir.resolve("b")));
        assertEquals(GoldenFilesTest.read(dir.resolve("a")), GoldenFilesTest.read(dir.resolve("b")));
    }

    @Test
    void secondRunWithoutChangesGeneratesNothing() throws Exception {
        Path source = copySchemas();
        CodegenResult first = Codegen.run(GoldenFilesTest.request(source, dir.resolve("out")));
        assertFalse(first.upToDate());
        assertFalse(first.written().isEmpty());
        Path data = dir.resolve("out/java/com/acme/events/Content.java");
        FileTime stamp = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(data, stamp);

        CodegenResult second = Codegen.run(GoldenFilesTest.request(source, dir.resolve("out")));

        assertTrue(second.upToDate(), second::summary);
        assertEquals(List.of(), second.written());
        assertEquals(stamp, Files.getLastModifiedTime(data), "an up-to-date run touches no file");
    }

    @Test
    void changedSchemaRewritesOnlyTheFilesWhoseContentChanged() throws Exception {
        Path source = copySchemas();
        Codegen.run(GoldenFilesTest.request(source, dir.resolve("out")));
        Path content = source.resolve("content.json");
        Files.writeString(content, Files.readString(content).replace("\"partitions\": 7", "\"partitions\": 3"));

        CodegenResult second = Codegen.run(GoldenFilesTest.request(source, dir.resolve("out")));

        assertFalse(second.upToDate());
        List<String> written = second.written().stream().map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(List.of("ContentSchema.java", "content.json"), written);
        assertTrue(Files.readString(dir.resolve("out/java/com/acme/events/ContentSchema.java")).contains(".partitions(3)"));
    }

    @Test
    void deletedSchemaTakesItsGeneratedFilesAlong() throws Exception {
        Path source = copySchemas();
        Codegen.run(GoldenFilesTest.request(source, dir.resolve("out")));
        assertTrue(Files.exists(dir.resolve("out/java/com/acme/events/new_/_3dModelSchema.java")));
        Files.delete(source.resolve("new/3d-model.json"));

        CodegenResult second = Codegen.run(GoldenFilesTest.request(source, dir.resolve("out")));

        List<String> deleted = second.deleted().stream().map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(List.of("3d-model.json", "_3dModel.java", "_3dModelPublisher.java",
                "_3dModelSchema.java", "_3dModelSubscriber.java"), deleted);
        assertFalse(Files.exists(dir.resolve("out/java/com/acme/events/new_")), "emptied package folders go too");
        assertFalse(Files.readString(dir.resolve("out/java/com/acme/events/KafkaeskSchemas.java")).contains("_3dModel"));
    }

    @Test
    void regeneratesWhenAGeneratedFileWasDeletedByHand() throws Exception {
        Path source = copySchemas();
        Codegen.run(GoldenFilesTest.request(source, dir.resolve("out")));
        Path data = dir.resolve("out/java/com/acme/events/Content.java");
        Files.delete(data);

        CodegenResult second = Codegen.run(GoldenFilesTest.request(source, dir.resolve("out")));

        assertFalse(second.upToDate());
        assertEquals(List.of(data.toAbsolutePath()), second.written());
    }

    @Test
    void addingASchemaOrAVersionChangesNoExistingFileButTheIndex() throws Exception {
        Path source = copySchemas();
        Codegen.run(GoldenFilesTest.request(source, dir.resolve("out")));
        // Same nested names (customer, lines) in the same package as an existing schema, and a version 3.
        Files.writeString(source.resolve("orders/a-refund.json"), """
                {"title": "Refund", "type": "object", "x-kafkaesk": {"streams": ["refunds"]},
                 "properties": {"customer": {"type": "object", "properties": {"name": {"type": "string"}}},
                                "lines": {"type": "array", "items": {"type": "object"}}}}""");
        Files.writeString(source.resolve("orders/order-v3.json"), """
                {"title": "Order", "type": "object", "x-kafkaesk": {"version": 3},
                 "properties": {"customer": {"type": "object", "properties": {"name": {"type": "string"}}}}}""");

        CodegenResult second = Codegen.run(GoldenFilesTest.request(source, dir.resolve("out")));

        assertEquals(List.of(), second.deleted());
        List<String> written = second.written().stream().map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(List.of("KafkaeskSchemas.java", "OrderV3.java", "OrderV3Customer.java", "OrderV3Publisher.java",
                "OrderV3Schema.java", "OrderV3Subscriber.java", "Refund.java", "RefundCustomer.java",
                "RefundLine.java", "RefundPublisher.java", "RefundSchema.java", "RefundSubscriber.java", "a-refund.json", "order-v3.json"), written);
    }
}
