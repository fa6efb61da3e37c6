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
        return new Order()
                .withOrderId("o-1")
                .withStatus(Order.Status.SHIPPED_OUT)
                .withCustomer(new OrderCustomer()
                        .withName("Ada")
                        .withShipTo(new Address().withStreet("1 Rue de Rivoli").withCity("Paris")
                                .withCountry(Address.Country.FR)))
                .withLines(List.of(
                        new OrderLine().withSku("sku-1").withQuantity(2L)
                                .withPrice(new OrderMoney().withAmount(9.5).withCurrency("EUR")),
                        new OrderLine().withSku("sku-2").withQuantity(1L)))
                .withPlacedAt(OffsetDateTime.parse("2026-11-27T13:00:00+01:00"));
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
        OrderV2 sent = new OrderV2()
                .withOrderId("o-2")
                .withChannel(OrderV2.Channel.STORE)
                .withBillTo(new Address().withCity("Berlin").withCountry(Address.Country.DE))
                .withTotal(new OrderMoney().withAmount(20.0).withCurrency("EUR"));

        OrderV2Publisher.of(app).publishToOrdersPlacedV2(sent).get(30, TimeUnit.SECONDS);

        OrderV2 order = received.poll(60, TimeUnit.SECONDS);
        assertNotNull(order, "the subscriber received nothing within 60 s");
        assertEquals(sent, order);
        assertEquals("Order:2", keys.poll());
    }

    @Test
    void publishValidatesAgainstTheShippedSchemaIncludingReferencedFiles() {
        Order bad = order().withCustomer(new OrderCustomer().withName("Bob").withShipTo(new Address().withCity("Rome")));

        SchemaValidationException e = assertThrows(SchemaValidationException.class,
                () -> OrderPublisher.of(app).publish("orders.placed", bad));

        assertTrue(e.getMessage().contains("country"), e.getMessage());
        assertEquals(OrderSchema.KEY, OrderSchema.DESCRIPTOR.key());
    }
}
