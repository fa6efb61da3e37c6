package io.kafkaesk.spring.events;

import io.kafkaesk.MessageSchema;
import io.kafkaesk.SchemaIndex;
import java.util.List;

/** The test source set's index, registered in META-INF/services like a generated {@code KafkaeskSchemas}. */
public final class TestSchemaIndex implements SchemaIndex {
    /** For ServiceLoader. */
    public TestSchemaIndex() {}

    @Override
    public List<MessageSchema<?>> schemas() {
        return List.of(NoteSchema.DESCRIPTOR);
    }

    @Override
    public List<PublisherType<?>> publishers() {
        return List.of(new PublisherType<>(NotePublisher.class, NotePublisher::of));
    }
}
