package io.kafkaesk.benchmarks;

import io.kafkaesk.Application;
import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.MessageSchema;
import io.kafkaesk.internal.KafkaConfigs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What every benchmark shares: the broker, a topic prefix unique to this run, and client settings that are the
 * same for raw kafka-clients and kafkaesk. The raw producer is configured by the very method kafkaesk configures
 * its own producer with ({@link KafkaConfigs#producer}), the raw consumer from the same common properties a
 * kafkaesk subscription starts from.
 */
final class Env implements AutoCloseable {
    final Options options;
    final String servers;
    final String prefix;
    private final Admin admin;
    private final ApplicationSettings settings;
    private final short replicationFactor;
    /** Client properties on top of kafkaesk's defaults, for kafkaesk and raw contenders alike. */
    private final Map<String, Object> kafkaSettings;
    private final boolean ownsAdmin;

    Env(Options options, String servers) throws Exception {
        this.options = options;
        this.servers = servers;
        this.prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        this.kafkaSettings = Map.of();
        try (Application probe = app(true)) {
            this.settings = probe.settings();
        }
        this.admin = Admin.create(KafkaConfigs.admin(settings));
        int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        this.replicationFactor = (short) Math.min(3, brokers);
        this.ownsAdmin = true;
    }

    private Env(Env base, Map<String, Object> kafkaSettings) {
        this.options = base.options;
        this.servers = base.servers;
        this.prefix = base.prefix;
        this.admin = base.admin;
        this.replicationFactor = base.replicationFactor;
        this.kafkaSettings = Map.copyOf(kafkaSettings);
        try (Application probe = app(true)) {
            this.settings = probe.settings();
        }
        this.ownsAdmin = false;
    }

    /** This environment with more client properties, for both kafkaesk and raw clients; shares the admin. */
    Env withKafkaSettings(Map<String, Object> more) {
        Map<String, Object> all = new HashMap<>(kafkaSettings);
        all.putAll(more);
        return new Env(this, all);
    }

    /** A kafkaesk application on this run's broker and prefix; not yet connected. */
    Application app(boolean validatePublished) {
        return Application.builder()
                .kafkaServers(servers)
                .topicPrefix(prefix)
                .defaultPartitions(options.partitions())
                .validatePublished(validatePublished)
                .kafkaSettings(kafkaSettings)
                .build();
    }

    /** The full topic name of a stream. */
    String topic(String stream) {
        return prefix + stream;
    }

    /** Creates a stream's topic as kafkaesk would (partitions, replication factor), for raw contenders. */
    void createTopic(String stream) throws Exception {
        createTopic(stream, options.partitions());
    }

    /** Creates a stream's topic with as many partitions as kafkaesk gives a schema's topic, for raw contenders. */
    void createTopic(String stream, MessageSchema<?> schema) throws Exception {
        createTopic(stream, schema.partitions().orElse(options.partitions()));
    }

    private void createTopic(String stream, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic(stream), partitions, replicationFactor)))
                .all().get(30, TimeUnit.SECONDS);
    }

    /**
     * Waits until every partition of a topic this harness created takes records: sends one empty record to each
     * with {@code producer} and waits for its acknowledgement. Without it the first batches sent to a topic created
     * a moment before can race the partitions' start on the broker: a first batch refused as retriable while the
     * next, in flight with it, is appended leaves the broker holding a later sequence number of the idempotent
     * producer than the retried batch, which then fails with {@code OutOfOrderSequenceException} until its
     * delivery timeout (the default run once lost a 189-record batch of the raw contender that way).
     */
    void awaitWritable(KafkaProducer<byte[], byte[]> producer, String topic) throws Exception {
        for (PartitionInfo partition : producer.partitionsFor(topic)) {
            producer.send(new ProducerRecord<>(topic, partition.partition(), null, new byte[0]))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Exactly kafkaesk's producer settings, for the raw and Spring producers. */
    Map<String, Object> producerConfig() {
        return KafkaConfigs.producer(settings);
    }

    /** The properties a kafkaesk subscription's consumer starts from (common settings, earliest), for a group. */
    Map<String, Object> consumerConfig(String group) {
        Map<String, Object> props = new HashMap<>(KafkaConfigs.common(settings));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /** A raw producer with exactly kafkaesk's producer settings. */
    KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A raw consumer with the properties a kafkaesk subscription uses (common settings, earliest). */
    KafkaConsumer<byte[], byte[]> rawConsumer(String group) {
        return new KafkaConsumer<>(consumerConfig(group), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        if (ownsAdmin) {
            admin.close();
        }
    }
}
