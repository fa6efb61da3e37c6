package io.kafkaesk.examples;

import io.kafkaesk.BatchRecord;
import io.kafkaesk.Router;
import io.kafkaesk.Subscription;
import io.kafkaesk.examples.events.shop.OrderPlacedV2;
import io.kafkaesk.examples.events.shop.OrderPlacedV2Line;
import io.kafkaesk.examples.events.shop.OrderPlacedV2Subscriber;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    /** Subscribes a ledger: a batch subscriber, whose consumer has settings of its own. */
    static Subscription subscribe(Router router, Journal journal) {
        return router.subscribe("shop.orders.placed", "sales-ledger", new SalesLedger(journal))
                .maxBatchSize(200)                                  // at most 200 orders per call
                .autoOffsetReset(Subscription.OffsetReset.EARLIEST) // a new ledger books every order in the stream
                .maxPollRecords(200)                                // max.poll.records, for this consumer only
                .revocationTimeout(Duration.ofSeconds(30))          // how long a rebalance waits for a batch
                .kafkaSettings(Map.of("fetch.min.bytes", 1024, "fetch.max.wait.ms", 200)); // fuller batches
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
