package io.kafkaesk.internal.consumer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jspecify.annotations.Nullable;

/**
 * Which Kafka settings a subscription may set for its own consumer, and how they combine with the application's:
 * the one place that knows the keys kafkaesk owns.
 */
public final class ConsumerSettings {
    /** kafkaesk's {@code auto.offset.reset} when neither the application nor the subscription sets one. */
    public static final String DEFAULT_OFFSET_RESET = "earliest";
    /** Keys the engine or the application sets, with why, for the error message. */
    private static final Map<String, String> OWNED = Map.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "the application's kafkaServers are the one source of "
                    + "servers",
            ConsumerConfig.GROUP_ID_CONFIG, "the subscription's group is given to subscribe(pattern, group, handler)",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "handlers read the key as bytes",
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "kafkaesk decodes the value for the handler",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "kafkaesk commits only records that are done (see the "
                    + "application's autoCommit and MessageContext.commit())");
    /** Settings only the producer reads. */
    private static final Set<String> PRODUCER_ONLY = producerOnly();

    private ConsumerSettings() {}

    private static Set<String> producerOnly() {
        Set<String> keys = new HashSet<>(ProducerConfig.configNames());
        keys.removeAll(ConsumerConfig.configNames());
        return Set.copyOf(keys);
    }

    /**
     * Refuses a key a subscription may not set for its consumer.
     *
     * @param where whose settings these are, for the message ("for the subscription of group billing")
     * @throws IllegalArgumentException naming the key and why
     */
    public static void checkKey(String key, String where) {
        String owned = OWNED.get(key);
        if (owned != null) {
            throw new IllegalArgumentException("Cannot set '" + key + "' in kafkaSettings " + where + ": kafkaesk "
                    + "sets it itself (" + owned + ")");
        }
        if (PRODUCER_ONLY.contains(key)) {
            throw new IllegalArgumentException("Cannot set '" + key + "' in kafkaSettings " + where + ": it is a "
                    + "producer setting, and a subscription's settings go to its consumer only; set it in the "
                    + "application's kafkaSettings");
        }
    }

    /**
     * The properties of one subscription's consumer: the application's, then the subscription's own on top, then
     * the static member id: the subscription's own, else {@code applicationInstanceId} (or the application's
     * {@code group.instance.id}) numbered per group so that two consumers of one group never share it.
     *
     * @param perGroup how many consumers of each group were given the application's id so far (updated)
     */
    public static Map<String, Object> merge(Map<String, Object> application, Map<String, Object> subscription,
            String group, @Nullable String applicationInstanceId, Map<String, Integer> perGroup) {
        Map<String, Object> merged = new HashMap<>(application);
        merged.putAll(subscription);
        if (subscription.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)) {
            return merged;
        }
        Object configured = application.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        String id = applicationInstanceId != null ? applicationInstanceId
                : configured == null ? null : configured.toString();
        if (id != null) {
            int n = perGroup.merge(group, 1, Integer::sum);
            merged.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, n == 1 ? id : id + "-" + n);
        }
        return merged;
    }
}
