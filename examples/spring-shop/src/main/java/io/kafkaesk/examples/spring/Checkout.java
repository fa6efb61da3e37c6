package io.kafkaesk.examples.spring;

import io.kafkaesk.examples.spring.events.shop.Address;
import io.kafkaesk.examples.spring.events.shop.OrderPlacedV2;
import io.kafkaesk.examples.spring.events.shop.OrderPlacedV2Line;
import io.kafkaesk.examples.spring.events.shop.OrderPlacedV2Publisher;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Places three orders once the application is up, through the generated publisher the starter made a bean.
 * Each is validated against {@code order-placed-v2.json} before it is sent.
 */
@Component
public class Checkout implements ApplicationRunner {
    private final OrderPlacedV2Publisher orders;
    private final Story story;

    Checkout(OrderPlacedV2Publisher orders, Story story) {
        this.orders = orders;
        this.story = story;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Address zurich = new Address("Bahnhofstrasse 1", "Zürich", "CH");
        Address lisbon = new Address("Rua Augusta 10", "Lisboa", "PT");
        Address pole = new Address("Amundsen-Scott Station", "South Pole", "AQ");
        for (OrderPlacedV2 order : List.of(
                order("o-1001", "ada", zurich, new OrderPlacedV2Line("book", 2L, 19.5)),
                order("o-1002", "grace", lisbon, new OrderPlacedV2Line("lamp", 1L, 45.0),
                        new OrderPlacedV2Line("bulb", 4L, 2.25)),
                order("o-1003", "roald", pole, new OrderPlacedV2Line("tent", 1L, 320.0)))) {
            orders.publishToShopOrdersPlaced(order).get();
            story.tell("checkout", "placed " + order.getOrderId() + " for " + order.getCustomer());
        }
    }

    private static OrderPlacedV2 order(String id, String customer, Address to, OrderPlacedV2Line... lines) {
        return new OrderPlacedV2()
                .withOrderId(id)
                .withCustomer(customer)
                .withPlacedAt(OffsetDateTime.of(2026, 11, 27, 12, 0, 0, 0, ZoneOffset.ofHours(1)))
                .withLines(List.of(lines))
                .withShipTo(to);
    }
}
