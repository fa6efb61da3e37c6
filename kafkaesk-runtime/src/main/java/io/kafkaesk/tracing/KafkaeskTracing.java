package io.kafkaesk.tracing;

import io.kafkaesk.internal.observe.OpenTelemetryObserver;
import io.kafkaesk.observe.Observability;
import io.opentelemetry.api.OpenTelemetry;

/**
 * OpenTelemetry tracing for a kafkaesk application, with W3C trace context in record headers.
 *
 * <pre>{@code
 * Application app = Application.builder()
 *         .kafkaServers("localhost:9092")
 *         .observability(KafkaeskTracing.openTelemetry(openTelemetry))   // e.g. GlobalOpenTelemetry.get()
 *         .build();
 * }</pre>
 *
 * <p>OpenTelemetry is an optional dependency of kafkaesk: add {@code io.opentelemetry:opentelemetry-api} (and an
 * SDK or the Java agent) to use this class. What is traced:
 * <ul>
 *   <li>publish: a {@code PRODUCER} span {@code publish <topic>}, a child of the current span (or, when there is
 *       none, of the {@code traceparent} among the headers given); its W3C context is written to the record's
 *       {@code traceparent}/{@code tracestate} headers, replacing those the headers had. The span ends when the
 *       broker acknowledges, with status ERROR on failure;</li>
 *   <li>handling: each handler attempt runs in a {@code CONSUMER} span {@code process <topic>}, a child of (and
 *       linked to) the producer's span from the record's headers, with group, partition, offset and attempt as
 *       attributes. It is the current span in the handler, so {@code MessageContext.publish} continues the trace;
 *       a failure is recorded on it. Retries are sibling spans of the same trace;</li>
 *   <li>dead letters keep the record's headers byte for byte, so they carry the producer's trace context.</li>
 * </ul>
 * Attributes follow the OpenTelemetry messaging conventions ({@code messaging.system=kafka},
 * {@code messaging.destination.name}, {@code messaging.consumer.group.name}, ...) plus {@code kafkaesk.stream}
 * and {@code kafkaesk.attempt}.
 */
public final class KafkaeskTracing {
    private KafkaeskTracing() {}

    /** Traces with {@code openTelemetry}; give the result to {@code ApplicationSettings.Builder.observability}. */
    public static Observability openTelemetry(OpenTelemetry openTelemetry) {
        return new OpenTelemetryObserver(openTelemetry);
    }
}
