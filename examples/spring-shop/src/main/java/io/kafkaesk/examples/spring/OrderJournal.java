package io.kafkaesk.examples.spring;

import io.kafkaesk.BatchRecord;
import io.kafkaesk.examples.spring.events.shop.OrderPlacedV2;
import io.kafkaesk.spring.KafkaeskListener;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps a journal of placed orders, a batch at a time: a batch listener method gets consecutive orders of one
 * partition as one list, as a sink that writes them to a database in one statement would.
 */
@Component
public class OrderJournal {
    private final Story story;

    OrderJournal(Story story) {
        this.story = story;
    }

    @KafkaeskListener(pattern = "shop.orders.placed", group = "order-journal", maxBatchSize = 200)
    void store(List<BatchRecord<OrderPlacedV2>> batch) {
        for (BatchRecord<OrderPlacedV2> order : batch) {
            story.tell("journal", order.data().getOrderId() + " journaled (partition " + order.record().partition()
                    + ", offset " + order.record().offset() + ", in a batch of " + batch.size() + ")");
        }
    }
}
