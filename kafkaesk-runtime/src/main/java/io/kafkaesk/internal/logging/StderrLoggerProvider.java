package io.kafkaesk.internal.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of a worker whose class path has none: lines to standard error, INFO and above, Kafka's own
 * loggers from WARN. It is deliberately not registered as a service, so an application that uses kafkaesk as a
 * library never gets it; the worker selects it explicitly (SLF4J's {@code slf4j.provider} property).
 */
public final class StderrLoggerProvider implements SLF4JServiceProvider {
    private final ILoggerFactory loggers = StderrLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** For SLF4J, which instantiates providers by their no-argument constructor. */
    public StderrLoggerProvider() {}

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Nothing to set up: each logger writes to System.err as it is when the line is logged.
    }
}
