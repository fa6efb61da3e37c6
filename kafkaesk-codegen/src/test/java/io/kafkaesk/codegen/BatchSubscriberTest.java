package io.kafkaesk.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.BatchHandler;
import io.kafkaesk.BatchRecord;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.TypedHandler;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch form of a generated subscriber: a nested {@code XSubscriber.Batch} interface, a {@link BatchHandler} of
 * the schema's data class, in the subscriber's file (no file is added per schema), usable as a lambda.
 */
class BatchSubscriberTest {
    @TempDir
    Path out;

    @Test
    void eachSubscriberNestsABatchInterfaceOverItsSchema() throws Exception {
        Codegen.run(GoldenFilesTest.request(GoldenFilesTest.SCHEMAS, out));
        Map<String, String> files = GoldenFilesTest.read(out);
        assertTrue(files.keySet().stream().noneMatch(name -> name.contains("Batch")),
                "no file of its own: " + files.keySet());
        // A user's code: a lambda as a batch subscriber, registered like any handler.
        Path usage = out.resolve("java/com/acme/events/Journal.java");
        Files.writeString(usage, """
                package com.acme.events;

                import io.kafkaesk.BatchRecord;
                import io.kafkaesk.Router;
                import java.util.List;

                final class Journal {
                    static final List<String> SEEN = new java.util.ArrayList<>();

                    static void wire(Router router) {
                        router.subscribe("content", "journal", (ContentSubscriber.Batch) batch -> {
                            for (BatchRecord<Content> r : batch) {
                                SEEN.add(String.valueOf(r.data()));
                            }
                        }).maxBatchSize(100);
                    }
                }
                """);
        GoldenFilesTest.compile(out.resolve("java"), out.resolve("classes"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.resolve("classes").toUri().toURL(),
                out.resolve("resources").toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> subscriber = loader.loadClass("com.acme.events.ContentSubscriber");
            Class<?> batch = loader.loadClass("com.acme.events.ContentSubscriber$Batch");
            Class<?> data = loader.loadClass("com.acme.events.Content");
            assertEquals(subscriber, batch.getDeclaringClass());
            assertTrue(TypedHandler.class.isAssignableFrom(subscriber));
            assertTrue(BatchHandler.class.isAssignableFrom(batch));
            assertTrue(batch.isAnnotationPresent(FunctionalInterface.class));
            Method on = batch.getMethod("onContentBatch", List.class);
            assertTrue(Modifier.isAbstract(on.getModifiers()));
            assertEquals("java.util.List<io.kafkaesk.BatchRecord<com.acme.events.Content>>",
                    on.getGenericParameterTypes()[0].getTypeName());

            // The default methods: schema() is the descriptor, handle(...) calls onContentBatch(...).
            List<Object> received = new ArrayList<>();
            InvocationHandler h = (proxy, method, args) -> {
                if (method.equals(on)) {
                    received.add(args[0]);
                    return null;
                }
                return InvocationHandler.invokeDefault(proxy, method, args);
            };
            BatchHandler<?> handler = (BatchHandler<?>) Proxy.newProxyInstance(loader, new Class<?>[] {batch}, h);
            MessageSchema<?> schema = handler.schema();
            assertEquals("Content:1", schema.key());
            assertEquals(data, schema.dataClass());
            handler.handle(List.of());
            assertEquals(List.of(List.<BatchRecord<?>>of()), received);
        }
    }
}
