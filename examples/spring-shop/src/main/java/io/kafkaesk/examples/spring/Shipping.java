package io.kafkaesk.examples.spring;

import io.kafkaesk.MessageContext;
import io.kafkaesk.examples.spring.events.shop.Address;
import io.kafkaesk.examples.spring.events.shop.OrderPlacedV2;
import io.kafkaesk.examples.spring.events.shop.ShipmentDispatched;
import io.kafkaesk.examples.spring.events.shop.ShipmentDispatchedPublisher;
import io.kafkaesk.spring.KafkaeskListener;
import org.springframework.stereotype.Component;

/**
 * Dispatches each order, from a listener method. It cannot serve the South Pole: it throws, kafkaesk retries
 * (two attempts in all) and then dead-letters the order with the reason.
 */
@Component
public class Shipping {
    private final Story story;

    Shipping(Story story) {
        this.story = story;
    }

    @KafkaeskListener(pattern = "shop.orders.placed", group = "shipping", attempts = 2)
    void ship(OrderPlacedV2 order, MessageContext context) throws Exception {
        Address to = order.getShipTo();
        if (to.getCountry().equals("AQ")) {
            story.tell("shipping", order.getOrderId() + " cannot go to " + to.getCity() + " (attempt "
                    + context.attempt() + ")");
            throw new IllegalStateException("No carrier serves " + to.getCity() + ", " + to.getCountry());
        }
        ShipmentDispatched.Carrier carrier = order.getLines().size() > 1 ? ShipmentDispatched.Carrier.COURIER
                : ShipmentDispatched.Carrier.POST;
        // Bound to the order's record: its request id and trace headers travel on, and the order is done only
        // when the shipment is acknowledged.
        ShipmentDispatchedPublisher.of(context)
                .publishToShopShipmentsDispatched(ShipmentDispatched.builder()
                        .orderId(order.getOrderId()).carrier(carrier).destination(to).build());
        story.tell("shipping", order.getOrderId() + " dispatched by " + carrier.value() + " to " + to.getCity());
    }
}
