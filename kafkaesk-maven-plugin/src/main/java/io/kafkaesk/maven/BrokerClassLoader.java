package io.kafkaesk.maven;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import org.apache.maven.plugin.logging.Log;

/**
 * Holds Kafka's broker code apart from Maven's and the plugin's classes: everything comes from its own class path
 * (kafkaesk-test and its dependencies) over the JDK's platform classes, except SLF4J, which comes from Maven, so
 * that the broker logs through Maven's logger and its levels.
 */
final class BrokerClassLoader extends URLClassLoader {
    private static final String SLF4J = "org.slf4j.";

    static {
        registerAsParallelCapable();
    }

    BrokerClassLoader(URL[] classPath) {
        super("kafkaesk-broker", classPath, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SLF4J)) {
            return BrokerClassLoader.class.getClassLoader().loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    static void closeQuietly(URLClassLoader loader, Log log) {
        try {
            loader.close();
        } catch (IOException e) {
            log.warn("Cannot close the broker's class loader: " + e);
        }
    }
}
