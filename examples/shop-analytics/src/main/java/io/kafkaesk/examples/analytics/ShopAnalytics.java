package io.kafkaesk.examples.analytics;

import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageHandler;
import io.kafkaesk.Router;
import io.kafkaesk.examples.analytics.events.kafkaesk_examples.OrderPlaced;
import io.kafkaesk.examples.analytics.events.kafkaesk_examples.OrderPlacedSubscriber;
import io.kafkaesk.examples.analytics.events.kafkaesk_examples.OrderPlacedV2;
import io.kafkaesk.examples.analytics.events.kafkaesk_examples.OrderPlacedV2Line;
import io.kafkaesk.examples.analytics.events.kafkaesk_examples.OrderPlacedV2Subscriber;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Owns the shop analytics team's view of the shop: the revenue of each customer, read from the shop's order
 * streams with classes generated from the shop's schema artifact ({@code kafkaesk-examples}), not from copies of
 * its schema files.
 *
 * <p>Both versions of the shop's order arrive: {@code OrderPlaced:2} on {@code shop.orders.placed} and
 * {@code OrderPlaced:1} from the legacy checkout on {@code shop.orders.legacy}; one subscription in one consumer
 * group reads both.
 */
public final class ShopAnalytics {
    /** The shop's order streams this service reads. */
    public static final List<String> ORDER_STREAMS = List.of("shop.orders.placed", "shop.orders.legacy");

    /** The consumer group of this service. */
    public static final String GROUP = "shop-analytics";

    private final Map<String, Double> revenue = new ConcurrentHashMap<>();

    /** The subscriptions of this service, for an application to mount. */
    public Router router() {
        Router router = new Router();
        router.subscribeToTopics(ORDER_STREAMS, GROUP, MessageHandler.versions(
                (OrderPlacedSubscriber) this::onLegacyOrder,
                (OrderPlacedV2Subscriber) this::onOrder));
        return router;
    }

    /** The revenue of {@code customer} counted so far, 0 for a customer with no order. */
    public double revenueOf(String customer) {
        return revenue.getOrDefault(customer, 0.0);
    }

    private void onOrder(OrderPlacedV2 order, MessageContext context) {
        double amount = 0;
        for (OrderPlacedV2Line line : order.getLines()) {
            amount += line.getQuantity() * line.getUnitPrice();
        }
        revenue.merge(order.getCustomer(), amount, Double::sum);
    }

    private void onLegacyOrder(OrderPlaced order, MessageContext context) {
        revenue.merge(order.getCustomer(), order.getTotal(), Double::sum);
    }
}
