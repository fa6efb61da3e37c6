package io.kafkaesk.observe;

/**
 * Metrics or tracing for an {@link io.kafkaesk.Application}, given to
 * {@link io.kafkaesk.ApplicationSettings.Builder#observability(Observability)}.
 *
 * <p>Get one from {@link io.kafkaesk.metrics.KafkaeskMetrics#micrometer} (Micrometer meters) or
 * {@link io.kafkaesk.tracing.KafkaeskTracing#openTelemetry} (OpenTelemetry spans and W3C trace context); give
 * several to have both. Applications do not implement this interface. Micrometer and OpenTelemetry are optional
 * dependencies of kafkaesk: an application that never calls those factories runs without their jars.
 */
public interface Observability {}
