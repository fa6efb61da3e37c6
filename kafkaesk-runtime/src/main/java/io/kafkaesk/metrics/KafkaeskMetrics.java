package io.kafkaesk.metrics;

import io.kafkaesk.internal.observe.MicrometerObserver;
import io.kafkaesk.observe.Observability;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer meters for a kafkaesk application.
 *
 * <pre>{@code
 * Application app = Application.builder()
 *         .kafkaServers("localhost:9092")
 *         .observability(KafkaeskMetrics.micrometer(registry))
 *         .build();
 * }</pre>
 *
 * <p>Micrometer is an optional dependency of kafkaesk: add {@code io.micrometer:micrometer-core} (or your
 * registry, such as {@code micrometer-registry-prometheus}) to use this class. The meters (Prometheus names in
 * brackets; {@code stream} is the topic without the application's prefix; {@code error} is {@code none} or the
 * simple class name of the exception):
 *
 * <table>
 *   <caption>kafkaesk meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #PUBLISH} ({@code kafkaesk_publish_seconds_count/_sum/_max})</td><td>timer</td>
 *       <td>stream, error</td><td>records published; time from publish to the broker's acknowledgement (or
 *       failure)</td></tr>
 *   <tr><td>{@value #CONSUMED} ({@code kafkaesk_consumed_total})</td><td>counter</td>
 *       <td>stream, partition, group, error</td><td>records a subscription is done with: handled
 *       ({@code none}), skipped ({@code UnhandledMessage}), dead-lettered or failed (the failure's class)</td></tr>
 *   <tr><td>{@value #BATCH_SIZE} ({@code kafkaesk_consumer_batch_size_records})</td><td>distribution summary</td>
 *       <td>group</td><td>records returned by one non-empty poll</td></tr>
 *   <tr><td>{@value #HANDLE} ({@code kafkaesk_handler_seconds})</td><td>timer</td>
 *       <td>stream, group, error</td><td>time of each handler call (every attempt)</td></tr>
 *   <tr><td>{@value #LEAD_TIME} ({@code kafkaesk_consumer_lead_time_seconds})</td><td>timer</td>
 *       <td>stream, group</td><td>time from the record's timestamp to the start of its first handling</td></tr>
 *   <tr><td>{@value #REBALANCES} ({@code kafkaesk_consumer_rebalances_total})</td><td>counter</td>
 *       <td>group, event ({@code assigned}, {@code revoked}, {@code lost})</td><td>partition assignment
 *       changes</td></tr>
 *   <tr><td>{@value #PRODUCER_HEALTH} ({@code kafkaesk_producer_health})</td><td>gauge</td><td></td>
 *       <td>1 while the producer can send, 0 once its latest send failed or it closed (the producer part of
 *       {@code Application.health()})</td></tr>
 *   <tr><td>{@value #HEALTH} ({@code kafkaesk_consumer_health})</td><td>gauge</td><td>group</td>
 *       <td>1 while every consumer of the group runs, 0 once one has stopped or died</td></tr>
 *   <tr><td>{@value #DEAD_LETTERED} ({@code kafkaesk_dead_lettered_total})</td><td>counter</td>
 *       <td>stream, group, error</td><td>records written to a dead-letter topic</td></tr>
 *   <tr><td>{@value #RETRIED} ({@code kafkaesk_retried_total})</td><td>counter</td><td>stream, group</td>
 *       <td>handler attempts repeated after a failure</td></tr>
 * </table>
 *
 * <p>Add tags every meter should carry (application, region) with the registry's
 * {@code registry.config().commonTags(...)}.
 */
public final class KafkaeskMetrics {
    /** Timer: publishes, by stream and error. */
    public static final String PUBLISH = "kafkaesk.publish";
    /** Counter: records done with, by stream, partition, group and error. */
    public static final String CONSUMED = "kafkaesk.consumed";
    /** Distribution summary: records per poll, by group. */
    public static final String BATCH_SIZE = "kafkaesk.consumer.batch.size";
    /** Timer: handler calls, by stream, group and error. */
    public static final String HANDLE = "kafkaesk.handler";
    /** Timer: record timestamp to first handling, by stream and group. */
    public static final String LEAD_TIME = "kafkaesk.consumer.lead.time";
    /** Counter: partition assignment changes, by group and event. */
    public static final String REBALANCES = "kafkaesk.consumer.rebalances";
    /** Gauge: 1 while the producer can send. */
    public static final String PRODUCER_HEALTH = "kafkaesk.producer.health";
    /** Gauge: 1 while every consumer of a group runs, by group. */
    public static final String HEALTH = "kafkaesk.consumer.health";
    /** Counter: dead-lettered records, by stream, group and error. */
    public static final String DEAD_LETTERED = "kafkaesk.dead.lettered";
    /** Counter: retried handler attempts, by stream and group. */
    public static final String RETRIED = "kafkaesk.retried";

    private KafkaeskMetrics() {}

    /** Records kafkaesk's meters in {@code registry}; give it to {@code Application.builder().observability}. */
    public static Observability micrometer(MeterRegistry registry) {
        return new MicrometerObserver(registry);
    }
}
