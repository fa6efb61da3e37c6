/**
 * Observability of kafkaesk applications: the {@link io.kafkaesk.observe.Observability} handle that
 * {@link io.kafkaesk.metrics.KafkaeskMetrics} and {@link io.kafkaesk.tracing.KafkaeskTracing} create.
 *
 * <p>Everything in this package is non-null unless a parameter or return value is annotated {@code @Nullable}.
 */
@NullMarked
package io.kafkaesk.observe;

import org.jspecify.annotations.NullMarked;
