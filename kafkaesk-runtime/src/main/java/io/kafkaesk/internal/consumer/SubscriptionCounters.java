package io.kafkaesk.internal.consumer;

import io.kafkaesk.SubscriptionStats;
import java.util.concurrent.atomic.LongAdder;

/** Live counts of one subscription; thread-safe. */
public final class SubscriptionCounters {
    final LongAdder handled = new LongAdder();
    final LongAdder unhandled = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder skippedNewer = new LongAdder();
    final LongAdder pausedPartitions = new LongAdder();

    /** The counts now. */
    public SubscriptionStats snapshot() {
        return new SubscriptionStats(handled.sum(), unhandled.sum(), deadLettered.sum(), retried.sum(), skippedNewer.sum(),
                pausedPartitions.sum());
    }
}
