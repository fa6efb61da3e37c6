package io.kafkaesk.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.kafkaesk.Application;
import io.kafkaesk.test.BootstrapServers;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

@KafkaeskTest
class KafkaeskAppenderTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger logger = context.getLogger("orders.service." + System.nanoTime());
    private KafkaeskAppender appender;

    @AfterEach
    void detach() {
        if (appender != null) {
            logger.detachAppender(appender);
            appender.stop();
        }
    }

    private KafkaeskAppender configured(String servers, String prefix) {
        KafkaeskAppender a = new KafkaeskAppender();
        a.setContext(context);
        a.setName("kafka-test");
        a.setKafkaServers(servers);
        a.setTopicPrefix(prefix);
        a.setStream("logs");
        return a;
    }

    private void use(KafkaeskAppender a) {
        a.start();
        assertTrue(a.isStarted(), "the appender starts");
        logger.addAppender(a);
        logger.setAdditive(false);
        appender = a;
    }

    @Test
    void publishesEveryFieldWithContextKeyValuesAndMessageObjectFields(@BootstrapServers String servers,
            TopicPrefix prefix) {
        use(configured(servers, prefix.value()));
        MDC.put("request", "r-42");
        try {
            logger.atWarn()
                    .setMessage("order {} placed")
                    .addArgument("a1")
                    .addArgument(new Order().withId("a1").withTotal(12.5))
                    .addKeyValue("customer", "ann")
                    .addKeyValue("items", 3)
                    .setCause(new IllegalStateException("stock low"))
                    .log();
        } finally {
            MDC.remove("request");
        }

        List<JsonNode> envelopes = LogTopic.readUntil(servers, prefix.value() + "logs", DEADLINE, e -> !e.isEmpty());
        JsonNode envelope = envelopes.get(0);
        assertEquals("PydanticLogModel:1", envelope.get("schema").asString(), "the schema key Python writes");
        JsonNode data = envelope.get("data");
        assertEquals(logger.getName(), data.get("logger").asString());
        assertEquals("WARNING", data.get("severity").asString());
        assertEquals(30, data.get("level").asInt());
        assertEquals("order a1 placed", data.get("message").asString());
        assertEquals("IllegalStateException", data.get("exception").asString(), "the type name, as Python gives it");
        assertTrue(data.get("stack").asString().contains("stock low"), data.toString());
        assertTrue(data.get("stack").asString().contains("KafkaeskAppenderTest"), data.toString());
        String timestamp = data.get("timestamp").asString();
        assertTrue(timestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?"),
                "naive UTC, as Python writes it: " + timestamp);
        Duration age = Duration.between(LogTimestamps.parse(timestamp), Instant.now());
        assertTrue(!age.isNegative() && age.compareTo(DEADLINE) < 0, "read as UTC, the event is recent: " + age);
        assertTrue(data.get("trace").isNull(), "no caller data unless asked for, written as Python does: " + data);
        assertEquals(Thread.currentThread().getName(), data.get("thread").asString());
        HostInfo host = HostInfo.detect();
        assertEquals(host.hostname(), data.get("hostname").asString());
        assertEquals(host.service(), data.get("service").asString());
        assertEquals(host.namespace(), data.get("namespace").isNull() ? null : data.get("namespace").asString());
        assertEquals(host.cluster(), data.get("cluster").isNull() ? null : data.get("cluster").asString());
        for (String field : List.of("timestamp", "logger", "severity", "level", "message", "exception", "trace",
                "stack", "hostname", "service", "namespace", "cluster")) {
            assertTrue(data.has(field), "every field Python's extension writes, null or not: " + field);
        }
        assertEquals("r-42", data.get("request").asString(), "MDC entry");
        assertEquals("ann", data.get("customer").asString(), "key-value pair");
        assertEquals(3, data.get("items").asInt(), "key-value pair keeps its type");
        assertEquals("a1", data.get("id").asString(), "message object field");
        assertEquals(12.5, data.get("total").asDouble(), "message object field");
    }

    @Test
    void dropsRecordsWhenTheQueueIsFullAndWarnsOnce() throws Exception {
        // Nothing listens on port 1: the sender waits for Kafka (5 s per attempt), so the queue fills up.
        KafkaeskAppender a = configured("127.0.0.1:1", "");
        a.setQueueSize(10);
        a.setPublishTimeoutMillis(5_000);
        a.setCloseTimeoutMillis(200);
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            use(a);
            for (int i = 0; i < 200; i++) {
                logger.info("event {}", i);
            }
        } finally {
            System.setErr(originalErr);
        }
        assertEquals(200, a.accepted() + a.dropped(), "every event is either queued or dropped");
        assertTrue(a.accepted() <= 21, "at most the queue, as many records in flight, and the record the sender "
                + "holds: " + a.accepted());
        assertTrue(a.dropped() >= 179, "dropped: " + a.dropped());
        List<String> warnings = err.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("kafkaesk logging"))
                .toList();
        assertEquals(1, warnings.size(), "one warning for " + a.dropped() + " drops: " + warnings);
        assertTrue(warnings.get(0).contains("queue is full"), warnings.get(0));
    }

    @Test
    void closingAnAttachedApplicationPublishesWhatIsQueued(@BootstrapServers String servers, TopicPrefix prefix) {
        Application app = Application.builder().kafkaServers(servers).topicPrefix(prefix.value()).build();
        app.initialize();
        KafkaeskAppender a = new KafkaeskAppender();
        a.setContext(context);
        a.setName("attached");
        a.setApplication(app);
        a.setStream("logs");
        use(a);
        for (int i = 0; i < 500; i++) {
            logger.info("flushed {}", i);
        }
        app.close();
        assertEquals(500, a.published() + a.failed(), "every record was handled before the application closed");
        assertEquals(0, a.failed());
        List<JsonNode> envelopes = LogTopic.readUntil(servers, prefix.value() + "logs", DEADLINE,
                e -> LogTopic.withMessagePrefix(e, "flushed").size() >= 500);
        assertEquals(500, LogTopic.withMessagePrefix(envelopes, "flushed").size());
    }

    @Test
    void ignoresEventsOfKafkaAndKafkaeskLoggers(@BootstrapServers String servers, TopicPrefix prefix) {
        use(configured(servers, prefix.value()));
        Logger kafka = context.getLogger("org.apache.kafka.clients.test");
        Logger own = context.getLogger("io.kafkaesk.test.appender");
        kafka.addAppender(appender);
        own.addAppender(appender);
        try {
            kafka.error("from kafka");
            own.error("from kafkaesk");
            logger.info("from the application");
        } finally {
            kafka.detachAppender(appender);
            own.detachAppender(appender);
        }
        assertEquals(1, appender.accepted());
    }
}
