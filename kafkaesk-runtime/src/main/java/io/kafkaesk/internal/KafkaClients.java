package io.kafkaesk.internal;

import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.KafkaeskException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka clients a connected application holds: one idempotent producer, one admin client and the
 * {@link TopicManager} built on it. Subscriptions use {@link #send} for dead letters and {@link #topics()} to
 * create the topics they need.
 *
 * <p>A {@code client.id} in {@code kafkaSettings} is made unique per client ({@code id-producer}, {@code id-admin};
 * consumers add their group), so that clients never collide in JMX or share a quota by accident. The futures of
 * {@link #send} complete on a thread of their own, never on the producer's I/O thread, so that what a caller
 * chains to them (another publish to a topic not created yet, a slow callback) never holds up the producer.
 *
 * <p>Thread-safe.
 */
public final class KafkaClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);

    private final ApplicationSettings settings;
    private final Producer<byte[], byte[]> producer;
    private final Admin admin;
    private final TopicManager topics;
    private final ProducerHealth health = new ProducerHealth();
    private volatile boolean closed;
    private final SendCompletions completions = new SendCompletions();

    private KafkaClients(ApplicationSettings settings, Producer<byte[], byte[]> producer, Admin admin) {
        this.settings = settings;
        this.producer = producer;
        this.admin = admin;
        this.topics = new TopicManager(admin, settings);
    }

    /**
     * Connects a producer and an admin client configured by {@link KafkaConfigs}.
     *
     * @throws KafkaeskException when no servers are configured or the client configuration is invalid
     */
    public static KafkaClients connect(ApplicationSettings settings) {
        Admin admin;
        try {
            admin = Admin.create(uniqueClientId(KafkaConfigs.admin(settings), "admin"));
        } catch (KafkaException e) {
            throw clientFailure("admin client", settings, e);
        }
        try {
            Producer<byte[], byte[]> producer = new KafkaProducer<>(
                    uniqueClientId(KafkaConfigs.producer(settings), "producer"),
                    new ByteArraySerializer(), new ByteArraySerializer());
            return new KafkaClients(settings, producer, admin);
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw clientFailure("producer", settings, e);
        }
    }

    /**
     * {@code properties} with a {@code client.id} the user set suffixed by {@code client}; unchanged without one
     * (Kafka then generates a unique id).
     */
    static Map<String, Object> uniqueClientId(Map<String, Object> properties, String client) {
        Object id = properties.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        if (id == null || id.toString().isEmpty()) {
            return properties;
        }
        Map<String, Object> copy = new HashMap<>(properties);
        copy.put(CommonClientConfigs.CLIENT_ID_CONFIG, id + "-" + client);
        return copy;
    }

    /** The error for a Kafka client that could not be created, which is usually a bad setting; see {@link #failure}. */
    public static KafkaeskException clientFailure(String client, ApplicationSettings settings, RuntimeException e) {
        return failure("Cannot create the Kafka " + client + " for " + settings.kafkaServers(), settings, e);
    }

    /**
     * A {@link KafkaeskException} for a Kafka failure: {@code context}, then the message of the failure and of each
     * cause, then what to check when it is about security. Kafka names the value of a setting it cannot parse,
     * even a password's, so a failure that shows a secret of {@code kafkaSettings} is reported with the secret
     * hidden and without its cause.
     */
    public static KafkaeskException failure(String context, ApplicationSettings settings, RuntimeException e) {
        StringBuilder reasons = new StringBuilder();
        Throwable last = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String reason = t.getMessage();
            // new KafkaException(cause) repeats its cause as its message
            if (reason != null && (t.getCause() == null || !reason.equals(t.getCause().toString()))) {
                reasons.append(reasons.length() == 0 ? "" : ": ").append(reason);
            }
            last = t;
        }
        String message = context + ": " + reasons + SecurityErrors.hint(last);
        if (Secrets.revealedBy(e, settings.kafkaSettings())) {
            return new KafkaeskException(Secrets.scrub(message, settings.kafkaSettings())
                    + " (the cause is left out: it shows a secret of kafkaSettings)");
        }
        return new KafkaeskException(message, e);
    }

    /** The settings these clients were made from. */
    public ApplicationSettings settings() {
        return settings;
    }

    /** The shared producer (byte arrays in, as written on the wire). Do not close it. */
    public Producer<byte[], byte[]> producer() {
        return producer;
    }

    /** The shared admin client. Do not close it. */
    public Admin admin() {
        return admin;
    }

    /** Creates topics on first use; see {@link TopicManager}. */
    public TopicManager topics() {
        return topics;
    }

    /**
     * Why the producer cannot send, or null when it can: closed, or its latest send failed (see
     * {@link ProducerHealth}).
     */
    public @Nullable String producerProblem() {
        return closed ? "the producer is closed" : health.problem();
    }

    /**
     * Sends one record as it is.
     *
     * @return a future completed with the record's metadata when the broker acknowledges it, or failed with a
     *     {@link KafkaeskException} that names the topic and the servers (its cause is Kafka's exception)
     */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        Sent result = new Sent(record.topic());
        try {
            producer.send(record, result);
        } catch (RuntimeException e) {
            // send() throws only for misuse (closed producer, record too large for the serializers, interrupt).
            result.onCompletion(null, e);
        }
        return result;
    }

    /** A send's future, and the producer's callback that completes it: one object per record. */
    private final class Sent extends CompletableFuture<RecordMetadata> implements Callback {
        private final String topic;

        Sent(String topic) {
            this.topic = topic;
        }

        @Override
        public void onCompletion(@Nullable RecordMetadata metadata, @Nullable Exception error) {
            completions.add(() -> completeWith(metadata, error));
        }

        private void completeWith(@Nullable RecordMetadata metadata, @Nullable Exception error) {
            if (error == null) {
                health.succeeded();
                complete(metadata);
            } else {
                health.failed(topic, error);
                completeExceptionally(topics.describeFailure("publish to topic '" + topic + "'", error));
            }
        }
    }

    /**
     * Sends everything buffered and waits for the acknowledgements, and for the futures of every send to be
     * completed (unless called from a future's own callback, which would wait for itself).
     */
    public void flush() {
        producer.flush();
        completions.await();
    }

    /** Flushes and closes the producer, then the admin client, each within the publish timeout. */
    @Override
    public void close() {
        closed = true;
        Duration timeout = settings.publishTimeout();
        try {
            producer.close(timeout);
        } catch (RuntimeException e) {
            LOG.warn("Kafka producer did not close cleanly", e);
        }
        try {
            admin.close(timeout);
        } catch (RuntimeException e) {
            LOG.warn("Kafka admin client did not close cleanly", e);
        }
        completions.close(); // what is queued still completes
    }
}
