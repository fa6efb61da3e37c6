package io.kafkaesk.observe;

import io.kafkaesk.Application;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Publishes and consumes one event in a JVM whose class path has no Micrometer and no OpenTelemetry; prints
 * {@code OK} when it worked. Arguments: bootstrap servers, topic prefix.
 */
public final class WithoutObservabilityJarsMain {
    private WithoutObservabilityJarsMain() {}

    public static void main(String[] args) throws Exception {
        for (String absent : new String[] {"io.micrometer.core.instrument.MeterRegistry",
                "io.opentelemetry.api.OpenTelemetry"}) {
            try {
                Class.forName(absent);
                System.out.println("PRESENT " + absent);
                System.exit(2);
            } catch (ClassNotFoundException expected) {
                // what this program is for
            }
        }
        CountDownLatch received = new CountDownLatch(1);
        try (Application app = Application.builder().kafkaServers(args[0]).topicPrefix(args[1]).build()) {
            app.subscribe("plain", "plain-group", (EventSubscriber) (event, ctx) -> received.countDown());
            app.initialize();
            app.publishAndWait("plain", new Event("e-1"));
            if (!received.await(60, TimeUnit.SECONDS)) {
                System.out.println("NOT RECEIVED");
                System.exit(3);
            }
            app.healthCheck();
        }
        System.out.println("OK");
    }
}
