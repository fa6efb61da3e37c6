package io.kafkaesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * kafkaesk loaded by a class loader that is later dropped (a redeployed web application, a plugin, a reloading
 * development server) must not stay in memory because it cached something on a JDK class.
 */
class ClassLoaderReleaseTest {

    @Test
    void typeTestsOnJdkClassesLeaveTheLoaderFreeToGo() throws Exception {
        WeakReference<ClassLoader> loader = useAndDrop();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.onSpinWait();
        }
        assertNull(loader.get(), "kafkaesk's class loader is still reachable after SchemaChecks looked at JDK classes");
    }

    /** Loads kafkaesk in a loader of its own, asks it the JSON type of JDK values, and lets go of the loader. */
    private static WeakReference<ClassLoader> useAndDrop() throws Exception {
        try (URLClassLoader isolated = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> checks = isolated.loadClass(SchemaChecks.class.getName());
            assertEquals(isolated, checks.getClassLoader(), "the test must load its own copy of kafkaesk");
            Method isObject = checks.getMethod("isObject", Object.class);
            Method isString = checks.getMethod("isString", Object.class);
            Method isArray = checks.getMethod("isArray", Object.class);
            Map<String, Object> map = new HashMap<>();
            assertEquals(true, isObject.invoke(null, map));
            assertEquals(true, isString.invoke(null, UUID.randomUUID()));
            assertEquals(true, isArray.invoke(null, new ArrayList<>()));
            return new WeakReference<>(isolated);
        }
    }

    private static URL[] classPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
