package io.kafkaesk.examples.spring;

import io.kafkaesk.examples.spring.events.shop.ShipmentDispatched;
import io.kafkaesk.spring.KafkaeskListener;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

/** Tells customers their parcel is on its way, and watches the dead-letter stream: two listener methods. */
@Component
public class Notifications {
    private final Story story;

    Notifications(Story story) {
        this.story = story;
    }

    @KafkaeskListener(pattern = "shop.shipments.dispatched", group = "notifications")
    void shipped(ShipmentDispatched shipment) {
        story.tell("notifications", "your order " + shipment.getOrderId() + " is on its way with "
                + shipment.getCarrier().value());
    }

    @KafkaeskListener(pattern = "kafkaesk.dead-letter", group = "dead-letter-monitor")
    void deadLetter(ConsumerRecord<byte[], byte[]> record) {
        story.tell("dead-letter", header(record, "kafkaesk.error.message") + " (group "
                + header(record, "kafkaesk.error.group") + ", after " + header(record, "kafkaesk.error.attempts")
                + " attempts); key, bytes and headers kept for replay");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
