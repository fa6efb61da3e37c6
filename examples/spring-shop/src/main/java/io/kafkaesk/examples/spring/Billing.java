package io.kafkaesk.examples.spring;

import io.kafkaesk.MessageContext;
import io.kafkaesk.examples.spring.events.shop.OrderPlacedV2;
import io.kafkaesk.examples.spring.events.shop.OrderPlacedV2Line;
import io.kafkaesk.examples.spring.events.shop.OrderPlacedV2Subscriber;
import io.kafkaesk.examples.spring.events.shop.PaymentSettled;
import io.kafkaesk.examples.spring.events.shop.PaymentSettledPublisher;
import io.kafkaesk.spring.KafkaeskListener;
import org.springframework.stereotype.Component;

/** Charges each order: a bean implementing the generated subscriber, publishing through an injected publisher. */
@Component
@KafkaeskListener(pattern = "shop.orders.placed", group = "billing", concurrency = 2)
public class Billing implements OrderPlacedV2Subscriber {
    private final PaymentSettledPublisher payments;
    private final Story story;

    Billing(PaymentSettledPublisher payments, Story story) {
        this.payments = payments;
        this.story = story;
    }

    @Override
    public void onOrderPlacedV2(OrderPlacedV2 order, MessageContext context) throws Exception {
        double amount = 0;
        for (OrderPlacedV2Line line : order.getLines()) {
            amount += line.getQuantity() * line.getUnitPrice();
        }
        payments.publishToShopPaymentsSettled(
                PaymentSettled.builder().orderId(order.getOrderId()).amount(amount)
                        .status(PaymentSettled.Status.APPROVED).build()).get();
        story.tell("billing", order.getOrderId() + " charged " + amount);
    }
}
