package io.kafkaesk.internal.consumer;

import io.kafkaesk.consume.Kit;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Raw producing for engine tests; topics, offsets and waiting come from {@link Kit}. */
final class Brokers {
    private Brokers() {}

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
                producer.send(new ProducerRecord<>(topic, Kit.utf8("key-" + (i % keys)),
                        Kit.utf8(Integer.toString(i))));
            }
            producer.flush();
        }
    }
}
