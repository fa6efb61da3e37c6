package com.acme.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.events.common.Address;
import com.acme.events.orders.Order;
import com.acme.events.orders.OrderCustomer;
import com.acme.events.orders.OrderLine;
import com.acme.events.orders.OrderMoney;
import com.acme.events.orders.OrderPublisher;
import com.acme.events.orders.OrderSchema;
import com.acme.events.orders.OrderSubscriber;
import com.acme.events.orders.OrderV2;
import com.acme.events.orders.OrderV2Publisher;
import com.acme.events.orders.OrderV2Subscriber;
import io.kafkaesk.Application;
import io.kafkaesk.SchemaValidationException;
import io.kafkaesk.test.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The generated publishers and subscribers against a real broker. */
class GeneratedApiTest {
    private static EmbeddedKafka kafka;
    private Application app;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.builder().start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void createApplication() {
        app = Application.builder()
                .kafkaServers(kafka.bootstrapServers())
                .topicPrefix("it-" + UUID.randomUUID() + ".")
                .build();
        app.schemas(KafkaeskSchemas.all());
    }

    @AfterEach
    void closeApplication() {
        app.close();
    }

    private static Order order() {
        return Order.builder()
                .orderId("o-1")
                .status(Order.Status.SHIPPED_OUT)
                .customer(OrderCustomer.builder()
                        .name("Ada")
                        .shipTo(Address.builder().street("1 Rue de Rivoli").city("Paris")
                                .country(Address.Country.FR).build())
                        .build())
                .lines(List.of(
                        OrderLine.builder().sku("sku-1").quantity(2L)
                                .price(OrderMoney.builder().amount(9.5).currency("EUR").build()).build(),
                        OrderLine.builder().sku("sku-2").quantity(1L).build()))
                .placedAt(OffsetDateTime.parse("2026-11-27T13:00:00+01:00"))
                .build();
    }

    @Test
    void orderPublishedThroughGeneratedPublisherArrivesWholeAtGeneratedSubscriber() throws Exception {
        BlockingQueue<Order> received = new LinkedBlockingQueue<>();
        BlockingQueue<String> keys = new LinkedBlockingQueue<>();
        OrderSubscriber subscriber = (order, context) -> {
            keys.add(context.schemaKey() + " " + new String(context.record().key(), StandardCharsets.UTF_8));
            received.add(order);
        };
        app.subscribe("orders.placed", "it-orders", subscriber);
        app.initialize();

        OrderPublisher.of(app).publishToOrdersPlaced(order()).get(30, TimeUnit.SECONDS);

        Order order = received.poll(60, TimeUnit.SECONDS);
        assertNotNull(order, "the subscriber received nothing within 60 s");
        assertEquals(order(), order);
        assertEquals("Order:1 o-1", keys.poll(), "schema key in the envelope, record key from x-kafkaesk.key");
    }

    @Test
    void versionTwoTravelsUnderItsOwnKeyWithItsOwnClasses() throws Exception {
        BlockingQueue<OrderV2> received = new LinkedBlockingQueue<>();
        BlockingQueue<String> keys = new LinkedBlockingQueue<>();
        OrderV2Subscriber subscriber = (order, context) -> {
            keys.add(context.schemaKey());
            received.add(order);
        };
        app.subscribe("orders.placed-v2", "it-orders-v2", subscriber);
        app.initialize();
        OrderV2 sent = OrderV2.builder()
                .orderId("o-2")
                .channel(OrderV2.Channel.STORE)
                .billTo(Address.builder().city("Berlin").country(Address.Country.DE).build())
                .total(OrderMoney.builder().amount(20.0).currency("EUR").build())
                .build();

        OrderV2Publisher.of(app).publishToOrdersPlacedV2(sent).get(30, TimeUnit.SECONDS);

        OrderV2 order = received.poll(60, TimeUnit.SECONDS);
        assertNotNull(order, "the subscriber received nothing within 60 s");
        assertEquals(sent, order);
        assertEquals("Order:2", keys.poll());
    }

    @Test
    void publishValidatesAgainstTheShippedSchemaIncludingReferencedFiles() {
        // A builder refuses an address without its required country; data read as JSON is not built, so the
        // publisher's check against the shipped schema (address.json, referenced) is what refuses it.
        assertThrows(NullPointerException.class, () -> Address.builder().city("Rome").build());
        OrderCustomer bob = JsonMapper.shared().readValue("{\"name\":\"Bob\",\"shipTo\":{\"city\":\"Rome\"}}",
                OrderCustomer.class);
        Order bad = order().toBuilder().customer(bob).build();

        SchemaValidationException e = assertThrows(SchemaValidationException.class,
                () -> OrderPublisher.of(app).publish("orders.placed", bad));

        assertTrue(e.getMessage().contains("country"), e.getMessage());
        assertEquals(OrderSchema.KEY, OrderSchema.DESCRIPTOR.key());
    }
}
