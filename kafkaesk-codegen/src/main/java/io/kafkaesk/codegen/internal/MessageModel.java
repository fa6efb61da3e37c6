package io.kafkaesk.codegen.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message schema, linked and named: everything the generators need.
 *
 * @param doc the schema file
 * @param id the schema id
 * @param version the schema version
 * @param retentionSeconds {@code x-kafkaesk.retention}, or null
 * @param streams {@code x-kafkaesk.streams}, in declared order
 * @param partitions {@code x-kafkaesk.partitions}, or null
 * @param keyPointer {@code x-kafkaesk.key}, or null
 * @param packageName the Java package of every class generated for this schema
 * @param className the data class's simple name
 * @param resourcePath the class-path resource the descriptor reads the schema from, starting with '/'
 * @param bundled true when the schema refers to other files, so that the resource is a bundle of all of them
 */
public record MessageModel(
        SchemaDocument doc,
        String id,
        int version,
        @Nullable Long retentionSeconds,
        List<String> streams,
        @Nullable Integer partitions,
        @Nullable String keyPointer,
        String packageName,
        String className,
        String resourcePath,
        boolean bundled) {

    /** The schema key, {@code id:version}. */
    public String key() {
        return id + ":" + version;
    }

    /** The fully qualified name of the data class. */
    public String qualifiedClassName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }
}
