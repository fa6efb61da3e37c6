package io.kafkaesk.cli;

import io.kafkaesk.internal.logging.StderrLoggerProvider;
import java.io.PrintStream;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Makes a worker log when nothing else would: with no SLF4J provider on the class path, SLF4J drops every line
 * (dead letters, retries, a dead consumer included), so the worker selects {@link StderrLoggerProvider} and says so
 * once. A provider on the class path (logback-classic, slf4j-simple ...) or an explicit {@code slf4j.provider}
 * always wins; an application that uses kafkaesk as a library never comes here.
 */
final class WorkerLogging {
    static final String PROVIDER_PROPERTY = "slf4j.provider";
    private static boolean decided;

    private WorkerLogging() {}

    /** Selects standard-error logging unless the class path provides logging; call before anything logs. */
    static synchronized void useStderrUnlessConfigured(PrintStream err) {
        if (decided) {
            return;
        }
        decided = true;
        if (System.getProperty(PROVIDER_PROPERTY) != null || hasProvider()) {
            return;
        }
        System.setProperty(PROVIDER_PROPERTY, StderrLoggerProvider.class.getName());
        // SLF4J would otherwise announce the explicit provider on every start.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        err.println("kafkaesk: no SLF4J provider on the class path, so the worker logs to standard error at INFO "
                + "(add one, such as ch.qos.logback:logback-classic, to configure logging)");
    }

    private static boolean hasProvider() {
        try {
            return ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader()).iterator()
                    .hasNext();
        } catch (ServiceConfigurationError e) {
            return true; // a provider is declared, though broken: SLF4J reports it, and it is not ours to replace
        }
    }
}
