package io.kafkaesk.spring.test;

import io.kafkaesk.test.EmbeddedKafka;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring Boot test application at a real Kafka broker: kafkaesk-test's in-process KRaft broker, started on
 * first use and shared by every context of the test run, or the cluster that {@code KAFKA=host:port} names.
 *
 * <p>It adds a property source with {@code kafkaesk.servers} and, unless the test sets one, a {@code
 * kafkaesk.topic-prefix} unique to the context, so that contexts never see each other's topics. A
 * {@code @SpringBootTest} gets it with {@link EmbeddedKafkaesk}; an application started by hand adds it itself:
 *
 * <pre>{@code
 * new SpringApplicationBuilder(Shop.class).initializers(new EmbeddedKafkaInitializer()).run();
 * }</pre>
 *
 * <p>Needs {@code io.kafkaesk:kafkaesk-test} on the test class path.
 */
public class EmbeddedKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    /** The name of the property source it adds. */
    public static final String PROPERTY_SOURCE = "kafkaesk-test-broker";

    private static String servers;

    /** The servers of the shared broker, starting it on first use; {@code KAFKA} when that is set. */
    public static synchronized String servers() {
        if (servers == null) {
            String external = System.getenv("KAFKA");
            if (external != null && !external.isBlank()) {
                servers = external;
            } else {
                EmbeddedKafka kafka = EmbeddedKafka.start();
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafkaesk-test-broker-stop"));
                servers = kafka.bootstrapServers();
            }
        }
        return servers;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Map<String, Object> properties = new HashMap<>();
        properties.put("kafkaesk.servers", servers());
        if (!environment.containsProperty("kafkaesk.topic-prefix")) {
            properties.put("kafkaesk.topic-prefix", "test-" + UUID.randomUUID() + ".");
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }
}
