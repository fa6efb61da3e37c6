package io.kafkaesk.spring;

import io.kafkaesk.spring.test.EmbeddedKafkaInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the starter's tests read from the broker that {@link io.kafkaesk.spring.test.EmbeddedKafkaesk} points their
 * applications at: kafkaesk-test's in-process KRaft broker, or the cluster that {@code KAFKA=host:port} names.
 */
final class TestBroker {
    private TestBroker() {}

    /** The bootstrap servers, starting the in-process broker on first use. */
    static String servers() {
        return EmbeddedKafkaInitializer.servers();
    }

    static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", servers()));
    }

    /** Reads a topic from the start until a record matches, failing with {@code what} after the deadline. */
    static ConsumerRecord<byte[], byte[]> first(String topic, String what, Duration deadline,
            Predicate<ConsumerRecord<byte[], byte[]>> matches) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", servers(),
                "auto.offset.reset", "earliest", "group.id", "reader-" + UUID.randomUUID()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matches.test(record)) {
                        return record;
                    }
                }
            }
            throw new AssertionError("Timed out after " + deadline + " reading " + topic + " for " + what);
        }
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code deadline}. */
    static void await(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + deadline + " waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The value of a record's header as text, if it has one. */
    static Optional<String> header(ConsumerRecord<byte[], byte[]> record, String name) {
        return Optional.ofNullable(record.headers().lastHeader(name))
                .map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }
}
