package io.kafkaesk.cli;

import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.internal.KafkaConfigs;
import io.kafkaesk.internal.consumer.DeadLetterWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * Republishes dead letters to the topic they came from: key, value and original headers byte for byte, without
 * the {@code kafkaesk.error.*} headers the dead-letter writer added.
 *
 * <p>It reads the dead-letter topic from its beginning to its end as of the start of the run (records that
 * arrive during the run are left for the next one) and commits nothing: the dead-letter topic stays the record
 * of what failed, and each run decides again, through its filters, what to replay. Replaying a record twice
 * publishes it twice; consumers are at-least-once anyway, and the filters and {@code --dry-run} keep a replay
 * to what is meant. A replayed record reaches every group that reads its topic again, not only the group whose
 * handler failed ({@code --group} selects the dead letters of one group, it cannot address one group).
 */
final class DeadLetterReplay {
    static final String DEFAULT_STREAM = "kafkaesk.dead-letter";
    private static final String ERROR_HEADER_PREFIX = "kafkaesk.error.";
    private static final Duration POLL = Duration.ofMillis(500);

    private final ApplicationSettings settings;
    private final String deadLetterTopic;
    private final @Nullable String topicFilter;
    private final @Nullable String errorClassFilter;
    private final @Nullable String groupFilter;
    private final boolean dryRun;
    private final PrintStream out;

    DeadLetterReplay(ApplicationSettings settings, String deadLetterStream, @Nullable String topicFilter,
            @Nullable String errorClassFilter, @Nullable String groupFilter, boolean dryRun, PrintStream out) {
        this.settings = settings;
        this.deadLetterTopic = settings.topicPrefix() + deadLetterStream;
        this.topicFilter = topicFilter;
        this.errorClassFilter = errorClassFilter;
        this.groupFilter = groupFilter;
        this.dryRun = dryRun;
        this.out = out;
    }

    /** Reads, filters, and (unless dry) republishes; returns how many records matched. */
    int run() {
        Map<String, Object> consumerConfig = new HashMap<>(KafkaConfigs.common(settings));
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long timeoutMs = settings.publishTimeout().toMillis();
        int seen = 0;
        int matched = 0;
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = dryRun ? null : new KafkaProducer<>(
                        KafkaConfigs.producer(settings), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic, Duration.ofMillis(timeoutMs));
            if (infos == null || infos.isEmpty()) {
                out.println("Dead-letter topic " + deadLetterTopic + " does not exist: nothing to replay.");
                return 0;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofMillis(timeoutMs)));
            end.entrySet().removeIf(e -> consumer.position(e.getKey(), Duration.ofMillis(timeoutMs)) >= e.getValue());
            while (!end.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long stop = end.get(tp);
                    if (stop == null || record.offset() >= stop) {
                        continue;
                    }
                    seen++;
                    if (matches(record)) {
                        matched++;
                        String origin = header(record, DeadLetterWriter.TOPIC);
                        if (origin == null) {
                            throw new KafkaeskException("Dead letter " + deadLetterTopic + "-" + record.partition()
                                    + "@" + record.offset() + " has no " + DeadLetterWriter.TOPIC
                                    + " header, so its topic is unknown: it was not written by kafkaesk");
                        }
                        out.println((dryRun ? "would replay " : "replaying ") + deadLetterTopic + "-"
                                + record.partition() + "@" + record.offset() + " -> " + origin + "  ("
                                + header(record, DeadLetterWriter.CLASS) + ": "
                                + header(record, DeadLetterWriter.MESSAGE) + ")");
                        if (producer != null) {
                            sends.add(producer.send(new ProducerRecord<>(origin, null, record.key(), record.value(),
                                    originalHeaders(record))));
                        }
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey(), Duration.ofMillis(timeoutMs)) >= e.getValue());
            }
            if (producer != null) {
                producer.flush();
                for (Future<RecordMetadata> send : sends) {
                    send.get(timeoutMs, TimeUnit.MILLISECONDS);
                }
            }
        } catch (ExecutionException e) {
            throw new KafkaeskException("Replay to the original topic failed after " + sends.size()
                    + " sends were started: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaeskException("Replay timed out waiting for the broker after " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaeskException("Replay interrupted", e);
        }
        out.println((dryRun ? "Dry run: " + matched + " of " + seen + " dead letters would be replayed"
                : "Replayed " + matched + " of " + seen + " dead letters") + " from " + deadLetterTopic + ".");
        return matched;
    }

    private boolean matches(ConsumerRecord<byte[], byte[]> record) {
        if (topicFilter != null && !topicFilter.equals(header(record, DeadLetterWriter.TOPIC))) {
            return false;
        }
        if (groupFilter != null && !groupFilter.equals(header(record, DeadLetterWriter.GROUP))) {
            return false;
        }
        if (errorClassFilter != null) {
            String cls = header(record, DeadLetterWriter.CLASS);
            if (cls == null) {
                return false;
            }
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            return errorClassFilter.equals(cls) || errorClassFilter.equals(simple);
        }
        return true;
    }

    private static @Nullable String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static RecordHeaders originalHeaders(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().startsWith(ERROR_HEADER_PREFIX)) {
                headers.add(h);
            }
        }
        return headers;
    }
}
