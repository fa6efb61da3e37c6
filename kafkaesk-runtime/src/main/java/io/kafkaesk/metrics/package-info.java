/**
 * Micrometer meters for kafkaesk applications; see {@link io.kafkaesk.metrics.KafkaeskMetrics}.
 *
 * <p>Everything in this package is non-null unless a parameter or return value is annotated {@code @Nullable}.
 */
@NullMarked
package io.kafkaesk.metrics;

import org.jspecify.annotations.NullMarked;
