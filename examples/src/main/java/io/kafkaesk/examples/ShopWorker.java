package io.kafkaesk.examples;

import io.kafkaesk.Application;
import io.kafkaesk.Kafkaesk;
import io.kafkaesk.examples.events.KafkaeskSchemas;

/**
 * The shop as a long-running service. Either run it with the worker, which supplies the servers:
 * {@code kafkaesk io.kafkaesk.examples.ShopWorker#app --kafka-servers localhost:9092}, or through its own
 * {@code main}.
 */
public final class ShopWorker {
    private ShopWorker() {}

    /** The shop's application; Kafka servers come from the worker's {@code --kafka-servers}. */
    public static Application app() {
        Application app = Application.builder().topicPrefix("shop-").build();
        app.schemas(KafkaeskSchemas.all());
        app.mount(ShopExample.shop(new Journal(System.out)));
        return app;
    }

    /** Runs until SIGINT or SIGTERM, then commits what was handled, closes, and exits 0. */
    public static void main(String[] args) {
        Application app = app();
        app.configure(settings -> settings.kafkaServers(System.getenv().getOrDefault("KAFKA", "localhost:9092")));
        Kafkaesk.run(app);
    }
}
