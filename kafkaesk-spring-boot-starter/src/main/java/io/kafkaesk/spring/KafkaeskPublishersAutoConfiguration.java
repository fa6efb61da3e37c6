package io.kafkaesk.spring;

import io.kafkaesk.Application;
import io.kafkaesk.spring.internal.PublisherBeans;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Makes every generated publisher ({@code OrderPlacedPublisher} and the like, listed by each generated
 * {@code KafkaeskSchemas} index on the class path) a bean bound to the kafkaesk {@link Application}, so that it
 * can be injected. A bean of a publisher type that you declare yourself is left alone.
 */
@AutoConfiguration(after = KafkaeskAutoConfiguration.class)
@ConditionalOnClass(Application.class)
public class KafkaeskPublishersAutoConfiguration {
    /** Registers the publisher beans; static, as every bean factory post-processor must be. */
    @Bean
    public static PublisherBeans kafkaeskPublisherBeans() {
        return new PublisherBeans();
    }
}
