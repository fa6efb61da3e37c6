package io.kafkaesk.spring;

import io.kafkaesk.Application;
import io.kafkaesk.ApplicationSettings;
import io.kafkaesk.spring.internal.ApplicationFactory;
import io.kafkaesk.spring.internal.ListenerRegistrar;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Configures one kafkaesk {@link Application} from the {@code kafkaesk.*} properties, subscribes the
 * {@link KafkaeskListener} beans, and ties the application to the context's lifecycle.
 *
 * <p>The application registers the schemas of every generated index on the class path. A bean of type
 * {@link Application} of your own replaces this one (the listeners and the lifecycle then use yours);
 * {@link KafkaeskApplicationCustomizer} beans adjust this one's builder.
 */
@AutoConfiguration
@ConditionalOnClass(Application.class)
@EnableConfigurationProperties(KafkaeskProperties.class)
public class KafkaeskAutoConfiguration {
    /** The application: built from the properties, then changed by every customizer. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Application kafkaeskApplication(KafkaeskProperties properties, Environment environment,
            ObjectProvider<KafkaeskApplicationCustomizer> customizers) {
        ApplicationSettings.Builder builder = ApplicationFactory.builder(properties, environment);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build().deadLetterStream(properties.deadLetterStream());
    }

    /** Collects the {@link KafkaeskListener} beans; static, as every bean post-processor must be. */
    @Bean
    @ConditionalOnMissingBean
    public static ListenerRegistrar kafkaeskListenerRegistrar() {
        return new ListenerRegistrar();
    }

    /** Subscribes the listeners and starts the application with the context; stops it first on shutdown. */
    @Bean
    @ConditionalOnMissingBean
    public KafkaeskLifecycle kafkaeskLifecycle(Application application, ListenerRegistrar listeners,
            KafkaeskProperties properties) {
        return new KafkaeskLifecycle(application, listeners, properties.autoStartup());
    }
}
