package io.kafkaesk.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.kafkaesk.test.EmbeddedKafka;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** A cluster of its own: the test stops its only broker. */
@KafkaeskTest(scope = KafkaeskTest.Scope.PER_CLASS)
class BrokerOutageTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void keepsLoggingWhileTheBrokerIsDownAndDeliversEveryRecordOnceItIsBack(EmbeddedKafka kafka,
            TopicPrefix prefix) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("outage.service");
        logger.setAdditive(false);
        KafkaeskAppender appender = new KafkaeskAppender();
        appender.setContext(context);
        appender.setName("outage");
        appender.setKafkaServers(kafka.bootstrapServers());
        appender.setTopicPrefix(prefix.value());
        appender.setStream("logs");
        appender.setPublishTimeoutMillis(60_000);
        appender.start();
        logger.addAppender(appender);
        String topic = prefix.value() + "logs";
        try {
            logger.info("before the outage");
            LogTopic.readUntil(kafka.bootstrapServers(), topic, DEADLINE,
                    e -> !LogTopic.withMessagePrefix(e, "before").isEmpty());

            kafka.stopBroker(0);
            long slowest = 0;
            for (int i = 0; i < 200; i++) {
                long start = System.nanoTime();
                logger.info("during the outage {}", i);
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            // Far below the publish timeout (60 s): logging never waits for Kafka.
            assertTrue(slowest < Duration.ofSeconds(1).toNanos(), "slowest log call: " + slowest + " ns");

            kafka.startBroker(0);
            for (int i = 0; i < 200; i++) {
                logger.info("after the outage {}", i);
            }
            List<JsonNode> envelopes = LogTopic.readUntil(kafka.bootstrapServers(), topic, DEADLINE,
                    e -> LogTopic.withMessagePrefix(e, "during").size() >= 200
                            && LogTopic.withMessagePrefix(e, "after").size() >= 200);
            assertEquals(200, LogTopic.withMessagePrefix(envelopes, "during").stream()
                    .map(d -> d.get("message").asString()).distinct().count());
            assertEquals(200, LogTopic.withMessagePrefix(envelopes, "after").stream()
                    .map(d -> d.get("message").asString()).distinct().count());
            assertEquals(0, appender.dropped());
            assertEquals(0, appender.failed());
        } finally {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
