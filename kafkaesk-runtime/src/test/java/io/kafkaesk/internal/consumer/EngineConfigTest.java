package io.kafkaesk.internal.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
    @Test
    void theProtocolLimitIsNinetyPercentOfMaxPollInterval() {
        assertEquals(Duration.ofSeconds(270), EngineConfig.protocolLimit(Map.of()), "Kafka's default 300 s");
        assertEquals(Duration.ofSeconds(9), EngineConfig.protocolLimit(Map.of("max.poll.interval.ms", "10000")));
        assertEquals(Duration.ofSeconds(54), EngineConfig.protocolLimit(Map.of("max.poll.interval.ms", 60_000)));
    }
}
