package io.kafkaesk.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.RetryPolicy;
import io.kafkaesk.test.BootstrapServers;
import io.kafkaesk.test.KafkaeskTest;
import io.kafkaesk.test.TopicPrefix;
import io.kafkaesk.tracing.KafkaeskTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@KafkaeskTest
class TracingTest {
    private InMemorySpanExporter exporter;
    private OpenTelemetrySdk otel;

    @BeforeEach
    void sdk() {
        exporter = InMemorySpanExporter.create();
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .build();
    }

    @AfterEach
    void closeSdk() {
        otel.close();
    }

    @Test
    void traceSurvivesPublishConsumeRepublishRetriesAndDeadLetters(@BootstrapServers String servers,
            TopicPrefix prefix) throws Exception {
        Map<String, String> traceInHandler = new ConcurrentHashMap<>();
        Application app = Application.builder()
                .kafkaServers(servers)
                .topicPrefix(prefix.value())
                .defaultPartitions(1)
                .observability(KafkaeskTracing.openTelemetry(otel))
                .build();
        String traceId;
        String rootSpanId;
        try (app) {
            app.subscribe("orders", "forwarder", (EventSubscriber) (event, ctx) -> {
                traceInHandler.put("orders", Span.current().getSpanContext().getTraceId());
                ctx.publish("shipments", event).join();
            });
            app.subscribe("shipments", "shipper", (EventSubscriber) (event, ctx) ->
                    traceInHandler.put("shipments", Span.current().getSpanContext().getTraceId()));
            app.subscribe("payments", "payer", (EventSubscriber) (event, ctx) -> {
                throw new IllegalStateException("payment service down");
            }).retry(RetryPolicy.attempts(2).fixedBackoff(Duration.ofMillis(10)));
            app.initialize();

            Tracer tracer = otel.getTracer("test");
            Span root = tracer.spanBuilder("checkout").startSpan();
            Scope scope = root.makeCurrent();
            try {
                app.publishAndWait("orders", new Event("o-1"));
                app.publishAndWait("payments", new Event("p-1"));
            } finally {
                scope.close();
                root.end();
            }
            traceId = root.getSpanContext().getTraceId();
            rootSpanId = root.getSpanContext().getSpanId();
            MetricsTest.await(() -> traceInHandler.containsKey("shipments"), "the republished event is handled");
            MetricsTest.await(() -> processSpans("payments").size() == 2, "both attempts on the payment traced");
        }

        assertEquals(traceId, traceInHandler.get("orders"), "the handler runs in the producer's trace");
        assertEquals(traceId, traceInHandler.get("shipments"), "subscriber.publish carries the trace on");

        SpanData publishOrders = only(spans(SpanKind.PRODUCER, "publish " + prefix.value() + "orders"));
        SpanData processOrders = only(processSpans("orders"));
        SpanData publishShipments = only(spans(SpanKind.PRODUCER, "publish " + prefix.value() + "shipments"));
        SpanData processShipments = only(processSpans("shipments"));
        for (SpanData span : List.of(publishOrders, processOrders, publishShipments, processShipments)) {
            assertEquals(traceId, span.getTraceId(), span.getName());
        }
        assertEquals(rootSpanId, publishOrders.getParentSpanId());
        assertEquals(publishOrders.getSpanId(), processOrders.getParentSpanId(), "consumer span is the child");
        assertEquals(publishOrders.getSpanId(), processOrders.getLinks().get(0).getSpanContext().getSpanId(),
                "and linked to the producer's span");
        assertEquals(processOrders.getSpanId(), publishShipments.getParentSpanId());
        assertEquals(publishShipments.getSpanId(), processShipments.getParentSpanId());

        List<SpanData> paymentAttempts = processSpans("payments");
        for (SpanData attempt : paymentAttempts) {
            assertEquals(traceId, attempt.getTraceId(), "every retry is in the trace");
            assertEquals(io.opentelemetry.api.trace.StatusCode.ERROR, attempt.getStatus().getStatusCode());
        }
        assertNotEquals(paymentAttempts.get(0).getSpanId(), paymentAttempts.get(1).getSpanId());

        Header traceparent = deadLetter(servers, prefix.value() + "kafkaesk.dead-letter").headers()
                .lastHeader("traceparent");
        String value = new String(traceparent.value(), StandardCharsets.UTF_8);
        assertTrue(value.contains(traceId), "the dead letter carries the trace: " + value);
    }

    private List<SpanData> processSpans(String stream) {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.CONSUMER && s.getName().endsWith(stream))
                .toList();
    }

    private List<SpanData> spans(SpanKind kind, String name) {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == kind && s.getName().equals(name))
                .toList();
    }

    private static SpanData only(List<SpanData> spans) {
        assertEquals(1, spans.size(), spans.toString());
        return spans.get(0);
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(String servers, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    return record;
                }
            }
        }
        throw new AssertionError("No dead letter in " + topic);
    }
}
