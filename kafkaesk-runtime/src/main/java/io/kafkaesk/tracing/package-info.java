/**
 * OpenTelemetry tracing for kafkaesk applications; see {@link io.kafkaesk.tracing.KafkaeskTracing}.
 *
 * <p>Everything in this package is non-null unless a parameter or return value is annotated {@code @Nullable}.
 */
@NullMarked
package io.kafkaesk.tracing;

import org.jspecify.annotations.NullMarked;
