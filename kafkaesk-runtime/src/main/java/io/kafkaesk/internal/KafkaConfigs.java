package io.kafkaesk.internal;

import io.kafkaesk.ApplicationSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds Kafka client properties from {@link ApplicationSettings}: kafkaesk's defaults first, then the user's
 * {@code kafkaSettings} on top (so SSL, SASL and tuning keys always win), then the few values kafkaesk must
 * control.
 */
public final class KafkaConfigs {
    private static final int DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    private static final int LINGER_MS = 5;

    private KafkaConfigs() {}

    /**
     * What every client shares: {@code bootstrap.servers} and the user's {@code kafkaSettings}. Consumers start
     * from this.
     *
     * @throws io.kafkaesk.KafkaeskException when no servers are configured
     */
    public static Map<String, Object> common(ApplicationSettings settings) {
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

    private static long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
    }
}
