package io.kafkaesk.benchmarks;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Spring Kafka set up as a Java team would without kafkaesk, with Spring's defaults: a {@link KafkaTemplate} whose
 * values Spring's Jackson 3 {@link JacksonJsonSerializer} writes, and a {@link ConcurrentMessageListenerContainer}
 * whose values {@link JacksonJsonDeserializer} reads. The Kafka client properties are the other contenders' own
 * ({@link Env#producerConfig()}, {@link Env#consumerConfig(String)}); nothing of Spring's is tuned.
 */
final class SpringKafka {
    private SpringKafka() {}

    /** A template and its producer factory; closing destroys the factory's producer. */
    record Publisher(DefaultKafkaProducerFactory<String, Object> factory, KafkaTemplate<String, Object> template)
            implements AutoCloseable {
        @Override
        public void close() {
            factory.destroy();
        }
    }

    /**
     * A template with String keys and JSON values, serializers named in the producer properties as a Spring Boot
     * application's {@code spring.kafka.producer.*} would name them.
     */
    static Publisher publisher(Env env) {
        Map<String, Object> props = new HashMap<>(env.producerConfig());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JacksonJsonSerializer.class);
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(props);
        return new Publisher(factory, new KafkaTemplate<>(factory));
    }

    /**
     * A started listener container on {@code topic} for {@code group}, values read as {@code type} (the data has no
     * Spring type headers: the deserializer's target type decides), one record at a time to {@code listener}.
     */
    static <V> ConcurrentMessageListenerContainer<byte[], V> listen(Env env, String topic, String group,
            Class<V> type, MessageListener<byte[], V> listener) {
        DefaultKafkaConsumerFactory<byte[], V> factory = new DefaultKafkaConsumerFactory<>(
                env.consumerConfig(group), new ByteArrayDeserializer(), new JacksonJsonDeserializer<>(type));
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setMessageListener(listener);
        ConcurrentMessageListenerContainer<byte[], V> container =
                new ConcurrentMessageListenerContainer<>(factory, properties);
        container.start();
        return container;
    }
}
