package io.kafkaesk.security;

import io.kafkaesk.test.SecureKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads and creates topics as the cluster's admin (a super user), to check what the users under test did. */
final class SecureTopics {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private SecureTopics() {}

    /** Creates a one-partition topic. */
    static void create(SecureKafka kafka, String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The records of partition 0 from the start, until {@code count} arrived or the deadline passed. */
    static List<ConsumerRecord<byte[], byte[]>> read(SecureKafka kafka, String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    /** The end offset of partition 0: the number of records ever written to a one-partition topic. */
    static long endOffset(SecureKafka kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition), DEADLINE).get(partition);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(SecureKafka kafka) {
        Map<String, Object> config = kafka.clientConfig();
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
