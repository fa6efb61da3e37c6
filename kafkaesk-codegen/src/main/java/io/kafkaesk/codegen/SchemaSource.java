package io.kafkaesk.codegen;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Schema files from outside the source directory: a jar (or directory) holding {@code META-INF/kafkaesk/schemas/},
 * as the plugin packages them, or a plain directory of schema files.
 *
 * @param name how the files are named in messages, such as the Maven coordinates {@code com.acme:events:1.4.0}
 * @param location the jar file or directory
 */
public record SchemaSource(String name, Path location) {
    /** The folder of a jar that holds the schema files. */
    public static final String SCHEMA_FOLDER = "META-INF/kafkaesk/schemas/";

    /** Checks the components. */
    public SchemaSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
    }
}
