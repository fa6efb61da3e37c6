package io.kafkaesk.codegen.internal;

import io.kafkaesk.codegen.SchemaSource;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the schema files of a {@link SchemaSource}: the {@code META-INF/kafkaesk/schemas/} folder of a jar or a
 * directory, or a plain directory of schema files.
 */
public final class SchemaArchive {
    private SchemaArchive() {}

    /**
     * Every parsed {@code *.json} file of {@code source}, by name relative to its schema folder; a file that is not
     * valid JSON is recorded in {@code problems} and left out.
     *
     * @throws IOException when the location does not exist or cannot be read
     */
    public static Map<String, SchemaDocument> read(SchemaSource source, Problems problems) throws IOException {
        Path location = source.location();
        if (Files.isDirectory(location)) {
            Path packaged = location.resolve(SchemaSource.SCHEMA_FOLDER);
            return readTree(Files.isDirectory(packaged) ? packaged : location, problems);
        }
        if (!Files.isRegularFile(location)) {
            throw new IOException(source.name() + ": " + location + " does not exist");
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            Path root = jar.getPath("/" + SchemaSource.SCHEMA_FOLDER);
            if (!Files.isDirectory(root)) {
                return new TreeMap<>();
            }
            return readTree(root, problems);
        }
    }

    private static Map<String, SchemaDocument> readTree(Path root, Problems problems) throws IOException {
        Map<String, SchemaDocument> docs = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                    .sorted().toList()) {
                String file = root.relativize(p).toString().replace('\\', '/');
                SchemaDocument doc = SchemaReader.read(p, file, problems);
                if (doc != null) {
                    docs.put(file, doc);
                }
            }
        }
        return docs;
    }
}
