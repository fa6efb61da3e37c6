package io.kafkaesk;

import io.kafkaesk.internal.KafkaClients;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Owns the records on their way to topics that may not exist yet, one {@link Gate} per topic, so that no caller
 * waits for a topic to be created.
 *
 * <p>The first record for a topic that this application has not yet seen exist is queued, the topic is created (or
 * found) by the admin client, and the queue is sent in order on a thread of its own; records published meanwhile
 * join the queue, so records of one topic are handed to the producer in the order they were published. Once the
 * topic is known, records go straight to the producer. Queued records count against the producer's own memory bound
 * ({@code buffer.memory}, 32 MiB unless set in {@code kafkaSettings}): a record beyond it fails at once, as one the
 * producer cannot buffer would. When the topic cannot be created, its queued records fail with the reason, and the
 * next record tries again.
 *
 * <p>Thread-safe.
 */
final class TopicQueues {
    /** The producer's default {@code buffer.memory}. */
    private static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

    private final Supplier<ApplicationSettings> settings;
    private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Sends the records queued for a topic once it exists; its thread starts with the first such topic. */
    private final ExecutorService topicWaits = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kafkaesk-publish-topics");
        t.setDaemon(true);
        return t;
    });

    /** A record waiting for its topic, and the future its publisher holds. */
    private record Queued(ProducerRecord<byte[], byte[]> record, CompletableFuture<RecordMetadata> result) {}

    /** Queues for an application whose current settings {@code settings} gives. */
    TopicQueues(Supplier<ApplicationSettings> settings) {
        this.settings = settings;
    }

    /** Counts a record as queued, or says why it cannot be: too many bytes already wait for their topics. */
    private @Nullable KafkaeskException reserve(ProducerRecord<byte[], byte[]> record) {
        Object configured = settings.get().kafkaSettings().get(ProducerConfig.BUFFER_MEMORY_CONFIG);
        long limit = configured == null ? DEFAULT_BUFFER_MEMORY : Long.parseLong(configured.toString().trim());
        long size = size(record);
        if (queuedBytes.addAndGet(size) > limit) {
            queuedBytes.addAndGet(-size);
            return new KafkaeskException("Cannot queue a record for topic '" + record.topic() + "': records of "
                    + limit + " bytes (buffer.memory) already wait for their topics to be created on Kafka at "
                    + settings.get().kafkaServers() + ". Publish again once those topics exist.");
        }
        return null;
    }

    private static long size(ProducerRecord<byte[], byte[]> record) {
        return record.value().length + (record.key() == null ? 0 : record.key().length);
    }

    /** The gate of a topic, made on first use. */
    Gate gate(String topic) {
        Gate gate = gates.get(topic);
        return gate != null ? gate : gates.computeIfAbsent(topic, Gate::new);
    }

    /**
     * Waits until every record queued for a topic has been handed to the producer (or failed), at most twice the
     * publish timeout (a topic's creation, then its leaders); {@link KafkaClients#flush()} then waits for their
     * acknowledgements.
     */
    void awaitQueued() {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Gate gate : gates.values()) {
            pending.add(gate.drained());
        }
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
                    .get(settings.get().publishTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Their own futures carry the failure.
        }
    }

    /** Stops the thread that sends queued records; records still queued fail when their topic's wait ends. */
    void close() {
        topicWaits.shutdown();
    }

    /**
     * The records of one topic on their way to the producer: queued while the topic is being created, then sent
     * in order; straight through once the topic is known to exist.
     */
    final class Gate {
        final String topic;
        private volatile boolean open;
        private List<Queued> queue = new ArrayList<>();
        private @Nullable CompletableFuture<Void> drained;

        Gate(String topic) {
            this.topic = topic;
        }

        CompletableFuture<RecordMetadata> send(KafkaClients kafka, @Nullable MessageSchema<?> schema,
                ProducerRecord<byte[], byte[]> record) {
            if (!open) {
                synchronized (this) {
                    if (!open) {
                        if (drained == null && kafka.topics().isKnown(topic)) {
                            open = true; // created by initialize() or a subscription: nothing to wait for
                        } else {
                            KafkaeskException full = reserve(record);
                            if (full != null) {
                                return CompletableFuture.failedFuture(full);
                            }
                            Queued queued = new Queued(record, new CompletableFuture<>());
                            queue.add(queued);
                            if (drained == null) {
                                CompletableFuture<Void> done = new CompletableFuture<>();
                                drained = done;
                                waitForTopic(kafka, schema, done);
                            }
                            return queued.result();
                        }
                    }
                }
            }
            return kafka.send(record);
        }

        private void waitForTopic(KafkaClients kafka, @Nullable MessageSchema<?> schema,
                CompletableFuture<Void> done) {
            kafka.topics().ensureTopic(topic, schema).whenComplete((ignored, error) -> {
                try {
                    topicWaits.execute(() -> drain(kafka, error, done));
                } catch (RejectedExecutionException closed) {
                    drain(kafka, error, done); // the application is closing: fail or send what is left here
                }
            });
        }

        /** Sends (or fails) what is queued, in order, until the queue stays empty; then opens the gate. */
        private void drain(KafkaClients kafka, @Nullable Throwable error, CompletableFuture<Void> done) {
            while (true) {
                List<Queued> batch;
                synchronized (this) {
                    batch = queue;
                    if (batch.isEmpty()) {
                        // After a failure the gate stays shut: the next record tries to create the topic again.
                        open = error == null;
                        drained = null;
                        done.complete(null);
                        return;
                    }
                    queue = new ArrayList<>();
                }
                for (Queued q : batch) {
                    queuedBytes.addAndGet(-size(q.record()));
                    if (error != null) {
                        q.result().completeExceptionally(error);
                    } else {
                        kafka.send(q.record()).whenComplete((metadata, failure) -> {
                            if (failure != null) {
                                q.result().completeExceptionally(failure);
                            } else {
                                q.result().complete(metadata);
                            }
                        });
                    }
                }
            }
        }

        synchronized CompletableFuture<Void> drained() {
            CompletableFuture<Void> current = drained;
            return current == null ? CompletableFuture.completedFuture(null) : current;
        }
    }
}
