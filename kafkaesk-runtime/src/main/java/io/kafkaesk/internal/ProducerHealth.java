package io.kafkaesk.internal;

import java.time.Instant;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jspecify.annotations.Nullable;

/**
 * Owns the producer's health as its own sends report it: the failure of the latest send, until a later send is
 * acknowledged. A record that the broker refuses for itself (too large, an invalid topic name) says nothing about
 * the producer and is not kept; a send that times out because Kafka does not answer, an authorization or
 * authentication failure, or a producer that was closed or hit a fatal error is.
 *
 * <p>Sends complete in the order the producer acknowledged them ({@link KafkaClients}), so "latest" is the
 * producer's own order. Thread-safe; one volatile read per acknowledged record.
 */
public final class ProducerHealth {
    private volatile @Nullable String problem;

    ProducerHealth() {}

    /** A send was acknowledged: the producer works. */
    void succeeded() {
        if (problem != null) {
            problem = null;
        }
    }

    /** A send failed with {@code error} (Kafka's exception, or what {@code send} threw). */
    void failed(Throwable error) {
        if (error instanceof RecordTooLargeException || error instanceof InvalidTopicException) {
            return;
        }
        problem = "the last send failed at " + Instant.now() + " and none was acknowledged since: "
                + error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** Why the producer cannot send, as its latest send showed, or null when it can (or has not sent yet). */
    public @Nullable String problem() {
        return problem;
    }
}
