package io.kafkaesk.examples.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkaesk.Application;
import io.kafkaesk.examples.analytics.events.kafkaesk_examples.Address;
import io.kafkaesk.examples.analytics.events.kafkaesk_examples.OrderPlaced;
import io.kafkaesk.examples.analytics.events.kafkaesk_examples.OrderPlacedPublisher;
import io.kafkaesk.examples.analytics.events.kafkaesk_examples.OrderPlacedV2;
import io.kafkaesk.examples.analytics.events.kafkaesk_examples.OrderPlacedV2Line;
import io.kafkaesk.examples.analytics.events.kafkaesk_examples.OrderPlacedV2Publisher;
import io.kafkaesk.test.KafkaCluster;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shop's orders, published with the publishers generated from the shop's artifact, reach the analytics. */
@KafkaeskTest
class ShopAnalyticsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void countsTheRevenueOfBothOrderVersionsTheShopPublishes(KafkaCluster kafka, TopicPrefix prefix)
            throws Exception {
        ShopAnalytics analytics = new ShopAnalytics();
        // build() registers the generated schemas (the shop's, as generated here) found on the class path.
        try (Application app = Application.builder()
                .kafkaServers(kafka.bootstrapServers())
                .topicPrefix(prefix.value())
                .build()) {
            app.mount(analytics.router());
            app.initialize();

            OrderPlacedV2 order = OrderPlacedV2.builder()
                    .orderId("o-1001")
                    .customer("ada")
                    .placedAt(OffsetDateTime.of(2026, 12, 2, 8, 0, 0, 0, ZoneOffset.UTC))
                    .lines(List.of(
                            OrderPlacedV2Line.builder().sku("book").quantity(2L).unitPrice(19.5).build(),
                            OrderPlacedV2Line.builder().sku("pen").quantity(1L).unitPrice(3.0).build()))
                    .shipTo(Address.builder().street("Bahnhofstrasse 1").city("Zürich").country("CH").build())
                    .build();
            OrderPlacedV2Publisher.of(app).publishToShopOrdersPlaced(order).get(30, TimeUnit.SECONDS);
            OrderPlacedPublisher.of(app).publishToShopOrdersLegacy(
                    OrderPlaced.builder().orderId("o-0999").customer("ada").total(12.0).build())
                    .get(30, TimeUnit.SECONDS);

            assertEquals(54.0, awaitRevenue(analytics, "ada", 54.0),
                    "revenue of ada: 2 x 19.5 + 3.0 from OrderPlaced:2 and 12.0 from OrderPlaced:1");
        }
    }

    /** Polls until the revenue of {@code customer} is {@code expected} or the deadline passed; returns the last. */
    private static double awaitRevenue(ShopAnalytics analytics, String customer, double expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (analytics.revenueOf(customer) != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return analytics.revenueOf(customer);
    }
}
