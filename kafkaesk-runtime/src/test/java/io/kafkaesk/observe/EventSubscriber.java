package io.kafkaesk.observe;

import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.TypedHandler;

/** A subscriber of {@link Event}, as a generated one would be. */
@FunctionalInterface
public interface EventSubscriber extends TypedHandler<Event> {
    void onEvent(Event event, MessageContext context) throws Exception;

    @Override
    default MessageSchema<Event> schema() {
        return Event.SCHEMA;
    }

    @Override
    default void handle(Event data, MessageContext context) throws Exception {
        onEvent(data, context);
    }
}
