package io.kafkaesk.codegen.internal;

import io.kafkaesk.codegen.SchemaError;
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
 * Reads the schema files of a {@link SchemaSource} (the {@code META-INF/kafkaesk/schemas/} folder of a jar or a
 * directory, or a plain directory of schema files), and mounts another artifact's files into a source set.
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

    /**
     * Adds the schema files of another artifact to {@code docs}, in a folder named after the artifact: the folders
     * they all share (the producer's package) are dropped, so {@code com/acme/shop/orders/order.json} of
     * {@code com.acme:shop-events:1.0} becomes {@code shop-events/orders/order.json}.
     */
    public static void mount(SchemaSource dependency, Map<String, SchemaDocument> docs, MetaSchemaCheck metaSchema,
            Problems problems) throws IOException {
        Map<String, SchemaDocument> theirs = SchemaArchive.read(dependency, problems);
        if (theirs.isEmpty()) {
            throw new IOException(dependency.name() + " (" + dependency.location() + ") holds no schema files under "
                    + SchemaSource.SCHEMA_FOLDER);
        }
        String common = null;
        for (String file : theirs.keySet()) {
            String folder = file.contains("/") ? file.substring(0, file.lastIndexOf('/') + 1) : "";
            while (common != null && !folder.startsWith(common)) {
                common = common.substring(0, common.lastIndexOf('/', common.length() - 2) + 1);
            }
            common = common == null ? folder : common;
        }
        String[] coordinates = dependency.name().split(":");
        String mount = coordinates.length >= 3 ? coordinates[1]
                : dependency.location().getFileName().toString().replaceFirst("\\.jar$", "");
        for (SchemaDocument doc : theirs.values()) {
            String file = mount + "/" + doc.file().substring(common.length());
            SchemaDocument mounted = new SchemaDocument(file, doc.path(), doc.text(), doc.root(), doc.locations());
            if (docs.containsKey(file)) {
                problems.add(SchemaError.Kind.CLASS_NAME_CONFLICT, docs.get(file), "",
                        "the schema file " + file + " of " + dependency.name() + " has the path of this local file, "
                                + "so their classes would clash",
                        "rename the local folder " + mount + "/");
                continue;
            }
            metaSchema.check(mounted, problems);
            docs.put(file, mounted);
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
