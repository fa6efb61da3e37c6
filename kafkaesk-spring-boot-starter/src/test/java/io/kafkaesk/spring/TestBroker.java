package io.kafkaesk.spring;

import io.kafkaesk.spring.test.EmbeddedKafkaInitializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Kafka the starter's tests run against: the in-process KRaft broker of kafkaesk-test, started once for the
 * whole run, or the cluster that {@code KAFKA=host:port} names.
 */
final class TestBroker {
    private TestBroker() {}

    /** The bootstrap servers, starting the in-process broker on first use. */
    static String servers() {
        return EmbeddedKafkaInitializer.servers();
    }

    /**
     * Starts a Spring Boot application on the broker, with a topic prefix of its own so that applications never
     * share topics.
     */
    static ConfigurableApplicationContext run(Class<?> configuration, String... properties) {
        return new SpringApplicationBuilder(configuration)
                .web(WebApplicationType.NONE)
                .initializers(new EmbeddedKafkaInitializer())
                .properties(properties)
                .run();
    }

    static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", servers()));
    }

    /** Reads every record of a topic from the start until {@code count} arrived or the deadline passed. */
    static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration deadline) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", servers(),
                "auto.offset.reset", "earliest", "group.id", "reader-" + UUID.randomUUID()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long end = System.nanoTime() + deadline.toNanos();
            while (records.size() < count && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
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
}
