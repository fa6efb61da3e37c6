package ${package};

import ${package}.events.Greeting;
import ${package}.events.GreetingPublisher;
import io.kafkaesk.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes greetings through the publisher generated from {@code src/main/schemas/greeting.json}. */
public final class Greeter {
    private static final Logger LOG = LoggerFactory.getLogger(Greeter.class);
    private final GreetingPublisher greetings;

    public Greeter(Application app) {
        this.greetings = GreetingPublisher.of(app);
    }

    /** Publishes one greeting and waits until Kafka has it; invalid data is refused before anything is sent. */
    public void greet(String from, String to) {
        Greeting greeting = Greeting.builder().from(from).to(to).text("Hello, " + to + "!").build();
        greetings.publishToGreetings(greeting).join();
        LOG.info("{} greeted {}", from, to);
    }
}
