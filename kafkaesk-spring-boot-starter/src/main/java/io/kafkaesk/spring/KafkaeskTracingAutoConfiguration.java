package io.kafkaesk.spring;

import io.kafkaesk.Application;
import io.kafkaesk.tracing.KafkaeskTracing;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Traces publishing and handling through the context's {@link OpenTelemetry} when there is one: a span per
 * published and per handled record, with W3C trace context carried in the record headers.
 */
@AutoConfiguration(before = KafkaeskAutoConfiguration.class,
        afterName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({Application.class, OpenTelemetry.class})
@ConditionalOnBean(OpenTelemetry.class)
public class KafkaeskTracingAutoConfiguration {
    /** Adds OpenTelemetry to the application's builder. */
    @Bean
    public KafkaeskApplicationCustomizer kafkaeskTracingCustomizer(OpenTelemetry openTelemetry) {
        return builder -> builder.observability(KafkaeskTracing.openTelemetry(openTelemetry));
    }
}
