package com.acme.analytics;

import com.acme.analytics.producer.ShopOrder;
import com.acme.analytics.producer.ShopOrderSubscriber;
import io.kafkaesk.MessageContext;

/** Sums the totals of the producer's orders, with the subscriber generated from the producer's schemas. */
public final class Revenue implements ShopOrderSubscriber {
    private double total;

    @Override
    public void onShopOrder(ShopOrder order, MessageContext context) {
        total += order.getTotal();
    }

    /** The sum so far. */
    public double total() {
        return total;
    }
}
