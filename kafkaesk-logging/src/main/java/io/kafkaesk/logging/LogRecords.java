package io.kafkaesk.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.internal.Json;
import io.kafkaesk.logging.record.LogRecord;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a Logback event into a {@link LogRecord}: the fixed fields, then the event's context as extra
 * properties.
 *
 * <p>Extra properties, later ones replacing earlier ones of the same name: MDC entries, SLF4J 2 key-value pairs
 * ({@code log.atInfo().addKeyValue("order", id)}), then the fields of every message object among the log
 * arguments. A message object is an instance of a class kafkaesk generated from a schema (it has a
 * {@code <Class>Schema.DESCRIPTOR} beside it): {@code log.info("order placed", order)} adds the order's fields.
 * Names of fixed fields are never replaced.
 */
final class LogRecords {
    /** The fixed fields of the schema, which context never overrides. */
    static final Set<String> FIXED = Set.of("timestamp", "logger", "severity", "level", "message", "exception",
            "stack", "trace", "thread", "hostname", "service", "namespace", "cluster");

    private static final ClassValue<Boolean> MESSAGE_CLASS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return hasDescriptor(type);
        }
    };

    private LogRecords() {}

    /** The record of an event, without the host fields (the sender adds those before it builds the record). */
    static LogRecord.Builder of(ILoggingEvent event, boolean callerData) {
        Level level = event.getLevel();
        LogRecord.Builder record = LogRecord.builder()
                .timestamp(LogTimestamps.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .logger(event.getLoggerName())
                .severity(severity(level))
                .level(number(level))
                .message(String.valueOf(event.getFormattedMessage()))
                .thread(event.getThreadName());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            record.exception(typeName(thrown.getClassName()));
            record.stack(ThrowableProxyUtil.asString(thrown));
        }
        if (callerData) {
            record.trace(callStack(event.getCallerData()));
        }
        fields(event).forEach(record::additionalProperty);
        return record;
    }

    /**
     * The record with an explicit {@code null} for each of Python's fields that does not apply ({@code exception},
     * {@code stack}, {@code trace}, {@code namespace}, {@code cluster}), as Python's extension writes them: the
     * generated class leaves null fields out, so they are written as extra properties instead.
     */
    static LogRecord withNulls(LogRecord record) {
        Map<String, @Nullable String> nullable = new LinkedHashMap<>();
        nullable.put("exception", record.getException());
        nullable.put("trace", record.getTrace());
        nullable.put("stack", record.getStack());
        nullable.put("namespace", record.getNamespace());
        nullable.put("cluster", record.getCluster());
        LogRecord.Builder withNulls = record.toBuilder();
        nullable.forEach((name, value) -> {
            if (value == null) {
                withNulls.additionalProperty(name, null);
            }
        });
        return withNulls.build();
    }

    /** A class's name as Python's {@code type(e).__name__} gives it: without package or enclosing class. */
    static String typeName(String className) {
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    /** The call stack where the event was logged, most recent call first, one frame a line. */
    private static @Nullable String callStack(StackTraceElement @Nullable [] frames) {
        if (frames == null || frames.length == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder("Stack (most recent call first):");
        for (StackTraceElement frame : frames) {
            text.append("\n\tat ").append(frame);
        }
        return text.toString();
    }

    /** The event's context fields: MDC, key-value pairs, message objects' fields; fixed names left out. */
    static Map<String, Object> fields(ILoggingEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        mdc(event).forEach((k, v) -> put(fields, k, v));
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                put(fields, pair.key, jsonValue(pair.value));
            }
        }
        Object[] arguments = event.getArgumentArray();
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument != null && isMessageObject(argument)) {
                    JsonNode node = Json.mapper().valueToTree(argument);
                    for (Map.Entry<String, JsonNode> field : node.properties()) {
                        put(fields, field.getKey(), field.getValue());
                    }
                }
            }
        }
        return fields;
    }

    /** The event's MDC; empty when its logger context has no MDC adapter (a context made by hand). */
    private static Map<String, String> mdc(ILoggingEvent event) {
        try {
            Map<String, String> mdc = event.getMDCPropertyMap();
            return mdc == null ? Map.of() : mdc;
        } catch (NullPointerException e) {
            return Map.of();
        }
    }

    /** True for instances of classes kafkaesk generated from a schema. */
    static boolean isMessageObject(Object argument) {
        return MESSAGE_CLASS.get(argument.getClass());
    }

    /** Python's level names, so records from both languages read alike. */
    static String severity(Level level) {
        return switch (level.toInt()) {
            case Level.TRACE_INT -> "TRACE";
            case Level.DEBUG_INT -> "DEBUG";
            case Level.INFO_INT -> "INFO";
            case Level.WARN_INT -> "WARNING";
            case Level.ERROR_INT -> "ERROR";
            default -> level.toString();
        };
    }

    /** Python's level numbers. */
    static long number(Level level) {
        return switch (level.toInt()) {
            case Level.TRACE_INT -> 5;
            case Level.DEBUG_INT -> 10;
            case Level.INFO_INT -> 20;
            case Level.WARN_INT -> 30;
            case Level.ERROR_INT -> 40;
            default -> 0;
        };
    }

    private static void put(Map<String, Object> fields, @Nullable String key, @Nullable Object value) {
        if (key != null && !FIXED.contains(key)) {
            fields.put(key, value);
        }
    }

    /** Strings, numbers and booleans as they are; anything else as JSON when Jackson can write it, else text. */
    private static @Nullable Object jsonValue(@Nullable Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        try {
            return Json.mapper().valueToTree(value);
        } catch (JacksonException | IllegalArgumentException e) {
            return value.toString();
        }
    }

    private static boolean hasDescriptor(Class<?> type) {
        try {
            Class<?> descriptorClass = Class.forName(type.getName() + "Schema", false, type.getClassLoader());
            Field field = descriptorClass.getField("DESCRIPTOR");
            if (!Modifier.isStatic(field.getModifiers()) || !MessageSchema.class.isAssignableFrom(field.getType())) {
                return false;
            }
            return ((MessageSchema<?>) field.get(null)).dataClass() == type;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return false;
        }
    }
}
