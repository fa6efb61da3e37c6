package ${package};

import ${package}.events.KafkaeskSchemas;
import io.kafkaesk.Application;

/**
 * The service: its schemas, its subscriptions, and what it does when it starts (it greets the world). The worker
 * ({@link Worker}, or {@code mvn kafkaesk:run}) and the tests build it here and give it its Kafka servers.
 */
public final class GreetingService {
    private GreetingService() {}

    /** The application, not yet connected: whoever runs it sets the Kafka servers. */
    public static Application app() {
        return app(new GreetingReplier());
    }

    /** The application, with the replier given (tests look at what it received). */
    static Application app(GreetingReplier replier) {
        Application app = Application.builder().build();
        app.schemas(KafkaeskSchemas.all());
        app.subscribe("greetings", "${artifactId}-replies", replier);
        app.onStart(() -> new Greeter(app).greet("${artifactId}", "world"));
        return app;
    }
}
