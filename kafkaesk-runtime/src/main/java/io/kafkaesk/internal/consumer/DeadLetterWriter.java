package io.kafkaesk.internal.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes records that cannot be handled to a dead-letter topic, byte for byte, with {@code kafkaesk.error.*}
 * headers that say why and where they came from.
 *
 * <p>The dead-lettered record keeps the original key, value and headers (in order, byte for byte) and appends:
 * <table>
 *   <caption>Headers added to a dead-lettered record (values are UTF-8 text)</caption>
 *   <tr><td>{@value #CLASS}</td><td>the exception's class name</td></tr>
 *   <tr><td>{@value #MESSAGE}</td><td>the exception's message (at most {@value #MAX_MESSAGE_CHARS}
 *       characters)</td></tr>
 *   <tr><td>{@value #TOPIC}, {@value #PARTITION}, {@value #OFFSET}</td><td>where the record was consumed</td></tr>
 *   <tr><td>{@value #GROUP}</td><td>the consumer group that gave up on it</td></tr>
 *   <tr><td>{@value #ATTEMPTS}</td><td>how many times the handler ran (0 when the record could not be
 *       decoded)</td></tr>
 *   <tr><td>{@value #TIMESTAMP}</td><td>when it was dead-lettered, ISO-8601 UTC</td></tr>
 * </table>
 * The record timestamp is the time of dead-lettering, so the dead-letter topic's retention counts from then.
 *
 * <p>A dead letter too large for the producer ({@code max.request.size}) or the dead-letter topic
 * ({@code max.message.bytes}), which happens when the source topic allows larger records than the dead-letter
 * topic, is written again without its value, with {@value #VALUE_DROPPED} saying how large it was and why it is
 * missing: the {@value #TOPIC}, {@value #PARTITION} and {@value #OFFSET} headers point at the original, which
 * stays readable in its topic for that topic's retention. So the subscription never dies of a record it could
 * read but not copy.
 */
public final class DeadLetterWriter {
    /** Header: the exception's class name. */
    public static final String CLASS = "kafkaesk.error.class";
    /** Header: the exception's message. */
    public static final String MESSAGE = "kafkaesk.error.message";
    /** Header: the topic the record was consumed from. */
    public static final String TOPIC = "kafkaesk.error.topic";
    /** Header: the partition the record was consumed from. */
    public static final String PARTITION = "kafkaesk.error.partition";
    /** Header: the offset the record was consumed at. */
    public static final String OFFSET = "kafkaesk.error.offset";
    /** Header: the consumer group. */
    public static final String GROUP = "kafkaesk.error.group";
    /** Header: the number of handler attempts. */
    public static final String ATTEMPTS = "kafkaesk.error.attempts";
    /** Header: when the record was dead-lettered. */
    public static final String TIMESTAMP = "kafkaesk.error.timestamp";
    /**
     * Header, only on a dead letter written without its value: the original value's size and why it was left out.
     */
    public static final String VALUE_DROPPED = "kafkaesk.error.value-dropped";
    /** Longest error message kept in a header. */
    public static final int MAX_MESSAGE_CHARS = 4000;

    /** Sends one record and completes when the broker acknowledges it. */
    @FunctionalInterface
    public interface Sender {
        /** Sends {@code record}; the future fails when the broker does not take it. */
        CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record);
    }

    /** Creates the dead-letter topic when it is missing. */
    @FunctionalInterface
    public interface TopicCreator {
        /** Makes sure {@code topic} exists. */
        void ensure(String topic) throws Exception;
    }

    private final Sender sender;
    private final TopicCreator topics;
    private final Duration timeout;

    /**
     * Creates a writer.
     *
     * @param sender publishes a record; the producer is idempotent, but a write retried after a timeout is a new
     *     send, so a dead letter can be written twice (replay and consumers of the dead-letter topic tolerate that)
     * @param topics creates the dead-letter topic on first use
     * @param timeout how long one write waits for the broker's acknowledgement
     */
    public DeadLetterWriter(Sender sender, TopicCreator topics, Duration timeout) {
        this.sender = sender;
        this.topics = topics;
        this.timeout = timeout;
    }

    /**
     * Publishes {@code record} to {@code deadLetterTopic} and waits for the broker's acknowledgement.
     *
     * @throws Exception when the topic cannot be created or the broker does not acknowledge in time; the caller
     *     must then not commit the record
     */
    public RecordMetadata write(String deadLetterTopic, ConsumerRecord<byte[], byte[]> record, String group,
            int attempts, Throwable error) throws Exception {
        topics.ensure(deadLetterTopic);
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h.key(), h.value());
        }
        headers.add(CLASS, utf8(error.getClass().getName()));
        headers.add(MESSAGE, utf8(truncate(String.valueOf(error.getMessage()))));
        headers.add(TOPIC, utf8(record.topic()));
        headers.add(PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(OFFSET, utf8(Long.toString(record.offset())));
        headers.add(GROUP, utf8(group));
        headers.add(ATTEMPTS, utf8(Integer.toString(attempts)));
        headers.add(TIMESTAMP, utf8(Instant.now().toString()));
        try {
            return send(new ProducerRecord<>(deadLetterTopic, null, null, record.key(), record.value(), headers),
                    deadLetterTopic);
        } catch (Exception e) {
            if (!tooLarge(e) || record.value() == null) {
                throw e;
            }
            headers.add(VALUE_DROPPED, utf8(record.value().length + " bytes, too large for the dead-letter topic: "
                    + truncate(String.valueOf(e.getMessage())) + "; read the original at its topic, partition and "
                    + "offset"));
            return send(new ProducerRecord<>(deadLetterTopic, null, null, record.key(), null, headers),
                    deadLetterTopic);
        }
    }

    private RecordMetadata send(ProducerRecord<byte[], byte[]> out, String deadLetterTopic) throws Exception {
        try {
            return sender.send(out).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("The dead-letter topic " + deadLetterTopic + " did not acknowledge within "
                    + timeout);
        }
    }

    /** True when {@code e} says the record is too large for the producer or the topic. */
    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
