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
        Address zurich = Address.builder().street("Bahnhofstrasse 1").city("Zürich").country("CH").build();
        Address lisbon = Address.builder().street("Rua Augusta 10").city("Lisboa").country("PT").build();
        Address pole = Address.builder().street("Amundsen-Scott Station").city("South Pole").country("AQ").build();
        for (OrderPlacedV2 order : List.of(
                order("o-1001", "ada", zurich, line("book", 2, 19.5)),
                order("o-1002", "grace", lisbon, line("lamp", 1, 45.0), line("bulb", 4, 2.25)),
                order("o-1003", "roald", pole, line("tent", 1, 320.0)))) {
            orders.publishToShopOrdersPlaced(order).get();
            story.tell("checkout", "placed " + order.getOrderId() + " for " + order.getCustomer());
        }
    }

    private static OrderPlacedV2 order(String id, String customer, Address to, OrderPlacedV2Line... lines) {
        return OrderPlacedV2.builder()
                .orderId(id)
                .customer(customer)
                .placedAt(OffsetDateTime.of(2026, 11, 27, 12, 0, 0, 0, ZoneOffset.ofHours(1)))
                .lines(List.of(lines))
                .shipTo(to)
                .build();
    }

    private static OrderPlacedV2Line line(String sku, long quantity, double unitPrice) {
        return OrderPlacedV2Line.builder().sku(sku).quantity(quantity).unitPrice(unitPrice).build();
    }
}
