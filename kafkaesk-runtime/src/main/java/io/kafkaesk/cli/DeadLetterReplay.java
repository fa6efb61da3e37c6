package io.kafkaesk.cli;

import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.internal.KafkaConfigs;
import io.kafkaesk.internal.consumer.DeadLetterWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * Republishes dead letters to the topic they came from: key, value and original headers byte for byte, without
 * the {@code kafkaesk.error.*} headers the dead-letter writer added; and keeps its position, so that a second run
 * sends nothing the first one sent.
 *
 * <p>The position is the committed offset of a consumer group of its own, named after the dead-letter topic and
 * the filters ({@link #positionGroup}): each record is committed right after it is re-published and acknowledged,
 * records the filters pass over are committed with it, so a run that stops half way resumes where it stopped. A
 * replay with other filters has another position, so dead letters of a failure fixed later are still found by a
 * replay for that failure. Where a run starts: after the saved position (from the beginning the first time), or
 * from the beginning ({@code --from-beginning}), or from the first dead letter written at or after a time
 * ({@code --since}); it reads up to the end of the topic as of the start of the run. {@code --offsets} picks
 * records by partition and offset and leaves the saved position alone. A dry run prints what would be sent and
 * why each record was dead-lettered, and commits nothing.
 *
 * <p>A replayed record reaches every group that reads its topic again, not only the group whose handler failed
 * ({@code --group} selects the dead letters of one group, it cannot address one group).
 */
final class DeadLetterReplay {
    static final String DEFAULT_STREAM = "kafkaesk.dead-letter";
    private static final String ERROR_HEADER_PREFIX = "kafkaesk.error.";
    private static final Duration POLL = Duration.ofMillis(500);

    /** What to replay, and from where. */
    record Options(String deadLetterStream, @Nullable String topic, @Nullable String errorClass,
            @Nullable String group, boolean dryRun, boolean fromBeginning, @Nullable Instant since,
            @Nullable Map<Integer, List<long[]>> offsets) {}

    private final ApplicationSettings settings;
    private final Options options;
    private final String deadLetterTopic;
    private final PrintStream out;

    DeadLetterReplay(ApplicationSettings settings, Options options, PrintStream out) {
        this.settings = settings;
        this.options = options;
        this.deadLetterTopic = settings.topicPrefix() + options.deadLetterStream();
        this.out = out;
    }

    /**
     * The consumer group that holds the position of a replay: {@code kafkaesk-dlq-replay.<dead-letter topic>},
     * followed by the filters when there are any.
     */
    String positionGroup() {
        StringBuilder group = new StringBuilder("kafkaesk-dlq-replay.").append(deadLetterTopic);
        String topic = options.topic();
        if (topic != null) {
            // One position whether the stream or the topic was named.
            group.append(".topic=").append(topic.startsWith(settings.topicPrefix()) ? topic
                    : settings.topicPrefix() + topic);
        }
        if (options.errorClass() != null) {
            group.append(".error=").append(options.errorClass());
        }
        if (options.group() != null) {
            group.append(".group=").append(options.group());
        }
        return group.toString();
    }

    /** Reads, filters, and (unless dry) republishes; returns how many records matched. */
    int run() {
        String positionGroup = positionGroup();
        Map<String, Object> consumerConfig = new HashMap<>(KafkaConfigs.common(settings));
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, positionGroup);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Duration timeout = settings.publishTimeout();
        boolean commit = !options.dryRun() && options.offsets() == null;
        Tally tally = new Tally();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = options.dryRun() ? null : new KafkaProducer<>(
                        KafkaConfigs.producer(settings), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic, timeout);
            if (infos == null || infos.isEmpty()) {
                out.println("Dead-letter topic " + deadLetterTopic + " does not exist: nothing to replay.");
                return 0;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            Map<TopicPartition, Long> start = startPositions(consumer, partitions, end, timeout);
            start.forEach(consumer::seek);
            end.entrySet().removeIf(e -> start.get(e.getKey()) >= e.getValue());
            while (!end.isEmpty()) {
                Map<TopicPartition, OffsetAndMetadata> passed = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long stop = end.get(tp);
                    if (stop == null || record.offset() >= stop) {
                        continue;
                    }
                    tally.read(record);
                    if (matches(record)) {
                        tally.matched++;
                        replay(record, producer, timeout);
                        if (commit) {
                            passed.remove(tp);
                            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(record.offset() + 1)), timeout);
                        }
                    } else if (commit) {
                        passed.put(tp, new OffsetAndMetadata(record.offset() + 1));
                    }
                }
                if (!passed.isEmpty()) {
                    consumer.commitSync(passed, timeout);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
            }
        } catch (ExecutionException e) {
            throw new KafkaeskException("Replay to the original topic failed after " + tally.matched
                    + " records matched (the position is saved up to the last one sent): " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaeskException("Replay timed out waiting for the broker after " + timeout.toMillis()
                    + " ms (the position is saved up to the last record sent)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaeskException("Replay interrupted", e);
        }
        out.println((options.dryRun() ? "Dry run: " + tally.matched + " of " + tally.seen
                + " dead letters would be replayed" : "Replayed " + tally.matched + " of " + tally.seen
                + " dead letters") + " from " + deadLetterTopic + (commit ? " (position saved in consumer group "
                + positionGroup + ")" : "") + ".");
        if (tally.matched == 0 && tally.seen > 0) {
            out.println("No dead letter matched " + describeFilters() + ". The " + tally.seen + " read came from "
                    + "topics " + tally.topics + ", groups " + tally.groups + ", errors " + tally.errors + ".");
        } else if (tally.seen == 0 && !options.fromBeginning() && options.since() == null
                && options.offsets() == null) {
            out.println("Nothing new since the last replay with these filters (consumer group " + positionGroup
                    + "): --from-beginning reads every dead letter again.");
        }
        return tally.matched;
    }

    /** Where each partition starts, per the options; the saved position by default. */
    private Map<TopicPartition, Long> startPositions(KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions, Map<TopicPartition, Long> end, Duration timeout) {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        if (options.offsets() != null) {
            for (TopicPartition tp : partitions) {
                List<long[]> ranges = options.offsets().get(tp.partition());
                long first = ranges == null ? end.get(tp) : ranges.stream().mapToLong(r -> r[0]).min().orElse(0);
                start.put(tp, Math.min(end.get(tp), Math.max(begin.get(tp), first)));
            }
        } else if (options.since() != null) {
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(tp -> times.put(tp, options.since().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, timeout);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp at = found.get(tp);
                start.put(tp, at == null ? end.get(tp) : at.offset());
            }
        } else if (options.fromBeginning()) {
            start.putAll(begin);
        } else {
            Map<TopicPartition, OffsetAndMetadata> saved = consumer.committed(new HashSet<>(partitions),
                    timeout);
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata at = saved.get(tp);
                start.put(tp, at == null ? begin.get(tp) : Math.max(begin.get(tp), at.offset()));
            }
        }
        return start;
    }

    private void replay(ConsumerRecord<byte[], byte[]> record, @Nullable KafkaProducer<byte[], byte[]> producer,
            Duration timeout) throws ExecutionException, TimeoutException, InterruptedException {
        String origin = header(record, DeadLetterWriter.TOPIC);
        if (origin == null) {
            throw new KafkaeskException("Dead letter " + deadLetterTopic + "-" + record.partition() + "@"
                    + record.offset() + " has no " + DeadLetterWriter.TOPIC + " header, so its topic is unknown: it"
                    + " was not written by kafkaesk (the position is saved up to the record before it)");
        }
        out.println((producer == null ? "would replay " : "replaying ") + deadLetterTopic + "-" + record.partition()
                + "@" + record.offset() + " -> " + origin + "  (dead-lettered by group "
                + header(record, DeadLetterWriter.GROUP) + " after " + header(record, DeadLetterWriter.ATTEMPTS)
                + " attempts at " + header(record, DeadLetterWriter.TIMESTAMP) + ": "
                + header(record, DeadLetterWriter.CLASS) + ": " + header(record, DeadLetterWriter.MESSAGE) + ")");
        if (producer != null) {
            producer.send(new ProducerRecord<>(origin, null, record.key(), record.value(), originalHeaders(record)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean matches(ConsumerRecord<byte[], byte[]> record) {
        if (options.offsets() != null && !inRanges(record)) {
            return false;
        }
        String topic = options.topic();
        if (topic != null) {
            String origin = header(record, DeadLetterWriter.TOPIC);
            // A stream name (the prefix applied) or a topic name.
            if (!topic.equals(origin) && !(settings.topicPrefix() + topic).equals(origin)) {
                return false;
            }
        }
        if (options.group() != null && !options.group().equals(header(record, DeadLetterWriter.GROUP))) {
            return false;
        }
        String errorClass = options.errorClass();
        if (errorClass != null) {
            String cls = header(record, DeadLetterWriter.CLASS);
            if (cls == null) {
                return false;
            }
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            return errorClass.equals(cls) || errorClass.equals(simple);
        }
        return true;
    }

    private boolean inRanges(ConsumerRecord<byte[], byte[]> record) {
        List<long[]> ranges = options.offsets() == null ? null : options.offsets().get(record.partition());
        if (ranges == null) {
            return false;
        }
        for (long[] r : ranges) {
            if (record.offset() >= r[0] && record.offset() <= r[1]) {
                return true;
            }
        }
        return false;
    }

    private String describeFilters() {
        List<String> filters = new ArrayList<>();
        if (options.topic() != null) {
            filters.add("--topic " + options.topic() + (settings.topicPrefix().isEmpty() ? ""
                    : " (or " + settings.topicPrefix() + options.topic() + ")"));
        }
        if (options.errorClass() != null) {
            filters.add("--error-class " + options.errorClass());
        }
        if (options.group() != null) {
            filters.add("--group " + options.group());
        }
        if (options.offsets() != null) {
            filters.add("--offsets");
        }
        return filters.isEmpty() ? "the filters" : String.join(", ", filters);
    }

    /**
     * Parses {@code --offsets}: {@code PARTITION:OFFSET} or {@code PARTITION:FIRST-LAST} (inclusive), separated by
     * commas.
     */
    static Map<Integer, List<long[]>> parseOffsets(String value) {
        Map<Integer, List<long[]>> ranges = new HashMap<>();
        for (String part : value.split(",")) {
            String item = part.trim();
            int colon = item.indexOf(':');
            try {
                if (colon < 0) {
                    throw new NumberFormatException();
                }
                int partition = Integer.parseInt(item.substring(0, colon));
                String span = item.substring(colon + 1);
                int dash = span.indexOf('-');
                long first = Long.parseLong(dash < 0 ? span : span.substring(0, dash));
                long last = dash < 0 ? first : Long.parseLong(span.substring(dash + 1));
                if (partition < 0 || first < 0 || last < first) {
                    throw new NumberFormatException();
                }
                ranges.computeIfAbsent(partition, p -> new ArrayList<>()).add(new long[] {first, last});
            } catch (NumberFormatException e) {
                throw new UsageException("Invalid value '" + item + "' in --offsets: expected PARTITION:OFFSET or "
                        + "PARTITION:FIRST-LAST, e.g. --offsets 0:15,2:40-52");
            }
        }
        return ranges;
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

    /** What a run read, for its summary. */
    private static final class Tally {
        int seen;
        int matched;
        final TreeSet<String> topics = new TreeSet<>();
        final TreeSet<String> groups = new TreeSet<>();
        final TreeSet<String> errors = new TreeSet<>();

        void read(ConsumerRecord<byte[], byte[]> record) {
            seen++;
            topics.add(String.valueOf(header(record, DeadLetterWriter.TOPIC)));
            groups.add(String.valueOf(header(record, DeadLetterWriter.GROUP)));
            errors.add(String.valueOf(header(record, DeadLetterWriter.CLASS)));
        }
    }
}
