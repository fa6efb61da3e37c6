package io.kafkaesk.examples;

import io.kafkaesk.Application;
import io.kafkaesk.MessageHandler;
import io.kafkaesk.Router;
import io.kafkaesk.examples.events.KafkaeskSchemas;
import io.kafkaesk.examples.events.shop.Address;
import io.kafkaesk.examples.events.shop.OrderPlaced;
import io.kafkaesk.examples.events.shop.OrderPlacedPublisher;
import io.kafkaesk.examples.events.shop.OrderPlacedSubscriber;
import io.kafkaesk.examples.events.shop.OrderPlacedV2;
import io.kafkaesk.examples.events.shop.OrderPlacedV2Line;
import io.kafkaesk.examples.events.shop.OrderPlacedV2Publisher;
import io.kafkaesk.examples.events.shop.OrderPlacedV2Subscriber;
import io.kafkaesk.test.EmbeddedKafka;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A small shop on kafkaesk, end to end: the checkout publishes orders through generated publishers; billing,
 * shipping, notifications and an audit log consume them through generated subscribers (and one raw envelope
 * handler); one order cannot be shipped and ends in the dead-letter topic.
 *
 * <p>Run it with {@code mvn -q -pl examples -am package exec:java}: it starts a Kafka broker inside the JVM
 * (or uses {@code KAFKA=host:port}), prints what happens, and exits 0 once every message has arrived.
 */
public final class ShopExample {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private ShopExample() {}

    /** Runs the shop story and exits 0 when it completed, 1 when it did not within the timeout. */
    public static void main(String[] args) throws Exception {
        boolean done;
        String external = System.getenv("KAFKA");
        if (external != null && !external.isBlank()) {
            done = run(external, System.out);
        } else {
            System.out.println("Starting an embedded Kafka broker (set KAFKA=host:port to use your own)...");
            try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
                done = run(kafka.bootstrapServers(), System.out);
            }
        }
        System.exit(done ? 0 : 1);
    }

    /** Runs the story against {@code servers}; returns whether every expected message arrived in time. */
    static boolean run(String servers, PrintStream out) throws Exception {
        Journal journal = new Journal(out);
        Application app = Application.builder()
                .kafkaServers(servers)
                .topicPrefix("example-" + Long.toHexString(System.nanoTime()) + ".")
                .build();
        app.schemas(KafkaeskSchemas.all());
        app.mount(shop(journal));

        AtomicInteger deadLetters = new AtomicInteger();
        app.subscribeRecords("kafkaesk.dead-letter", "dead-letter-monitor", (record, context) -> {
            journal.print("dead-letter", header(record.headers().lastHeader("kafkaesk.error.class")) + ": "
                    + header(record.headers().lastHeader("kafkaesk.error.message")) + " (from "
                    + header(record.headers().lastHeader("kafkaesk.error.topic")) + ", after "
                    + header(record.headers().lastHeader("kafkaesk.error.attempts")) + " attempts)");
            deadLetters.incrementAndGet();
        });

        try (app) {
            app.initialize();
            checkout(app, journal);
            boolean done = Journal.await(() -> journal.count("billing") == 3 && journal.count("notifications") == 2
                    && journal.count("audit") == 4 && journal.count("customers") == 4 && journal.count("ledger") == 3
                    && deadLetters.get() == 1,
                    TIMEOUT);
            out.println();
            if (done) {
                out.println("Done: 4 orders placed, 3 charged, 2 shipped and notified, 1 dead-lettered.");
                out.println("The dead letter keeps the order's key, bytes and headers; once a carrier serves the"
                        + " destination, 'kafkaesk dlq replay --topic-prefix " + app.settings().topicPrefix()
                        + " ...' sends it back to its topic.");
            } else {
                out.println("Not every message arrived within " + TIMEOUT.toSeconds() + " s: billing="
                        + journal.count("billing") + " notifications=" + journal.count("notifications")
                        + " audit=" + journal.count("audit") + " customers=" + journal.count("customers")
                        + " dead letters=" + deadLetters.get());
            }
            return done;
        }
    }

    /** The shop's subscriptions, collected in a router the application mounts. */
    static Router shop(Journal journal) {
        Router router = new Router();
        router.subscribe("shop.orders.placed", "billing", new Billing(journal));
        router.subscribe("shop.orders.placed", "shipping", new Shipping(journal));
        router.subscribe("shop.shipments.dispatched", "notifications", new Notifications(journal));
        router.subscribeEnvelopes("shop.orders.*", "audit", new Audit(journal));
        router.subscribe("shop.orders.*", "customers", MessageHandler.versions(
                (OrderPlacedSubscriber) (order, context) ->
                        journal.record("customers", context, order.getCustomer() + " ordered " + order.getOrderId()),
                (OrderPlacedV2Subscriber) (order, context) ->
                        journal.record("customers", context, order.getCustomer() + " ordered " + order.getOrderId())));
        SalesLedger.subscribe(router, journal);
        return router;
    }

    private static void checkout(Application app, Journal journal) throws Exception {
        OrderPlacedV2Publisher orders = OrderPlacedV2Publisher.of(app);
        Address zurich = Address.builder().street("Bahnhofstrasse 1").city("Zürich").country("CH").build();
        Address lisbon = Address.builder().street("Rua Augusta 10").city("Lisboa").country("PT").build();
        Address pole = Address.builder().street("Amundsen-Scott Station").city("South Pole").country("AQ").build();
        List<OrderPlacedV2> placed = List.of(
                order("o-1001", "ada", zurich, line("book", 2, 19.5)),
                order("o-1002", "grace", lisbon, line("lamp", 1, 45.0), line("bulb", 4, 2.25)),
                order("o-1003", "roald", pole, line("tent", 1, 320.0)));
        for (OrderPlacedV2 order : placed) {
            List<Header> headers = List.of(new RecordHeader("x-request-id",
                    ("req-" + order.getOrderId()).getBytes(StandardCharsets.UTF_8)));
            orders.publishToShopOrdersPlaced(order, null, headers).get();
            journal.print("checkout", "placed " + order.getOrderId() + " for " + order.getCustomer()
                    + " (OrderPlaced:2)");
        }
        OrderPlaced legacy = OrderPlaced.builder().orderId("o-0999").customer("linus").total(12.0).build();
        OrderPlacedPublisher.of(app).publishToShopOrdersLegacy(legacy).get();
        journal.print("checkout", "placed o-0999 for linus through the legacy checkout (OrderPlaced:1)");
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

    private static String header(Header header) {
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
