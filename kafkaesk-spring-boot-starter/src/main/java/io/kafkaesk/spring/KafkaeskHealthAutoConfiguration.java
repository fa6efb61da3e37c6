package io.kafkaesk.spring;

import io.kafkaesk.Application;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code kafkaesk} health indicator when Spring Boot's health support is on the class path; turn it off
 * with {@code management.health.kafkaesk.enabled=false}.
 */
@AutoConfiguration(after = KafkaeskAutoConfiguration.class)
@ConditionalOnClass({Application.class, HealthIndicator.class})
@ConditionalOnBean(Application.class)
@ConditionalOnEnabledHealthIndicator("kafkaesk")
public class KafkaeskHealthAutoConfiguration {
    /** The indicator, named {@code kafkaesk} in the health endpoint. */
    @Bean
    @ConditionalOnMissingBean(name = "kafkaeskHealthIndicator")
    public KafkaeskHealthIndicator kafkaeskHealthIndicator(Application application) {
        return new KafkaeskHealthIndicator(application);
    }
}
