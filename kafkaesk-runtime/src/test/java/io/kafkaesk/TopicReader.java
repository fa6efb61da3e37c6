package io.kafkaesk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what reached a topic, straight from Kafka, polling with a deadline. */
final class TopicReader {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private TopicReader() {}

    /** Every record in {@code topic}, once at least {@code expected} have arrived (fails after the deadline). */
    static List<ConsumerRecord<byte[], byte[]>> read(String servers, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, DEADLINE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, DEADLINE);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                boolean caughtUp = partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
                if (records.size() >= expected && caughtUp) {
                    return records;
                }
                if (caughtUp && records.size() < expected) {
                    end.putAll(consumer.endOffsets(partitions, DEADLINE));
                }
            }
            throw new AssertionError("Expected " + expected + " records in " + topic + " within " + DEADLINE
                    + ", got " + records.size());
        }
    }

    /** The number of records in a topic (sum of end offsets), or -1 when the topic does not exist. */
    static long count(String servers, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return -1;
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, DEADLINE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            return consumer.endOffsets(partitions, DEADLINE).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Waits until the cluster lists every topic in {@code expected}: a created topic reaches the brokers'
     * metadata shortly after the controller confirms it.
     */
    static Set<String> awaitTopics(Admin admin, Set<String> expected) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Set<String> names = admin.listTopics().names().get();
        while (!names.containsAll(expected) && System.nanoTime() < deadline) {
            names = admin.listTopics().names().get();
        }
        if (!names.containsAll(expected)) {
            throw new AssertionError("Topics " + expected + " not all listed within " + DEADLINE + ": " + names);
        }
        return names;
    }

    /** Describes a topic through the admin client. */
    static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
    }
}
