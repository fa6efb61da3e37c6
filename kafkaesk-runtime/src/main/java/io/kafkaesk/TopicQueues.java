package io.kafkaesk;

import io.kafkaesk.internal.KafkaClients;
import io.kafkaesk.internal.KafkaConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * ({@code buffer.memory}, 32 MiB unless set in {@code kafkaSettings}): when it is full, a publish waits for room as
 * the producer's own {@code send} does when its buffer is full, at most {@code max.block.ms} (the publish timeout
 * unless set), and then fails. So a burst to a new topic is held back, not refused, and only a caller that has
 * already queued that much waits. When the topic cannot be created, its queued records fail with the reason, and
 * the next record tries again.
 *
 * <p>Thread-safe.
 */
final class TopicQueues {
    /** The producer's default {@code buffer.memory}. */
    private static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

    private final Supplier<ApplicationSettings> settings;
    private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();
    /** Guards {@link #queuedBytes}; publishers waiting for room wait on it. */
    private final Object room = new Object();
    private long queuedBytes;
    private volatile @Nullable Limits limits;
    /** Sends the records queued for a topic once it exists; its thread starts with the first such topic. */
    private final ExecutorService topicWaits = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kafkaesk-publish-topics");
        t.setDaemon(true);
        return t;
    });

    /** A record waiting for its topic, and the future its publisher holds. */
    private record Queued(ProducerRecord<byte[], byte[]> record, CompletableFuture<RecordMetadata> result) {}

    /** The producer's {@code buffer.memory} and {@code max.block.ms} under one version of the settings. */
    private record Limits(ApplicationSettings of, long bufferMemory, long maxBlockMs) {
        static Limits of(ApplicationSettings settings) {
            Map<String, Object> producer = KafkaConfigs.producer(settings);
            Object memory = producer.getOrDefault(ProducerConfig.BUFFER_MEMORY_CONFIG, DEFAULT_BUFFER_MEMORY);
            Object block = producer.get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
            return new Limits(settings, Long.parseLong(memory.toString().trim()),
                    Long.parseLong(block.toString().trim()));
        }
    }

    /** Queues for an application whose current settings {@code settings} gives. */
    TopicQueues(Supplier<ApplicationSettings> settings) {
        this.settings = settings;
    }

    /**
     * Counts a record as queued, waiting for room while {@code buffer.memory} is taken by records waiting for their
     * topics, at most {@code max.block.ms}; or says why it cannot be.
     */
    private @Nullable KafkaeskException reserve(ProducerRecord<byte[], byte[]> record) {
        ApplicationSettings current = settings.get();
        Limits now = limits;
        if (now == null || now.of() != current) {
            now = Limits.of(current);
            limits = now;
        }
        long size = size(record);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(now.maxBlockMs());
        synchronized (room) {
            while (queuedBytes + size > now.bufferMemory()) {
                long left = deadline - System.nanoTime();
                if (size > now.bufferMemory() || left <= 0) {
                    return new KafkaeskException("Cannot queue a record of " + size + " bytes for topic '"
                            + record.topic() + "': records of " + queuedBytes + " bytes already wait for their"
                            + " topics to be created on Kafka at " + current.kafkaServers() + ", and buffer.memory is "
                            + now.bufferMemory() + " bytes (waited max.block.ms, " + now.maxBlockMs() + " ms, for"
                            + " room). Check that Kafka can create the topics, or raise buffer.memory.");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(room, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new KafkaeskException("Interrupted while waiting for room to queue a record for topic '"
                            + record.topic() + "'", e);
                }
            }
            queuedBytes += size;
        }
        return null;
    }

    /** Gives back the room of a record that left the queue. */
    private void release(ProducerRecord<byte[], byte[]> record) {
        synchronized (room) {
            queuedBytes -= size(record);
            room.notifyAll();
        }
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
            if (open) {
                return kafka.send(record);
            }
            // Room is taken before the gate's lock: the thread that drains the queue needs that lock to free it.
            KafkaeskException full = reserve(record);
            if (full != null) {
                return CompletableFuture.failedFuture(full);
            }
            synchronized (this) {
                if (!open) {
                    if (drained == null && kafka.topics().isKnown(topic)) {
                        open = true; // created by initialize() or a subscription: nothing to wait for
                    } else {
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
            release(record);
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
                    release(q.record());
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
