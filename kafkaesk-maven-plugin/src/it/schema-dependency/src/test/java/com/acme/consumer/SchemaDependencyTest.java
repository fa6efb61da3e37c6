package com.acme.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.acme.consumer.shop_events.ShopOrder;
import com.acme.consumer.shop_events.ShopOrderPublisher;
import com.acme.consumer.shop_events.ShopOrderSubscriber;
import com.acme.consumer.shop_events.common.Customer;
import io.kafkaesk.Application;
import io.kafkaesk.test.EmbeddedKafka;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Classes generated from another artifact's schemas publish and receive on a real broker. */
class SchemaDependencyTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.builder().start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void anOrderOfTheShopArtifactTravelsThroughGeneratedPublisherAndSubscriber() throws Exception {
        try (Application app = Application.builder()
                .kafkaServers(kafka.bootstrapServers())
                .topicPrefix("it-" + UUID.randomUUID() + ".")
                .build()) {
            app.schemas(KafkaeskSchemas.all());
            BlockingQueue<ShopOrder> received = new LinkedBlockingQueue<>();
            BlockingQueue<String> keys = new LinkedBlockingQueue<>();
            ShopOrderSubscriber subscriber = (order, context) -> {
                keys.add(context.schemaKey());
                received.add(order);
            };
            app.subscribe("shop.orders", "consumer", subscriber);
            app.initialize();
            ShopOrder sent = ShopOrder.builder().orderId("o-1").total(12.5)
                    .customer(Customer.builder().name("Ada").build()).build();

            ShopOrderPublisher.of(app).publishToShopOrders(sent).get(30, TimeUnit.SECONDS);

            ShopOrder order = received.poll(60, TimeUnit.SECONDS);
            assertNotNull(order, "the subscriber received nothing within 60 s");
            assertEquals(sent, order);
            assertEquals("ShopOrder:1", keys.poll());
        }
    }
}
