package io.kafkaesk.internal.logging;

import java.io.PrintStream;
import java.io.Serial;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One logger of {@link StderrLoggerProvider}: {@code 2026-01-31T09:00:00.123Z INFO [thread] name - message}, then
 * the stack trace of a throwable, to {@code System.err}. INFO and above; WARN and above for Kafka's loggers
 * ({@code org.apache.kafka}, {@code kafka}), whose INFO lines (every client's full configuration, for one) would
 * drown the application's.
 */
final class StderrLogger extends LegacyAbstractLogger {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Level threshold;

    StderrLogger(String name) {
        this.name = name;
        this.threshold = name.startsWith("org.apache.kafka") || name.equals("kafka") || name.startsWith("kafka.")
                ? Level.WARN : Level.INFO;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected @Nullable String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, @Nullable Marker marker, String messagePattern,
            Object @Nullable [] arguments, @Nullable Throwable throwable) {
        String text = Instant.now() + " " + level + " [" + Thread.currentThread().getName() + "] " + name + " - "
                + MessageFormatter.basicArrayFormat(messagePattern, arguments);
        PrintStream err = System.err;
        synchronized (err) {
            err.println(text);
            if (throwable != null) {
                throwable.printStackTrace(err);
            }
        }
    }
}
