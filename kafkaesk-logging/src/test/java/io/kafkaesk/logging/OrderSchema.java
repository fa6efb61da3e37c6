package io.kafkaesk.logging;

import io.kafkaesk.MessageSchema;

/** The descriptor of {@link Order}, as kafkaesk generates one for every schema. */
public final class OrderSchema {
    public static final MessageSchema<Order> DESCRIPTOR = MessageSchema.builder("Order", Order.class)
            .schemaJson("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
                    + "\"total\":{\"type\":\"number\"}}}")
            .build();

    private OrderSchema() {}
}
