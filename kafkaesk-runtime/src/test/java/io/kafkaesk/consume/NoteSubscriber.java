package io.kafkaesk.consume;

import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.TypedHandler;

/** The shape of a generated subscriber: a functional interface over {@link TypedHandler}. */
@FunctionalInterface
public interface NoteSubscriber extends TypedHandler<Note> {
    /** Handles one note. */
    void onNote(Note data, MessageContext context) throws Exception;

    @Override
    default MessageSchema<Note> schema() {
        return Note.SCHEMA;
    }

    @Override
    default void handle(Note data, MessageContext context) throws Exception {
        onNote(data, context);
    }
}
