package io.kafkaesk.internal.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Small helpers for engine tests against a real broker: topics, raw producing, committed offsets, waiting. */
final class Brokers {
    private Brokers() {}

    static void createTopic(String servers, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // Wait until every leader serves requests: a burst sent into a partition whose leader is not ready can
            // leave the idempotent producer retrying one batch (OUT_OF_ORDER_SEQUENCE_NUMBER) until it times out.
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

    static KafkaProducer<byte[], byte[]> producer(String servers) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p);
    }

    /** Sends {@code count} records keyed {@code key-(i % keys)} with value {@code "i"}, and waits for them all. */
    static void produce(String servers, String topic, int count, int keys) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(servers)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, utf8("key-" + (i % keys)), utf8(Integer.toString(i))));
            }
            producer.flush();
        }
    }

    static Map<TopicPartition, OffsetAndMetadata> committed(String servers, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes, then fails with {@code message}. */
    static void await(Duration timeout, Supplier<String> message, BooleanSupplier condition) {
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
}
