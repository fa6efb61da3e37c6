package io.kafkaesk.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkaesk.Application;
import io.kafkaesk.interop.decimals.Price;
import io.kafkaesk.interop.decimals.PriceSubscriber;
import io.kafkaesk.test.BootstrapServers;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Numbers a schema asks to hold exactly ({@code "javaType": "java.math.BigDecimal"}) and 64-bit integers reach the
 * handler with every digit, whether or not the subscription validates first.
 */
@KafkaeskTest
class ExactNumbersTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void decimalsAndLongsArriveWithEveryDigit(@BootstrapServers String servers, TopicPrefix prefix) throws Exception {
        Map<String, Price> plain = new ConcurrentHashMap<>();
        Map<String, Price> validated = new ConcurrentHashMap<>();
        try (Application app = Application.builder().kafkaServers(servers).topicPrefix(prefix.value()).build()) {
            app.subscribe("prices", "plain", (PriceSubscriber) (data, ctx) -> plain.put(data.getId(), data));
            app.subscribe("prices", "validated", (PriceSubscriber) (data, ctx) -> validated.put(data.getId(), data))
                    .validate(true);
            app.initialize();
            for (String record : List.of(
                    "{\"schema\":\"Price:1\",\"data\":{\"id\":\"cents\",\"amount\":19.99,\"units\":3000000000}}",
                    "{\"schema\":\"Price:1\",\"data\":{\"id\":\"wide\",\"amount\":12345678901234567.89,"
                            + "\"units\":9223372036854775807}}")) {
                app.rawPublish("prices", record.getBytes(StandardCharsets.UTF_8), null, List.of()).get();
            }
            app.publishAndWait("prices", Price.builder().id("java").amount(new BigDecimal("0.30"))
                    .units(-9_223_372_036_854_775_808L).build());
            long end = System.nanoTime() + DEADLINE.toNanos();
            while ((plain.size() < 3 || validated.size() < 3) && System.nanoTime() < end) {
                Thread.sleep(50);
            }
        }
        for (Map<String, Price> got : List.of(plain, validated)) {
            String which = got == plain ? "without validation" : "with validation";
            assertEquals(List.of("cents", "java", "wide"), got.keySet().stream().sorted().toList(), which);
            assertEquals(new BigDecimal("19.99"), got.get("cents").getAmount(), which);
            assertEquals(3_000_000_000L, got.get("cents").getUnits(), which);
            assertEquals(new BigDecimal("12345678901234567.89"), got.get("wide").getAmount(), which);
            assertEquals(Long.MAX_VALUE, got.get("wide").getUnits(), which);
            assertEquals(new BigDecimal("0.30"), got.get("java").getAmount(), which);
            assertEquals(Long.MIN_VALUE, got.get("java").getUnits(), which);
        }
    }
}
