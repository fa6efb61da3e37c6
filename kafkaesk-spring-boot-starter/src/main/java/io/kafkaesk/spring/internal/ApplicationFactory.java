package io.kafkaesk.spring.internal;

import io.kafkaesk.Application;
import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.spring.KafkaeskProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Builds the application from the {@code kafkaesk.*} properties, falling back to the {@code spring.kafka.*} ones
 * an application that used Spring Kafka already has.
 */
public final class ApplicationFactory {
    /** The property that names the servers, as a user writes it. */
    public static final String SERVERS = "kafkaesk.servers";
    static final String SPRING_SERVERS = "spring.kafka.bootstrap-servers";
    static final String SPRING_PROPERTIES = "spring.kafka.properties";

    private ApplicationFactory() {}

    /**
     * A builder holding the properties.
     *
     * @throws MissingPropertyException when neither {@code kafkaesk.servers} nor
     *     {@code spring.kafka.bootstrap-servers} is set
     */
    public static ApplicationSettings.Builder builder(KafkaeskProperties properties, Environment environment) {
        Binder binder = Binder.get(environment);
        List<String> servers = properties.servers();
        if (servers == null || servers.stream().allMatch(String::isBlank)) {
            servers = binder.bind(SPRING_SERVERS, Bindable.listOf(String.class)).orElse(List.of());
        }
        if (servers.stream().allMatch(String::isBlank)) {
            throw new MissingPropertyException(SERVERS, "the Kafka bootstrap servers, host:port each",
                    SERVERS + "=localhost:9092 (or " + SPRING_SERVERS + ", which kafkaesk reads when "
                            + SERVERS + " is not set)");
        }
        Map<String, Object> kafkaSettings = new LinkedHashMap<>(
                binder.bind(SPRING_PROPERTIES, Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        kafkaSettings.putAll(properties.properties());
        ApplicationSettings.Builder builder = Application.builder()
                .kafkaServers(servers)
                .topicPrefix(properties.topicPrefix())
                .kafkaSettings(kafkaSettings)
                .defaultPartitions(properties.partitions())
                .publishTimeout(properties.publishTimeout())
                .validatePublished(properties.validatePublished())
                .autoCommit(properties.autoCommit())
                .autoCommitIntervalMs(properties.autoCommitInterval().toMillis());
        if (properties.replicationFactor() != null) {
            builder.replicationFactor(properties.replicationFactor());
        }
        return builder;
    }
}
