package io.kafkaesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaIndexTest {
    static final MessageSchema<TestSchemas.Content> DISCOVERED = TestSchemas.content("discovered.content");

    /** An index as the generator writes one: a public class with a public no-argument constructor. */
    public static final class ContentIndex implements SchemaIndex {
        /** For ServiceLoader. */
        public ContentIndex() {}

        @Override
        public List<MessageSchema<?>> schemas() {
            return List.of(DISCOVERED);
        }

        @Override
        public List<PublisherType<?>> publishers() {
            return List.of();
        }
    }

    @TempDir
    Path classPath;

    @Test
    void buildRegistersTheSchemasOfEveryIndexOnTheClassPath() throws Exception {
        register(ContentIndex.class.getName());
        Application app = withClassPath(() -> Application.builder().kafkaServers("localhost:9").build());
        assertEquals(List.of(DISCOVERED), List.copyOf(app.schemas()));
    }

    @Test
    void discoveryCanBeTurnedOff() throws Exception {
        register(ContentIndex.class.getName());
        Application app = withClassPath(() -> Application.builder().discoverSchemas(false).build());
        assertTrue(app.schemas().isEmpty(), "no schema registered: " + app.schemas());
    }

    @Test
    void aBrokenRegistrationFailsNamingTheServicesFileAndTheClass() throws Exception {
        register("com.example.Missing");
        KafkaeskException e = assertThrows(KafkaeskException.class,
                () -> withClassPath(() -> Application.builder().build()));
        assertTrue(e.getMessage().contains("META-INF/services/io.kafkaesk.SchemaIndex"), e.getMessage());
        assertTrue(e.getMessage().contains("com.example.Missing"), e.getMessage());
        assertTrue(e.getMessage().contains("discoverSchemas(false)"), e.getMessage());
    }

    private void register(String className) throws IOException {
        Path services = classPath.resolve("META-INF/services/" + SchemaIndex.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, className + "\n");
    }

    /** Runs {@code action} with a context class loader that sees the test's classes and {@link #classPath}. */
    private <T> T withClassPath(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classPath.toUri().toURL()},
                SchemaIndexTest.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
