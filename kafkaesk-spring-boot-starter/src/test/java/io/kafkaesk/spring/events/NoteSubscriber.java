package io.kafkaesk.spring.events;

import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.TypedHandler;

/** Receives {@link Note}s, shaped like a generated subscriber. */
@FunctionalInterface
public interface NoteSubscriber extends TypedHandler<Note> {
    /** Handles one note. */
    void onNote(Note data, MessageContext context) throws Exception;

    @Override
    default MessageSchema<Note> schema() {
        return NoteSchema.DESCRIPTOR;
    }

    @Override
    default void handle(Note data, MessageContext context) throws Exception {
        onNote(data, context);
    }
}
