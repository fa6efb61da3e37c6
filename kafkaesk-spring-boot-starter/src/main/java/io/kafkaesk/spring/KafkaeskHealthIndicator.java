package io.kafkaesk.spring;

import io.kafkaesk.Application;
import io.kafkaesk.ApplicationHealth;
import io.kafkaesk.ApplicationHealth.Part;
import io.kafkaesk.Subscription;
import io.kafkaesk.SubscriptionStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code kafkaesk} health of the application, from {@link Application#health()}: UP when it is, else DOWN
 * (also while it has not started). Its details hold the producer's status and one entry per subscription, by
 * group: the streams, the status, why (when not up), and what it did with its records so far.
 */
public class KafkaeskHealthIndicator implements HealthIndicator {
    private final Application application;

    /** Reports the health of {@code application}. */
    public KafkaeskHealthIndicator(Application application) {
        this.application = application;
    }

    @Override
    public Health health() {
        ApplicationHealth health = application.health();
        List<Part> parts = health.parts();
        List<Subscription> subscriptions = application.subscriptions();
        Map<String, Object> groups = new LinkedHashMap<>();
        for (int i = 0; i < subscriptions.size() && i + 1 < parts.size(); i++) {
            Subscription s = subscriptions.get(i);
            Part part = parts.get(i + 1);
            SubscriptionStats stats = s.stats();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", part.status().name());
            details.put("streams", s.streams());
            details.put("handled", stats.handled());
            details.put("unhandled", stats.unhandled());
            details.put("deadLettered", stats.deadLettered());
            details.put("retried", stats.retried());
            if (part.status() != ApplicationHealth.Status.UP) {
                details.put("error", part.name() + " " + part.reason());
            }
            groups.put(s.group(), details);
        }
        Part producer = parts.get(0);
        Health.Builder builder = health.isUp() ? Health.up()
                : Health.down().withDetail("error", String.join("; ", health.problems()));
        return builder.withDetail("servers", application.settings().kafkaServers())
                .withDetail("producer", producer.status() + ": " + producer.reason())
                .withDetail("subscriptions", groups)
                .build();
    }
}
