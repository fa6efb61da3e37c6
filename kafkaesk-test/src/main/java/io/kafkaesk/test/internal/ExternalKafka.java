package io.kafkaesk.test.internal;

import io.kafkaesk.test.KafkaCluster;

/** A running cluster named by the {@code KAFKA} environment variable; the tests neither start nor stop it. */
public record ExternalKafka(String bootstrapServers) implements KafkaCluster {
    @Override
    public String description() {
        return "external Kafka at " + bootstrapServers + " (" + BrokerSelection.KAFKA + ")";
    }
}
