package io.kafkaesk.examples.spring;

import io.kafkaesk.test.EmbeddedKafka;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example shop as a Spring Boot application: the checkout publishes orders through an injected generated
 * publisher; billing, shipping, notifications and a dead-letter monitor are {@code @KafkaeskListener} beans; the
 * starter builds the kafkaesk application from {@code kafkaesk.*} properties, starts the subscriptions with the
 * context and stops them first when it closes.
 *
 * <p>Run it with {@code mvn -q -pl examples/spring-shop -am package exec:java -DskipTests}: it starts a Kafka broker
 * inside the JVM (or uses {@code KAFKA=host:port}), prints what happens, and exits 0 once every message arrived.
 */
@SpringBootApplication
public class SpringShop {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** Runs the shop story and exits 0 when it completed, 1 when it did not within the timeout. */
    public static void main(String[] args) throws Exception {
        String external = System.getenv("KAFKA");
        boolean done;
        if (external != null && !external.isBlank()) {
            done = run(external, args);
        } else {
            System.out.println("Starting an embedded Kafka broker (set KAFKA=host:port to use your own)...");
            try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
                done = run(kafka.bootstrapServers(), args);
            }
        }
        System.exit(done ? 0 : 1);
    }

    private static boolean run(String servers, String[] args) throws InterruptedException {
        SpringApplication shop = new SpringApplication(SpringShop.class);
        shop.setDefaultProperties(Map.of(
                "kafkaesk.servers", servers,
                "kafkaesk.topic-prefix", "spring-example-" + Long.toHexString(System.nanoTime()) + "."));
        ConfigurableApplicationContext context = shop.run(args);
        Story story = context.getBean(Story.class);
        boolean done = story.await(TIMEOUT);
        story.report(context, done);
        // Closing stops the subscriptions first (in-flight records finish, offsets are committed).
        SpringApplication.exit(context);
        return done;
    }
}
