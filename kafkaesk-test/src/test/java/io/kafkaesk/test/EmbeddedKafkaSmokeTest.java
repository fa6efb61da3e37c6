package io.kafkaesk.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaSmokeTest {
    @Test
    void producesAndConsumesOneRecord() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            Map<String, Object> p = Map.of("bootstrap.servers", kafka.bootstrapServers());
            try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("smoke", "k", "v")).get();
            }
            Map<String, Object> c = Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "smoke",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (var consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("smoke"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                int seen = 0;
                while (seen == 0 && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    seen += records.count();
                }
                assertEquals(1, seen);
            }
        }
    }
}
