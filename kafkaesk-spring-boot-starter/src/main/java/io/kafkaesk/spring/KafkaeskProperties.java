package io.kafkaesk.spring;

import io.kafkaesk.internal.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code kafkaesk.*} properties the starter builds its {@link io.kafkaesk.Application} from.
 *
 * <p>When {@code kafkaesk.servers} is not set, {@code spring.kafka.bootstrap-servers} is used; Kafka client
 * properties are {@code spring.kafka.properties.*} overridden by {@code kafkaesk.properties.*}. Values of secret
 * client properties ({@code sasl.jaas.config}, passwords, anything Kafka does not define) never appear in
 * {@link #toString()}.
 *
 * @param servers Kafka bootstrap servers, host:port each. Required, unless spring.kafka.bootstrap-servers is set.
 * @param topicPrefix Prepended to every stream name to form its topic name, for example "prod.".
 * @param properties Kafka client properties for the producer, the consumers and the admin client (SSL, SASL,
 *     client.id, tuning), for example kafkaesk.properties.security.protocol=SSL. They override
 *     spring.kafka.properties.* and kafkaesk's defaults.
 * @param replicationFactor Replication factor of the topics kafkaesk creates. Default: the number of brokers, at
 *     most 3.
 * @param partitions Partitions of created topics whose schema names none.
 * @param publishTimeout How long Kafka may take to acknowledge a published record, and to create a topic, before
 *     the publish fails.
 * @param validatePublished Whether published data is validated against its JSON schema before it is sent.
 * @param deadLetterStream The stream that subscriptions dead-letter to unless their @KafkaeskListener names
 *     another; the topic prefix is prepended.
 * @param autoCommit Whether kafkaesk commits handled offsets itself.
 * @param autoCommitInterval How often handled offsets are committed when auto-commit is on.
 * @param autoStartup Whether subscriptions start with the application context; when false, start the
 *     KafkaeskLifecycle bean yourself.
 */
@ConfigurationProperties("kafkaesk")
public record KafkaeskProperties(
        @Nullable List<String> servers,
        @DefaultValue("") String topicPrefix,
        @DefaultValue Map<String, String> properties,
        @Nullable Integer replicationFactor,
        @DefaultValue("7") int partitions,
        @DefaultValue("30s") Duration publishTimeout,
        @DefaultValue("true") boolean validatePublished,
        @DefaultValue("kafkaesk.dead-letter") String deadLetterStream,
        @DefaultValue("true") boolean autoCommit,
        @DefaultValue("5s") Duration autoCommitInterval,
        @DefaultValue("true") boolean autoStartup) {

    /** Copies the collections. */
    public KafkaeskProperties {
        servers = servers == null ? null : List.copyOf(servers);
        properties = Map.copyOf(properties);
    }

    /** The properties, with the value of every secret client property hidden. */
    @Override
    public String toString() {
        return "KafkaeskProperties[servers=" + servers + ", topicPrefix=" + topicPrefix + ", properties="
                + Secrets.masked(properties) + ", replicationFactor=" + replicationFactor + ", partitions="
                + partitions + ", publishTimeout=" + publishTimeout + ", validatePublished=" + validatePublished
                + ", deadLetterStream=" + deadLetterStream + ", autoCommit=" + autoCommit + ", autoCommitInterval="
                + autoCommitInterval + ", autoStartup=" + autoStartup + "]";
    }
}
