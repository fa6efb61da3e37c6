package ${package};

import io.kafkaesk.Application;
import io.kafkaesk.Kafkaesk;

/**
 * Runs the service until SIGINT or SIGTERM (then it finishes what it is doing, commits and exits 0):
 * {@code java -cp ... ${package}.Worker localhost:9092}. During development, {@code mvn kafkaesk:run} does the same
 * with a broker of its own.
 */
public final class Worker {
    private Worker() {}

    public static void main(String[] args) {
        String servers = args.length > 0 ? args[0] : System.getenv().getOrDefault("KAFKA_SERVERS", "localhost:9092");
        Application app = GreetingService.app();
        app.configure(settings -> settings.kafkaServers(servers));
        Kafkaesk.run(app);
    }
}
