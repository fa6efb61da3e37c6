package io.kafkaesk.cli;

import io.kafkaesk.Application;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.consume.Note;
import io.kafkaesk.consume.NoteSubscriber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Applications the worker tests load by name, the way users point the worker at theirs. */
public final class WorkerApps {
    /** An application with no servers configured: the worker must be given them. */
    public static final Application NO_SERVERS = Application.builder().build();

    /** Not an application: the worker must refuse it. */
    public static final String NOT_AN_APP = "hello";

    private WorkerApps() {}

    /**
     * Appends the id of every note on stream {@code notes} to the file named by the system property
     * {@code worker.out}; a note whose text is {@code die} stops its subscription (for the health check).
     */
    public static Application notes() {
        Path out = Path.of(System.getProperty("worker.out"));
        Application app = Application.builder()
                .autoCommitIntervalMs(100)
                .kafkaSettings(Map.of("metadata.max.age.ms", 500))
                .build();
        app.subscribe("notes", "worker-notes", (NoteSubscriber) (note, context) -> append(out, note.id()));
        subscribeFragile(app);
        app.schema(Note.SCHEMA);
        return app;
    }

    /**
     * As {@link #notes()}, but a note says on standard output when it starts and then waits (60 s at most) until
     * the file {@code worker.out} exists, so that a worker's graceful stop lasts until the test lets it end.
     */
    public static Application slowNotes() {
        Path release = Path.of(System.getProperty("worker.out"));
        Application app = Application.builder().autoCommitIntervalMs(100)
                .kafkaSettings(Map.of("metadata.max.age.ms", 500)).build();
        app.subscribe("notes", "worker-slow-notes", (NoteSubscriber) (note, context) -> {
            System.out.println("slow note started");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(release) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        });
        subscribeFragile(app);
        app.schema(Note.SCHEMA);
        return app;
    }

    /** The same application, offered as a {@code Supplier} class. */
    public static final class NotesSupplier implements Supplier<Application> {
        @Override
        public Application get() {
            return notes();
        }
    }

    /** A subscription to stream {@code fragile} that dies on a note whose text is {@code die}. */
    private static void subscribeFragile(Application app) {
        app.subscribe("fragile", "worker-fragile", (NoteSubscriber) (note, context) -> {
            if (note.text().equals("die")) {
                throw new IllegalStateException("told to die");
            }
        }).retry(RetryPolicy.attempts(1).thenStop());
    }

    private static synchronized void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
