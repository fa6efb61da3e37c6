/**
 * The consumer engine: one poll thread per subscription, per-partition ordered work queues drained by a bounded
 * worker pool, pause/resume back-pressure, and an offset tracker that only ever commits contiguous completed work.
 *
 * <p>Not API: everything here may change without notice. Non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.kafkaesk.internal.consumer;

import org.jspecify.annotations.NullMarked;
