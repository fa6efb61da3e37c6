package io.kafkaesk.examples;

import io.kafkaesk.MessageContext;
import io.kafkaesk.examples.events.shop.OrderPlacedV2;
import io.kafkaesk.examples.events.shop.OrderPlacedV2Line;
import io.kafkaesk.examples.events.shop.OrderPlacedV2Subscriber;
import io.kafkaesk.examples.events.shop.PaymentSettled;
import io.kafkaesk.examples.events.shop.PaymentSettledPublisher;

/** Charges each order and publishes the outcome; the order's headers travel on with the payment. */
public final class Billing implements OrderPlacedV2Subscriber {
    static final double LIMIT = 1_000;
    private final Journal journal;

    Billing(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void onOrderPlacedV2(OrderPlacedV2 order, MessageContext context) throws Exception {
        double amount = 0;
        for (OrderPlacedV2Line line : order.getLines()) {
            amount += line.getQuantity() * line.getUnitPrice();
        }
        PaymentSettled.Status status = amount <= LIMIT ? PaymentSettled.Status.APPROVED
                : PaymentSettled.Status.DECLINED;
        PaymentSettled payment = PaymentSettled.builder().orderId(order.getOrderId()).amount(amount).status(status)
                .build();
        // Bound to the record being handled: its x-request-id and trace headers travel on, and the order counts
        // as done only when the broker has acknowledged the payment.
        PaymentSettledPublisher.of(context).publishToShopPaymentsSettled(payment, order.getOrderId());
        journal.record("billing", context, order.getOrderId() + " charged " + amount + " -> " + status.value());
    }
}
