package io.kafkaesk.consume;

import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.TypedHandler;

/** The shape of a generated subscriber of version 2: a functional interface over {@link TypedHandler}. */
@FunctionalInterface
public interface NoteV2Subscriber extends TypedHandler<NoteV2> {
    /** Handles one note of version 2. */
    void onNoteV2(NoteV2 data, MessageContext context) throws Exception;

    @Override
    default MessageSchema<NoteV2> schema() {
        return NoteV2.SCHEMA;
    }

    @Override
    default void handle(NoteV2 data, MessageContext context) throws Exception {
        onNoteV2(data, context);
    }
}
