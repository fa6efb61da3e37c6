package io.kafkaesk.internal;

import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.KafkaeskException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds Kafka client properties from {@link ApplicationSettings}: kafkaesk's defaults first, then the user's
 * {@code kafkaSettings} on top (so SSL, SASL and tuning keys always win), then the few values kafkaesk must
 * control. Every value of {@code kafkaSettings} is checked first, by the definition of the Kafka client that knows it
 * ({@link ProducerConfig}, {@link ConsumerConfig}, {@link AdminClientConfig}), so that a bad value is reported with
 * its setting's name before any client starts.
 */
public final class KafkaConfigs {
    private static final int DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    private static final int LINGER_MS = 5;
    private static final List<ConfigDef> CLIENT_DEFINITIONS = List.of(ProducerConfig.configDef(),
            ConsumerConfig.configDef(), AdminClientConfig.configDef());

    private KafkaConfigs() {}

    /**
     * What every client shares: {@code bootstrap.servers} and the user's {@code kafkaSettings}. Consumers start
     * from this.
     *
     * @throws KafkaeskException when no servers are configured, or a value of {@code kafkaSettings} is invalid
     */
    public static Map<String, Object> common(ApplicationSettings settings) {
        validate(settings.kafkaSettings());
        Map<String, Object> config = new HashMap<>(settings.kafkaSettings());
        // kafkaServers is the one source of servers, even when kafkaSettings names bootstrap.servers too.
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return config;
    }

    /**
     * The producer's properties: idempotent, {@code acks=all}, a 5 ms linger with 64 KiB batches, and every
     * wait ({@code max.block.ms}, {@code delivery.timeout.ms}) bounded by the publish timeout.
     */
    public static Map<String, Object> producer(ApplicationSettings settings) {
        long timeoutMs = settings.publishTimeout().toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.max(1, Math.min(DEFAULT_REQUEST_TIMEOUT_MS, timeoutMs - LINGER_MS)));
        config.putAll(common(settings));
        if (!settings.kafkaSettings().containsKey(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)) {
            // Kafka refuses a delivery timeout shorter than linger.ms + request.timeout.ms.
            long floor = asLong(config.get(ProducerConfig.LINGER_MS_CONFIG))
                    + asLong(config.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE,
                    Math.max(timeoutMs, floor)));
        }
        return config;
    }

    /** The admin client's properties: every call bounded by the publish timeout. */
    public static Map<String, Object> admin(ApplicationSettings settings) {
        long timeoutMs = settings.publishTimeout().toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.max(1, Math.min(DEFAULT_REQUEST_TIMEOUT_MS, timeoutMs)));
        config.putAll(common(settings));
        return config;
    }

    /**
     * Checks each value of {@code kafkaSettings} that a Kafka client defines, as that client will read it: its type
     * ({@code linger.ms} is a number) and its allowed values ({@code acks} is one of {@code all, -1, 0, 1}). Names
     * Kafka does not define pass unchecked, since a plug-in (a serializer, a login callback) may read them.
     *
     * @throws KafkaeskException naming the setting, e.g. {@code Invalid value abc for configuration linger.ms: Not a
     *     number of type LONG}; the value of a secret setting is shown as {@value Secrets#HIDDEN}
     */
    public static void validate(Map<String, ?> kafkaSettings) {
        kafkaSettings.forEach((name, value) -> {
            for (ConfigDef definition : CLIENT_DEFINITIONS) {
                ConfigDef.ConfigKey key = definition.configKeys().get(name);
                if (key == null || value == null) {
                    continue;
                }
                try {
                    Object parsed = ConfigDef.parseType(name, value, key.type);
                    if (key.validator != null) {
                        key.validator.ensureValid(name, parsed);
                    }
                } catch (ConfigException e) {
                    // Kafka's message is "Invalid value V for configuration N: reason"; V may be a password.
                    throw new KafkaeskException(Secrets.scrub(e.getMessage(), kafkaSettings)
                            + " (set in kafkaSettings)");
                }
            }
        });
    }

    private static long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
    }
}
