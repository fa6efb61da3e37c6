package io.kafkaesk.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for the kit's tests, with deadlines instead of sleeps. */
final class Clients {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private Clients() {}

    static KafkaProducer<String, String> producer(KafkaCluster kafka) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Sends every value to the topic and waits for all acknowledgements. */
    static void produce(KafkaCluster kafka, String topic, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, value, value)));
            }
            for (var future : sent) {
                future.get();
            }
        }
    }

    /** Consumes the topic from the start in a new group until {@code count} records arrived or the deadline. */
    static List<String> consume(KafkaCluster kafka, String topic, String group, int count) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    /** Polls the condition until it holds; fails with the message (and the last observed state) at the deadline. */
    static void await(String what, BooleanSupplier condition, Supplier<Object> state) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            RuntimeException failure = null;
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                failure = e; // e.g. a metadata request that failed while a broker restarts: ask again
            }
            if (System.nanoTime() > deadline) {
                AssertionError timeout = new AssertionError("Timed out after " + DEADLINE.toSeconds()
                        + " s waiting for " + what + "; last state: " + (failure != null ? failure : state.get()));
                if (failure != null) {
                    timeout.initCause(failure);
                }
                throw timeout;
            }
            Thread.sleep(50); // a poll interval, not a wait for an outcome
        }
    }
}
