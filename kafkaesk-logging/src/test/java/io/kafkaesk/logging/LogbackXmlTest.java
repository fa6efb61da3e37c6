package io.kafkaesk.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import io.kafkaesk.test.BootstrapServers;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@KafkaeskTest
class LogbackXmlTest {
    @Test
    void configuredFromLogbackXmlPublishesEverythingLoggedBeforeTheContextStops(@BootstrapServers String servers,
            TopicPrefix prefix) throws Exception {
        String xml = """
                <configuration>
                  <appender name="KAFKA" class="io.kafkaesk.logging.KafkaeskAppender">
                    <kafkaServers>%s</kafkaServers>
                    <topicPrefix>%s</topicPrefix>
                    <stream>logs.xml</stream>
                    <kafkaSetting>linger.ms=20</kafkaSetting>
                    <queueSize>1000</queueSize>
                  </appender>
                  <root level="INFO"><appender-ref ref="KAFKA"/></root>
                </configuration>
                """.formatted(servers, prefix.value());
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // as Logback's SLF4J provider does for its context
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN)
                .toList();
        assertTrue(errors.isEmpty(), errors.toString());

        Logger logger = context.getLogger("billing.invoices");
        for (int i = 0; i < 300; i++) {
            logger.info("invoice {}", i);
        }
        KafkaeskAppender appender = (KafkaeskAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("KAFKA");
        context.stop(); // stops the appender: what is queued is published first
        assertEquals(300, appender.published(), "published before stop() returned");

        List<JsonNode> envelopes = LogTopic.readUntil(servers, prefix.value() + "logs.xml", Duration.ofSeconds(60),
                e -> LogTopic.withMessagePrefix(e, "invoice").size() >= 300);
        List<JsonNode> invoices = LogTopic.withMessagePrefix(envelopes, "invoice");
        assertEquals(300, invoices.stream().map(d -> d.get("message").asString()).distinct().count());
        assertEquals("billing.invoices", invoices.get(0).get("logger").asString());
    }
}
