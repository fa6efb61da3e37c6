package io.kafkaesk.maven;

import java.util.List;

/**
 * Keeps an in-process broker's INFO lines (hundreds at start) out of Maven's output: Maven logs through its own
 * SLF4J simple logger, which reads a logger's level from system properties when the logger is created.
 */
final class BrokerLogging {
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private BrokerLogging() {}

    /** Sets Kafka's loggers to WARN, unless the user set a level for them ({@code -D} on the command line). */
    static void quietKafka() {
        for (String logger : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            if (System.getProperty(PREFIX + logger) == null) {
                System.setProperty(PREFIX + logger, "warn");
            }
        }
    }
}
