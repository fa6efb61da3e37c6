package io.kafkaesk;

import java.util.List;

/**
 * Handles the data of one schema a list at a time: consecutive records of one partition, in offset order, each
 * bound to the schema's class. The shape of every generated {@code XSubscriber.Batch}.
 *
 * <pre>{@code
 * app.subscribe("orders.placed", "order-journal", (OrderPlacedSubscriber.Batch) batch -> {
 *     journal.insertAll(batch.stream().map(BatchRecord::data).toList());
 * });
 * }</pre>
 *
 * <p>A batch holds the records of one partition that were fetched and wait for the handler, at most
 * {@link Subscription#maxBatchSize(int)}; it never waits for more to arrive. Records that cannot be decoded (not an
 * envelope, another schema key, data that does not bind or, with {@link Subscription#validate(boolean)}, does not
 * validate) never reach the handler: they are dead-lettered and the batch holds the rest. Partitions are handled in
 * parallel up to {@link Subscription#concurrency(int)}, never two batches of one partition at once.
 *
 * <p>Returning marks every record of the batch done once the publishes started through the records' contexts are
 * acknowledged; only then are their offsets committed. Throwing:
 * <ul>
 *   <li>{@link BatchFailure} names the failing record by its index: the records before it are done, and the
 *       records from it on are retried as a batch per the subscription's {@link RetryPolicy}. When the attempts are
 *       used up, the named record is dead-lettered with its original bytes and the reason, and the records after
 *       it go on as a new batch.</li>
 *   <li>any other exception fails the whole batch: it is retried as a batch per the {@link RetryPolicy}; when the
 *       attempts are used up, its records are handled one at a time (each as a batch of one, with the policy's
 *       attempts of its own), so that only the records that fail alone are dead-lettered.</li>
 *   <li>{@link UnhandledMessage} skips the whole batch; {@link StopConsumer} stops the subscription without
 *       committing the batch.</li>
 * </ul>
 * A batch may be delivered again after a failure or a rebalance, as a record may: writes should be idempotent.
 *
 * @param <T> the data class
 */
public non-sealed interface BatchHandler<T> extends MessageHandler {
    /** The schema whose records this handler takes. */
    MessageSchema<T> schema();

    /**
     * Handles consecutive records of one partition, in offset order. Runs on a worker thread.
     *
     * @param batch one or more records, never empty; valid during the call only
     * @throws BatchFailure to name the record that failed; anything else fails the whole batch (see above)
     */
    void handle(List<BatchRecord<T>> batch) throws Exception;
}
