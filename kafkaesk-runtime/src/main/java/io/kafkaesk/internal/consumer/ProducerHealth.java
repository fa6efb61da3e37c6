package io.kafkaesk.internal.consumer;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether a {@link org.apache.kafka.clients.producer.KafkaProducer} can still send: its network thread
 * ({@code kafka-producer-network-thread | <client.id>}) ends only when the producer is closed or hits a fatal
 * error, after which every send fails. Kafka offers no public "alive" signal; the thread is the one it gives.
 */
public final class ProducerHealth {
    private static final String NETWORK_THREAD_PREFIX = "kafka-producer-network-thread | ";

    private ProducerHealth() {}

    /** Why {@code producer} cannot send, or null when it looks alive (or cannot be judged). */
    public static @Nullable String problem(Producer<?, ?> producer) {
        Set<String> clientIds = new HashSet<>();
        Map<MetricName, ? extends Metric> metrics;
        try {
            metrics = producer.metrics();
        } catch (RuntimeException e) {
            return "the producer does not answer: " + e;
        }
        for (MetricName name : metrics.keySet()) {
            String id = name.tags().get("client-id");
            if (id != null) {
                clientIds.add(id);
            }
        }
        if (clientIds.isEmpty()) {
            return null;
        }
        Set<String> alive = new HashSet<>();
        for (Thread t : allThreads()) {
            if (t.isAlive() && t.getName().startsWith(NETWORK_THREAD_PREFIX)) {
                alive.add(t.getName().substring(NETWORK_THREAD_PREFIX.length()));
            }
        }
        for (String id : clientIds) {
            if (alive.contains(id)) {
                return null;
            }
        }
        return "the producer's network thread (client.id " + clientIds + ") has stopped: it was closed or hit a "
                + "fatal error, so nothing can be published";
    }

    private static Thread[] allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n;
        while ((n = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        Thread[] result = new Thread[n];
        System.arraycopy(threads, 0, result, 0, n);
        return result;
    }
}
