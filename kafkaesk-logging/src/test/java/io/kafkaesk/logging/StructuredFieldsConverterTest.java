package io.kafkaesk.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class StructuredFieldsConverterTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("orders");

    @Test
    void printsContextKeyValuesAndMessageObjectFieldsAsPairs() {
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.INFO, "order {} placed", null,
                new Object[] {"a1", new Order().withId("a1").withTotal(12.5)});
        event.setMDCPropertyMap(Map.of("request", "r 42"));
        event.setKeyValuePairs(List.of(new KeyValuePair("items", 3), new KeyValuePair("level", "spoofed")));

        String printed = new StructuredFieldsConverter().convert(event);

        assertEquals(" request=\"r 42\" items=3 id=a1 total=12.5", printed);
        assertEquals("order a1 placed", event.getFormattedMessage(), "the message is formatted as usual");
    }

    @Test
    void printsNothingWithoutFields() {
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.INFO, "plain {}", null, new Object[] {"text"});
        event.setMDCPropertyMap(Map.of());
        assertEquals("", new StructuredFieldsConverter().convert(event));
    }
}
