package io.kafkaesk.examples.spring;

import io.kafkaesk.spring.KafkaeskHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/** What happened in the shop, printed as it happens and counted per part, so that main knows when it is done. */
@Component
public class Story {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** Prints one line of the story and counts it for {@code part}. */
    public void tell(String part, String line) {
        counts.computeIfAbsent(part, p -> new AtomicInteger()).incrementAndGet();
        System.out.printf("%s %-13s %s%n", LocalTime.now().format(TIME), part, line);
    }

    int count(String part) {
        AtomicInteger n = counts.get(part);
        return n == null ? 0 : n.get();
    }

    /** Waits until 3 orders were billed and journaled, 2 shipped and notified and 1 dead-lettered. */
    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(count("billing") == 3 && count("journal") == 3 && count("notifications") == 2
                && count("dead-letter") == 1)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Prints the outcome, the kafkaesk health and a meter from the context's registry. */
    void report(ApplicationContext context, boolean done) {
        System.out.println();
        if (done) {
            System.out.println("Done: 3 orders placed, 3 charged and journaled, 2 shipped and notified, "
                    + "1 dead-lettered.");
        } else {
            System.out.println("Not every message arrived in time: " + counts);
        }
        Health health = context.getBean(KafkaeskHealthIndicator.class).health();
        System.out.println("Actuator health 'kafkaesk': " + health.getStatus() + " " + health.getDetails()
                .get("subscriptions"));
        long published = context.getBean(MeterRegistry.class).find("kafkaesk.publish").timers().stream()
                .mapToLong(Timer::count).sum();
        System.out.println("Meter kafkaesk.publish in the context's MeterRegistry: " + published + " records");
    }
}
