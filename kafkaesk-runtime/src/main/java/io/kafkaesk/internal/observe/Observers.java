package io.kafkaesk.internal.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observers of one application, as the publish path and the consumers call them: topics in, streams (the
 * topic without the application's prefix) out to each {@link Observer}, in the order they were configured.
 * {@link #NONE} observes nothing.
 */
public final class Observers {
    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);
    private static final AtomicBoolean OBSERVER_FAILURE_LOGGED = new AtomicBoolean();

    /** No observer: every call returns at once. */
    public static final Observers NONE = new Observers(List.of(), "");

    private final Observer[] parts;
    private final String prefix;

    private Observers(List<Observer> parts, String prefix) {
        this.parts = parts.toArray(new Observer[0]);
        this.prefix = prefix;
    }

    /** The observers of an application whose topics start with {@code topicPrefix}; null when there are none. */
    public static @Nullable Observers of(List<Observer> parts, String topicPrefix) {
        return parts.isEmpty() ? null : new Observers(List.copyOf(parts), topicPrefix);
    }

    /** The stream a topic belongs to. */
    public String stream(String topic) {
        return !prefix.isEmpty() && topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
    }

    /** Starts observing a publish; see {@link Observer#publishing}. */
    public Observer.Publishing publishing(String topic, Iterable<Header> headers) {
        String stream = stream(topic);
        if (parts.length == 1) {
            return parts[0].publishing(stream, topic, headers);
        }
        List<Observer.Publishing> started = new ArrayList<>(parts.length);
        Iterable<Header> current = headers;
        for (Observer part : parts) {
            Observer.Publishing p = part.publishing(stream, topic, current);
            started.add(p);
            current = p.headers();
        }
        Iterable<Header> finalHeaders = current;
        return new Observer.Publishing() {
            @Override
            public Iterable<Header> headers() {
                return finalHeaders;
            }

            @Override
            public void completed(@Nullable RecordMetadata metadata, @Nullable Throwable error) {
                for (Observer.Publishing p : started) {
                    safely(() -> p.completed(metadata, error));
                }
            }
        };
    }

    /** See {@link Observer#polled}. */
    public void polled(String group, int records) {
        for (Observer part : parts) {
            safely(() -> part.polled(group, records));
        }
    }

    /** See {@link Observer#rebalanced}. */
    public void rebalanced(String group, String event, int partitions) {
        for (Observer part : parts) {
            safely(() -> part.rebalanced(group, event, partitions));
        }
    }

    /** See {@link Observer#producerConnected}. */
    public void producerConnected(BooleanSupplier canSend) {
        for (Observer part : parts) {
            safely(() -> part.producerConnected(canSend));
        }
    }

    /** See {@link Observer#consumerStarted}. */
    public void consumerStarted(String group, String consumer, BooleanSupplier running) {
        for (Observer part : parts) {
            safely(() -> part.consumerStarted(group, consumer, running));
        }
    }

    /**
     * Runs {@code body} inside every observer's {@link Observer#handle}, the first one outermost. Only the body's
     * own outcome counts: an observer that fails before the body runs is passed over (the body runs without it),
     * one that fails after it is logged, and one that swallows the body's exception does not hide it. So metrics
     * or tracing can never turn a handled record into a retry or a dead letter.
     */
    public void handle(ConsumerRecord<byte[], byte[]> record, String group, int attempt, Observer.Invocation body)
            throws Exception {
        if (parts.length == 0) {
            body.run();
            return;
        }
        Tracked tracked = new Tracked(body);
        try {
            handle(0, record, stream(record.topic()), group, attempt, tracked);
        } catch (Throwable t) {
            if (tracked.thrown == null) {
                observerFailed(t);
                if (!tracked.ran) {
                    body.run();
                }
                return;
            }
        }
        if (tracked.thrown != null) {
            throw rethrow(tracked.thrown);
        }
    }

    /** The handler call as observers see it, remembering whether it ran and what it threw. */
    private static final class Tracked implements Observer.Invocation {
        private final Observer.Invocation body;
        boolean ran;
        @Nullable Throwable thrown;

        Tracked(Observer.Invocation body) {
            this.body = body;
        }

        @Override
        public void run() throws Exception {
            ran = true;
            try {
                body.run();
            } catch (Exception | Error e) {
                thrown = e;
                throw e;
            }
        }
    }

    private static Exception rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (Exception) t;
    }

    private static void observerFailed(Throwable t) {
        if (!OBSERVER_FAILURE_LOGGED.getAndSet(true)) {
            LOG.warn("A metrics or tracing observer failed; kafkaesk goes on without its result (logged once)", t);
        } else {
            LOG.debug("A metrics or tracing observer failed", t);
        }
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            observerFailed(e);
        }
    }

    private void handle(int index, ConsumerRecord<byte[], byte[]> record, String stream, String group, int attempt,
            Observer.Invocation body) throws Exception {
        if (index == parts.length - 1) {
            parts[index].handle(record, stream, group, attempt, body);
        } else {
            parts[index].handle(record, stream, group, attempt,
                    () -> handle(index + 1, record, stream, group, attempt, body));
        }
    }

    /** See {@link Observer#consumed}; {@code error} null for a handled record. */
    public void consumed(ConsumerRecord<byte[], byte[]> record, String group, @Nullable Throwable error) {
        if (parts.length == 0) {
            return;
        }
        String stream = stream(record.topic());
        String name = Observer.errorName(error);
        for (Observer part : parts) {
            safely(() -> part.consumed(record, stream, group, name));
        }
    }

    /** See {@link Observer#retried}. */
    public void retried(ConsumerRecord<byte[], byte[]> record, String group) {
        if (parts.length == 0) {
            return;
        }
        String stream = stream(record.topic());
        for (Observer part : parts) {
            safely(() -> part.retried(record, stream, group));
        }
    }

    /** See {@link Observer#deadLettered}. */
    public void deadLettered(ConsumerRecord<byte[], byte[]> record, String group, Throwable error) {
        if (parts.length == 0) {
            return;
        }
        String stream = stream(record.topic());
        String name = Observer.errorName(error);
        for (Observer part : parts) {
            safely(() -> part.deadLettered(record, stream, group, name));
        }
    }
}
