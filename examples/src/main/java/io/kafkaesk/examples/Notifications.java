package io.kafkaesk.examples;

import io.kafkaesk.MessageContext;
import io.kafkaesk.examples.events.shop.ShipmentDispatched;
import io.kafkaesk.examples.events.shop.ShipmentDispatchedSubscriber;

/** Tells the customer that the parcel is on its way. */
public final class Notifications implements ShipmentDispatchedSubscriber {
    private final Journal journal;

    Notifications(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void onShipmentDispatched(ShipmentDispatched shipment, MessageContext context) {
        journal.record("notifications", context, "told the customer of " + shipment.getOrderId() + " it ships to "
                + shipment.getDestination().getCity());
    }
}
