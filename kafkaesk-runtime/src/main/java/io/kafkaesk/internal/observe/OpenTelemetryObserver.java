package io.kafkaesk.internal.observe;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Traces publishing and handling with the OpenTelemetry API, and carries W3C trace context ({@code traceparent},
 * {@code tracestate}) in record headers.
 *
 * <p>Publish: a {@code PRODUCER} span {@code publish <topic>}, child of the current span, or else of the trace
 * context already in the headers given (a record re-published as it was keeps its trace). Its context replaces
 * any {@code traceparent}/{@code tracestate} among those headers, so {@code MessageContext.publish}, which copies
 * the consumed record's headers, sends the handler's trace onwards. The span ends when the broker acknowledges or
 * the publish fails (status ERROR).
 *
 * <p>Handle: a {@code CONSUMER} span {@code process <topic>} per handler attempt, child of the trace context in
 * the record's headers and linked to it, current while the handler runs; a failure is recorded on it. Dead letters
 * keep the record's headers byte for byte, so they carry the producer's trace context too.
 */
public final class OpenTelemetryObserver implements Observer {
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    private static final AttributeKey<Long> PARTITION =
            AttributeKey.longKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("kafkaesk.attempt");
    private static final AttributeKey<String> STREAM = AttributeKey.stringKey("kafkaesk.stream");

    @SuppressWarnings("deprecation") // keys() is deprecated yet abstract; the W3C propagator never calls it
    private static final TextMapGetter<Iterable<Header>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Iterable<Header> carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public @Nullable String get(@Nullable Iterable<Header> carrier, String key) {
            if (carrier == null) {
                return null;
            }
            byte[] last = null;
            for (Header h : carrier) {
                if (h.key().equals(key)) {
                    last = h.value();
                }
            }
            return last == null ? null : new String(last, StandardCharsets.UTF_8);
        }
    };

    private static final TextMapSetter<Headers> SETTER =
            (carrier, key, value) -> {
                if (carrier != null) {
                    carrier.remove(key);
                    carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
                }
            };

    private final Tracer tracer;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();

    /** Traces with {@code openTelemetry}'s tracer provider. */
    public OpenTelemetryObserver(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.kafkaesk");
    }

    @Override
    public Publishing publishing(String stream, String topic, Iterable<Header> headers) {
        Context parent = Context.current();
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            parent = propagator.extract(parent, headers, GETTER);
        }
        Span span = tracer.spanBuilder("publish " + topic)
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, "send")
                .setAttribute(STREAM, stream)
                .startSpan();
        RecordHeaders traced = new RecordHeaders();
        for (Header h : headers) {
            if (!h.key().equals(TRACEPARENT) && !h.key().equals(TRACESTATE)) {
                traced.add(h);
            }
        }
        propagator.inject(parent.with(span), traced, SETTER);
        return new Publishing() {
            @Override
            public Iterable<Header> headers() {
                return traced;
            }

            @Override
            public void completed(@Nullable RecordMetadata metadata, @Nullable Throwable error) {
                if (metadata != null) {
                    span.setAttribute(PARTITION, (long) metadata.partition());
                    if (metadata.hasOffset()) {
                        span.setAttribute(OFFSET, metadata.offset());
                    }
                }
                if (error != null) {
                    span.recordException(error);
                    span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
                }
                span.end();
            }
        };
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record, String stream, String group, int attempt,
            Invocation body) throws Exception {
        Context extracted = propagator.extract(Context.root(), record.headers(), GETTER);
        SpanContext producer = Span.fromContext(extracted).getSpanContext();
        var builder = tracer.spanBuilder("process " + record.topic())
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(OPERATION, "process")
                .setAttribute(GROUP, group)
                .setAttribute(PARTITION, (long) record.partition())
                .setAttribute(OFFSET, record.offset())
                .setAttribute(ATTEMPT, (long) attempt)
                .setAttribute(STREAM, stream);
        if (producer.isValid()) {
            builder.setParent(extracted).addLink(producer);
        } else {
            builder.setNoParent();
        }
        Span span = builder.startSpan();
        Scope scope = span.makeCurrent();
        try {
            body.run();
        } catch (Exception | Error e) {
            span.recordException(e);
            if (!e.getClass().getName().equals("io.kafkaesk.UnhandledMessage")) {
                span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            }
            throw e;
        } finally {
            scope.close();
            span.end();
        }
    }
}
