package io.kafkaesk.logging;

import io.kafkaesk.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;

/** Reads the log records that reached a topic, straight from Kafka, polling until a condition holds. */
final class LogTopic {
    private LogTopic() {}

    /**
     * The envelopes in {@code topic} (read from the beginning) once {@code done} holds for them.
     *
     * @throws AssertionError when it does not hold within {@code deadline}
     */
    static List<JsonNode> readUntil(String servers, String topic, Duration deadline, Predicate<List<JsonNode>> done) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<JsonNode> envelopes = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < end) {
                partitions = consumer.partitionsFor(topic, deadline).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    envelopes.add(Json.mapper().readTree(record.value()));
                }
                if (done.test(envelopes)) {
                    return envelopes;
                }
            }
        }
        throw new AssertionError("The condition did not hold within " + deadline + " for the " + envelopes.size()
                + " records of " + topic + ": " + envelopes);
    }

    /** The data of the envelopes whose message starts with {@code prefix}. */
    static List<JsonNode> withMessagePrefix(List<JsonNode> envelopes, String prefix) {
        return envelopes.stream()
                .map(e -> e.get("data"))
                .filter(d -> d.path("message").asString("").startsWith(prefix))
                .toList();
    }
}
