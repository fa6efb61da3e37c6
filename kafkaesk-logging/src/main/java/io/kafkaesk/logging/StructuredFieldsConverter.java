package io.kafkaesk.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.kafkaesk.internal.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Prints an event's structured context as {@code key=value} pairs, the console counterpart of
 * {@link KafkaeskAppender}: the MDC, SLF4J key-value pairs and the fields of message objects passed as arguments,
 * the same fields a log record carries. Prints nothing when there are none, else a space and the pairs; values with
 * spaces, quotes or {@code =} are quoted as JSON strings, objects and arrays written as JSON.
 *
 * <pre>{@code
 * <conversionRule conversionWord="fields" class="io.kafkaesk.logging.StructuredFieldsConverter"/>
 * <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder><pattern>%d %-5level %logger{36} - %msg%fields%n%ex</pattern></encoder>
 * </appender>
 * }</pre>
 *
 * {@code log.info("order placed", order)} then prints {@code ... - order placed id=a1 total=12.5 customer={"name":"Ann"}}.
 */
public class StructuredFieldsConverter extends ClassicConverter {
    /** Creates the converter; Logback does this from the conversion rule. */
    public StructuredFieldsConverter() {}

    @Override
    public String convert(ILoggingEvent event) {
        Map<String, Object> fields = LogRecords.fields(event);
        if (fields.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(' ').append(k).append('=').append(text(v)));
        return sb.toString();
    }

    static String text(Object value) {
        if (value instanceof JsonNode node) {
            return node.isString() ? quoted(node.asString()) : node.toString();
        }
        return value == null ? "null" : quoted(value.toString());
    }

    private static String quoted(String s) {
        boolean plain = !s.isEmpty();
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c < 0x7f;
        }
        if (plain) {
            return s;
        }
        return Json.mapper().writeValueAsString(s);
    }
}
