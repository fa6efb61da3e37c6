package io.kafkaesk.examples;

import io.kafkaesk.BatchRecord;
import io.kafkaesk.examples.events.shop.OrderPlacedV2;
import io.kafkaesk.examples.events.shop.OrderPlacedV2Line;
import io.kafkaesk.examples.events.shop.OrderPlacedV2Subscriber;
import java.util.List;

/**
 * Books the sales of placed orders a list at a time, as a sink writing to a database would: one batch subscriber
 * receives consecutive orders of one partition, in order, and books them together. A failing write fails the
 * batch, which is retried; a batch that keeps failing is booked one order at a time, so that only an order that
 * fails alone is dead-lettered.
 */
public final class SalesLedger implements OrderPlacedV2Subscriber.Batch {
    private final Journal journal;

    SalesLedger(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void onOrderPlacedV2Batch(List<BatchRecord<OrderPlacedV2>> batch) {
        double total = 0;
        for (BatchRecord<OrderPlacedV2> r : batch) {
            total += amount(r.data());
        }
        // One write for the whole batch would go here; then each order is noted with its own record's headers.
        for (BatchRecord<OrderPlacedV2> r : batch) {
            journal.record("ledger", r.context(), "booked " + r.data().getOrderId() + " (" + amount(r.data())
                    + ") in a batch of " + batch.size() + " totalling " + total);
        }
    }

    private static double amount(OrderPlacedV2 order) {
        double amount = 0;
        for (OrderPlacedV2Line line : order.getLines()) {
            amount += line.getQuantity() * line.getUnitPrice();
        }
        return amount;
    }
}
