package io.kafkaesk.consume;

import io.kafkaesk.Application;
import io.kafkaesk.ApplicationSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Helpers for the runtime's tests against the embedded broker: applications, waiting, topics, offsets; shared by
 * the consume, engine and CLI tests.
 */
public final class Kit {
    private Kit() {}

    /** A random topic prefix, so tests sharing a broker never see each other's topics. */
    static String prefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    /** Settings that make tests fast: quick commits, quick metadata refresh, quick failure detection. */
    static Map<String, Object> fastSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("metadata.max.age.ms", 500);
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        return settings;
    }

    static ApplicationSettings.Builder app(String servers, String prefix) {
        return Application.builder()
                .kafkaServers(servers)
                .topicPrefix(prefix)
                .autoCommitIntervalMs(100)
                .defaultPartitions(3)
                .kafkaSettings(fastSettings());
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Polls {@code condition} every 20 ms until it holds, failing with {@code message} after {@code timeout}. */
    public static void await(Duration timeout, Supplier<String> message, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + ": " + message.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted", e);
            }
        }
    }

    /**
     * Creates a topic and waits until every partition's leader serves requests. Publishing a burst into a topic
     * the moment it is created can otherwise hit a leader that is not ready yet, and Kafka's idempotent producer
     * may then retry one batch with OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout.
     */
    public static void createTopic(String servers, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            await(Duration.ofSeconds(30), () -> "leaders of " + topic, () -> {
                try {
                    admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    /** The group's committed offsets. */
    public static Map<TopicPartition, OffsetAndMetadata> committed(String servers, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        }
    }

    /** The sum of the group's committed offsets over every partition. */
    static long committedTotal(String servers, String group) throws Exception {
        return committed(servers, group).values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** Reads {@code count} records from the start of {@code topic} (no group), failing after {@code timeout}. */
    static List<ConsumerRecord<byte[], byte[]>> read(String servers, String topic, int count, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put("metadata.max.age.ms", 500);
        List<ConsumerRecord<byte[], byte[]>> out = new java.util.ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Read " + out.size() + " of " + count + " records from " + topic
                            + " within " + timeout);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }
}
