package io.kafkaesk.examples;

import io.kafkaesk.MessageContext;
import io.kafkaesk.examples.events.shop.Address;
import io.kafkaesk.examples.events.shop.OrderPlacedV2;
import io.kafkaesk.examples.events.shop.OrderPlacedV2Subscriber;
import io.kafkaesk.examples.events.shop.ShipmentDispatched;
import io.kafkaesk.examples.events.shop.ShipmentDispatchedPublisher;
import java.util.Set;

/**
 * Dispatches each order. It refuses destinations it cannot serve by throwing: kafkaesk retries the record, then
 * moves it to the dead-letter topic with the reason, and carries on with the next one.
 */
public final class Shipping implements OrderPlacedV2Subscriber {
    static final Set<String> NOT_SERVED = Set.of("AQ");
    private final Journal journal;

    Shipping(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void onOrderPlacedV2(OrderPlacedV2 order, MessageContext context) throws Exception {
        Address to = order.getShipTo();
        if (NOT_SERVED.contains(to.getCountry())) {
            journal.record("shipping", context, order.getOrderId() + " cannot go to " + to.getCountry()
                    + " (attempt " + context.attempt() + ")");
            throw new IllegalStateException("No carrier serves " + to.getCity() + ", " + to.getCountry());
        }
        ShipmentDispatched.Carrier carrier = order.getLines().size() > 1 ? ShipmentDispatched.Carrier.COURIER
                : ShipmentDispatched.Carrier.POST;
        ShipmentDispatchedPublisher.of(context)
                .publishToShopShipmentsDispatched(ShipmentDispatched.builder()
                        .orderId(order.getOrderId()).carrier(carrier).destination(to).build());
        journal.record("shipping", context, order.getOrderId() + " dispatched by " + carrier.value() + " to "
                + to.getCity());
    }
}
