package io.kafkaesk.spring;

import io.kafkaesk.RetryPolicy;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Subscribes a bean to a stream pattern in a consumer group, when the application context starts.
 *
 * <p>On a class, the bean implements a handler: a generated subscriber ({@code OrderPlacedSubscriber}) or any
 * {@link io.kafkaesk.MessageHandler} kind ({@code BytesHandler}, {@code RecordHandler}, {@code EnvelopeHandler}):
 *
 * <pre>{@code
 * @Component
 * @KafkaeskListener(pattern = "orders.placed", group = "billing", concurrency = 4)
 * class Billing implements OrderPlacedSubscriber {
 *     public void onOrderPlaced(OrderPlaced order, MessageContext context) { ... }
 * }
 * }</pre>
 *
 * <p>On a method, the method takes the data and, optionally, the {@link io.kafkaesk.MessageContext}; the data is a
 * generated data class (its schema is found among the discovered schemas), {@code byte[]} (the raw value),
 * {@code JsonNode} (the whole envelope) or {@code ConsumerRecord<byte[], byte[]>}:
 *
 * <pre>{@code
 * @KafkaeskListener(pattern = "orders.placed", group = "shipping")
 * void ship(OrderPlaced order, MessageContext context) { ... }
 * }</pre>
 *
 * <p>A method whose only parameter is a list of {@link io.kafkaesk.BatchRecord}s of a generated data class receives
 * consecutive records of one partition at a time, at most {@link #maxBatchSize()}, with the retry and dead-letter
 * rules of {@link io.kafkaesk.BatchHandler} (throw {@code BatchFailure} to name the record that failed):
 *
 * <pre>{@code
 * @KafkaeskListener(pattern = "orders.placed", group = "order-journal", maxBatchSize = 200)
 * void store(List<BatchRecord<OrderPlaced>> batch) { ... }
 * }</pre>
 *
 * <p>String attributes take {@code ${...}} placeholders, like {@code @Value}. A method that throws is retried (see
 * {@link #attempts()}) and then dead-lettered; {@code UnhandledMessage} skips the record and {@code StopConsumer}
 * stops the subscription, as everywhere in kafkaesk.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface KafkaeskListener {
    /**
     * The stream pattern: a glob over stream names ({@code "orders.*"}), or one exact stream. The topic prefix
     * ({@code kafkaesk.topic-prefix}) is prepended.
     */
    String pattern();

    /**
     * The consumer group. Default: on a class, the bean's class name; on a method, the class name, '.', the method
     * name.
     */
    String group() default "";

    /** How many partitions are handled in parallel, each in order; 1 by default. */
    int concurrency() default 1;

    /** Whether consumed data is checked against its schema before the handler runs; an invalid record is dead-lettered. */
    boolean validate() default false;

    /** Attempts per record before it is dead-lettered; 0 keeps kafkaesk's default (3, with back-off). */
    int attempts() default 0;

    /**
     * What happens to a record whose attempts are used up: dead-lettered (the default), or the subscription
     * stops without committing it and the {@code kafkaesk} health goes DOWN (Python kafkaesk's behaviour).
     */
    RetryPolicy.Exhausted exhausted() default RetryPolicy.Exhausted.DEAD_LETTER;

    /** The stream this subscription dead-letters to; empty for {@code kafkaesk.dead-letter-stream}. */
    String deadLetterStream() default "";

    /** For a batch listener, the most records in one batch; 0 keeps kafkaesk's default (500). */
    int maxBatchSize() default 0;
}
