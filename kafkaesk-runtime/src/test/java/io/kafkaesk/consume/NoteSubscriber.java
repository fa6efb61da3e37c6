package io.kafkaesk.consume;

import io.kafkaesk.BatchHandler;
import io.kafkaesk.BatchRecord;
import io.kafkaesk.MessageContext;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.TypedHandler;
import java.util.List;

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

    /** The shape of a generated batch subscriber. */
    @FunctionalInterface
    interface Batch extends BatchHandler<Note> {
        /** Handles consecutive notes of one partition. */
        void onNotes(List<BatchRecord<Note>> batch) throws Exception;

        @Override
        default MessageSchema<Note> schema() {
            return Note.SCHEMA;
        }

        @Override
        default void handle(List<BatchRecord<Note>> batch) throws Exception {
            onNotes(batch);
        }
    }
}
