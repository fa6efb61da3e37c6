package io.kafkaesk.spring;

import io.kafkaesk.Application;
import io.kafkaesk.metrics.KafkaeskMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Records kafkaesk's meters ({@code kafkaesk.publish}, {@code kafkaesk.consumed}, {@code kafkaesk.handler} and
 * the others {@link KafkaeskMetrics} lists) in the context's {@link MeterRegistry}, when there is one.
 */
@AutoConfiguration(before = KafkaeskAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({Application.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class KafkaeskMetricsAutoConfiguration {
    /** Adds Micrometer to the application's builder. */
    @Bean
    public KafkaeskApplicationCustomizer kafkaeskMetricsCustomizer(MeterRegistry registry) {
        return builder -> builder.observability(KafkaeskMetrics.micrometer(registry));
    }
}
