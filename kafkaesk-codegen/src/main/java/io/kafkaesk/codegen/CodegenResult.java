package io.kafkaesk.codegen;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run did to the output directories.
 *
 * @param upToDate true when no schema, setting or generator changed since the last run, so nothing was generated
 * @param written files created or rewritten because their content changed
 * @param unchanged files generated again with the same content, left untouched (their timestamps too)
 * @param deleted files an earlier run generated that this run no longer does, such as those of a deleted schema
 * @param schemas the number of schema files read
 * @param warnings what the build should print as warnings, such as a schema without a generated validator
 */
public record CodegenResult(boolean upToDate, List<Path> written, List<Path> unchanged, List<Path> deleted, int schemas,
        List<String> warnings) {

    /** Copies the lists. */
    public CodegenResult {
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
        warnings = List.copyOf(warnings);
    }

    /** A result without warnings. */
    public CodegenResult(boolean upToDate, List<Path> written, List<Path> unchanged, List<Path> deleted, int schemas) {
        this(upToDate, written, unchanged, deleted, schemas, List.of());
    }

    /** A one-line summary for build logs. */
    public String summary() {
        if (upToDate) {
            return "kafkaesk: " + schemas + " schema(s) unchanged, nothing to generate";
        }
        return "kafkaesk: " + schemas + " schema(s): " + written.size() + " file(s) written, " + unchanged.size()
                + " unchanged, " + deleted.size() + " deleted";
    }
}
