package io.kafkaesk.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.kafkaesk.Application;
import io.kafkaesk.internal.Json;
import io.kafkaesk.logging.record.LogRecord;
import io.kafkaesk.logging.record.LogRecordSchema;
import io.kafkaesk.logging.record.LogRecordSubscriber;
import io.kafkaesk.test.BootstrapServers;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One log contract with Python kafkaesk: a record its logging extension wrote (kept in the project's test vectors)
 * and a record of Java's appender reach one subscriber generated from the shipped log schema, on one stream with one
 * schema id.
 */
@KafkaeskTest
class LogContractTest {
    static final Path PYTHON_VECTORS = Path.of("../schemas/test-vectors/python-kafkaesk-0.8.5.json");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** The log record value Python's logging extension wrote, byte for byte. */
    static byte[] pythonLogRecord() throws Exception {
        JsonNode vectors = Json.mapper().readTree(Files.readString(PYTHON_VECTORS, StandardCharsets.UTF_8));
        for (JsonNode record : vectors.get("records")) {
            String value = record.get("value").get("utf8").asString();
            if (value.startsWith("{\"schema\":\"PydanticLogModel:1\"")) {
                return value.getBytes(StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no PydanticLogModel:1 record in " + PYTHON_VECTORS);
    }

    @Test
    void aGeneratedLogSubscriberReadsPythonsRecordsAndJavasOnOneStream(@BootstrapServers String servers,
            TopicPrefix prefix) throws Exception {
        assertEquals("PydanticLogModel:1", LogRecordSchema.DESCRIPTOR.key(), "the schema key Python writes");
        Map<String, LogRecord> received = new ConcurrentHashMap<>();
        Map<String, String> schemaKeys = new ConcurrentHashMap<>();
        try (Application app = Application.builder().kafkaServers(servers).topicPrefix(prefix.value()).build()) {
            app.subscribe("logs", "log-reader", (LogRecordSubscriber) (record, context) -> {
                received.put(record.getLogger(), record);
                schemaKeys.put(record.getLogger(), context.schemaKey());
            }).validate(true);
            app.initialize();
            app.rawPublish("logs", pythonLogRecord(), null, List.of()).get();
            // Python merges the fields of logged models into the record: extra properties the schema allows.
            String withModel = new String(pythonLogRecord(), StandardCharsets.UTF_8)
                    .replace("\"logger\":\"interop.pylog\"", "\"logger\":\"interop.pylog.model\"")
                    .replace("\"stack\":null}}", "\"stack\":null,\"order_id\":\"a1\",\"total\":12.5}}");
            app.rawPublish("logs", withModel.getBytes(StandardCharsets.UTF_8), null, List.of()).get();

            LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
            Logger logger = logback.getLogger("interop.javalog");
            logger.setAdditive(false);
            KafkaeskAppender appender = new KafkaeskAppender();
            appender.setContext(logback);
            appender.setName("contract");
            appender.setApplication(app);
            appender.setStream("logs");
            appender.setIncludeCallerData(true);
            appender.start();
            logger.addAppender(appender);
            try {
                logger.warn("java log Grüße", new IllegalArgumentException("bad input"));
                long end = System.nanoTime() + DEADLINE.toNanos();
                while (received.size() < 3 && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
            } finally {
                logger.detachAppender(appender);
                appender.stop();
            }
        }
        assertEquals(List.of("interop.javalog", "interop.pylog", "interop.pylog.model"),
                received.keySet().stream().sorted().toList(), "every record reaches the subscriber, none is dead-lettered");
        Map<String, Object> model = received.get("interop.pylog.model").getAdditionalProperties();
        assertEquals("a1", model.get("order_id"), "a logged model's field");
        assertEquals(12.5, model.get("total"));
        assertEquals("PydanticLogModel:1", schemaKeys.get("interop.javalog"), "Java writes the key Python writes");

        LogRecord python = received.get("interop.pylog");
        assertEquals(Instant.parse("2026-12-02T05:11:17.355924Z"), LogTimestamps.parse(python.getTimestamp()),
                "a naive timestamp is UTC");
        assertEquals("WARNING", python.getSeverity());
        assertEquals(30L, python.getLevel());
        assertEquals("python log Grüße", python.getMessage());
        assertEquals("vm", python.getHostname());
        assertEquals("unknown", python.getService());
        assertNull(python.getException());
        assertNull(python.getStack());
        assertNull(python.getTrace());
        assertNull(python.getNamespace());
        assertNull(python.getCluster());

        LogRecord java = received.get("interop.javalog");
        assertEquals("WARNING", java.getSeverity());
        assertEquals(30L, java.getLevel());
        assertEquals("java log Grüße", java.getMessage());
        assertEquals("IllegalArgumentException", java.getException(), "the type name, as Python writes it");
        assertTrue(java.getStack().contains("java.lang.IllegalArgumentException: bad input"), java.getStack());
        assertTrue(java.getTrace().contains("LogContractTest"), "the caller data: " + java.getTrace());
        Duration age = Duration.between(LogTimestamps.parse(java.getTimestamp()), Instant.now());
        assertTrue(!age.isNegative() && age.compareTo(DEADLINE.multipliedBy(2)) < 0, "read as UTC: " + age);
    }

    @Test
    void timestampsAreWrittenAsPythonWritesThemAndReadAsUtc() {
        assertEquals("2026-12-02T05:11:17.355924", LogTimestamps.format(Instant.parse("2026-12-02T05:11:17.355924Z")));
        assertEquals("2026-12-02T05:11:17.120000", LogTimestamps.format(Instant.parse("2026-12-02T05:11:17.12Z")));
        assertEquals("2026-12-02T05:11:17", LogTimestamps.format(Instant.parse("2026-12-02T05:11:17Z")),
                "Python's isoformat() leaves a zero fraction out");
        assertEquals("2026-12-02T05:11:00", LogTimestamps.format(Instant.parse("2026-12-02T05:11:00Z")),
                "but never the seconds");
        Instant t = Instant.parse("2026-12-02T05:11:17.355924Z");
        assertEquals(t, LogTimestamps.parse("2026-12-02T05:11:17.355924"));
        assertEquals(t, LogTimestamps.parse("2026-12-02T05:11:17.355924Z"));
        assertEquals(t, LogTimestamps.parse("2026-12-02T05:11:17.355924+00:00"));
        assertEquals(t, LogTimestamps.parse("2026-12-02T10:41:17.355924+05:30"));
    }
}
