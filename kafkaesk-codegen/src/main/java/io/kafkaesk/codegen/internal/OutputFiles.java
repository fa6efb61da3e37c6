package io.kafkaesk.codegen.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Writes generated files, leaving those whose content did not change untouched, deletes files an earlier run
 * generated but this one does not, and keeps the state that makes the next run a no-op when nothing changed.
 *
 * <p>The state file ({@value #STATE_FILE} in the Java output directory) holds the fingerprint of the inputs and
 * the manifest of generated files; it is the only file kafkaesk reads from the output directories.
 */
public final class OutputFiles {
    /** The name of the state file in the Java output directory. */
    public static final String STATE_FILE = ".kafkaesk-codegen.state";

    private OutputFiles() {}

    /** The state of an earlier run. */
    public record State(String fingerprint, List<Path> files) {
        /** True when every file the earlier run generated still exists. */
        public boolean intact() {
            return files.stream().allMatch(Files::isRegularFile);
        }
    }

    /** What writing did. */
    public record Outcome(List<Path> written, List<Path> unchanged, List<Path> deleted) {}

    /** Reads the state of the last run, or null when there is none or it cannot be read. */
    public static @Nullable State read(Path javaOutput) {
        Path state = javaOutput.resolve(STATE_FILE);
        try {
            if (!Files.isRegularFile(state)) {
                return null;
            }
            List<String> lines = Files.readAllLines(state, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).startsWith("fingerprint ")) {
                return null;
            }
            List<Path> files = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    files.add(Path.of(line));
                }
            }
            return new State(lines.get(0).substring("fingerprint ".length()), files);
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable state only costs a full generation
        }
    }

    private static boolean sameAsWritten(Path stale, Set<Path> written) throws IOException {
        if (!Files.exists(stale)) {
            return false;
        }
        for (Path w : written) {
            if (w.getFileName().toString().equalsIgnoreCase(stale.getFileName().toString())
                    && Files.isSameFile(w, stale)) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code files} (absolute path to content), deletes what {@code previous} listed but is gone, saves the state. */
    public static Outcome write(Map<Path, byte[]> files, @Nullable State previous, String fingerprint, Path javaOutput,
            Set<Path> roots) throws IOException {
        List<Path> written = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        for (Map.Entry<Path, byte[]> e : files.entrySet()) {
            Path path = e.getKey();
            if (Files.isRegularFile(path) && Arrays.equals(Files.readAllBytes(path), e.getValue())) {
                unchanged.add(path);
            } else {
                Files.createDirectories(path.getParent());
                Files.write(path, e.getValue());
                written.add(path);
            }
        }
        List<Path> deleted = new ArrayList<>();
        if (previous != null) {
            Set<Path> stale = new TreeSet<>(previous.files());
            stale.removeAll(files.keySet());
            for (Path path : stale) {
                // Only ever delete inside the output directories, whatever an old or edited state file lists.
                // A stale name may be a file just written under another letter case (a case-insensitive file
                // system): that file stays.
                if (roots.stream().anyMatch(root -> path.normalize().startsWith(root))
                        && !sameAsWritten(path, files.keySet()) && Files.deleteIfExists(path)) {
                    deleted.add(path);
                    deleteEmptyParents(path.getParent(), roots);
                }
            }
        }
        StringBuilder state = new StringBuilder("fingerprint ").append(fingerprint).append('\n');
        new TreeSet<>(files.keySet()).forEach(p -> state.append(p).append('\n'));
        Files.createDirectories(javaOutput);
        Files.writeString(javaOutput.resolve(STATE_FILE), state, StandardCharsets.UTF_8);
        return new Outcome(written, unchanged, deleted);
    }

    /** Deletes {@code dir} and its parents while they are empty, stopping at the output directories. */
    private static void deleteEmptyParents(@Nullable Path dir, Set<Path> roots) throws IOException {
        while (dir != null && !roots.contains(dir) && Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
            dir = dir.getParent();
        }
    }
}
