package io.kafkaesk.internal;

import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

/**
 * Owns the producer's health as its own sends report it: the failure of the latest send, until a later send is
 * acknowledged. A failure that belongs to one record or one topic (too large, invalid, a topic that is missing or
 * not allowed) says nothing about the producer and is not kept; a send that times out because Kafka does not
 * answer, an authentication or cluster authorization failure, or a producer that was closed or hit a fatal error
 * is.
 *
 * <p>Sends complete in the order the producer acknowledged them ({@link KafkaClients}), so "latest" is the
 * producer's own order. Thread-safe; one volatile read per acknowledged record.
 */
public final class ProducerHealth {
    private static final Set<Class<? extends Throwable>> ABOUT_ONE_RECORD = Set.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidRecordException.class, InvalidTopicException.class,
            TopicAuthorizationException.class, UnknownTopicOrPartitionException.class);

    private volatile @Nullable String problem;

    ProducerHealth() {}

    /** A send was acknowledged: the producer works. */
    void succeeded() {
        if (problem != null) {
            problem = null;
        }
    }

    /** A send to {@code topic} failed with {@code error} (Kafka's exception, or what {@code send} threw). */
    void failed(String topic, Throwable error) {
        if (ABOUT_ONE_RECORD.contains(error.getClass())) {
            return;
        }
        problem = "the last send (to topic '" + topic + "', at " + Instant.now() + ") failed and none was "
                + "acknowledged since: " + error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** Why the producer cannot send, as its latest send showed, or null when it can (or has not sent yet). */
    public @Nullable String problem() {
        return problem;
    }
}
