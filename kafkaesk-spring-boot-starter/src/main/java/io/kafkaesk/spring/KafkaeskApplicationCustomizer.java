package io.kafkaesk.spring;

import io.kafkaesk.Application;
import io.kafkaesk.ApplicationSettings;

/**
 * Changes the builder of the auto-configured {@link Application} before it is built, after the
 * {@code kafkaesk.*} properties are applied. Declare one as a bean; the starter's metrics and tracing
 * configurations are customizers too. Customizers run in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface KafkaeskApplicationCustomizer {
    /** Changes the builder. */
    void customize(ApplicationSettings.Builder builder);
}
