package com.acme.greetings;

import io.kafkaesk.Application;
import io.kafkaesk.StopConsumer;
import java.util.concurrent.atomic.AtomicInteger;

/** Publishes three greetings when it starts, receives them, then stops its subscription, which ends the worker. */
public final class GreetingService {
    static final int COUNT = 3;

    private GreetingService() {}

    public static Application app() {
        Application app = Application.builder().build();
        app.schemas(KafkaeskSchemas.all());
        AtomicInteger received = new AtomicInteger();
        app.subscribe("greetings", "greeters", (GreetingSubscriber) (greeting, context) -> {
            int n = received.incrementAndGet();
            System.out.println("received " + greeting.getName() + ": " + greeting.getText() + " (" + n + " of "
                    + COUNT + ")");
            if (n == COUNT) {
                throw new StopConsumer("all " + COUNT + " greetings received");
            }
        });
        app.onStart(() -> {
            GreetingPublisher publisher = GreetingPublisher.of(app);
            for (int i = 1; i <= COUNT; i++) {
                publisher.publishToGreetings(Greeting.builder().name("g" + i).text("hello " + i).build()).join();
            }
            System.out.println("published " + COUNT + " greetings");
        });
        return app;
    }
}
