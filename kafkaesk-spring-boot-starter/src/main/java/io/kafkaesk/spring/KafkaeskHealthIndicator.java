package io.kafkaesk.spring;

import io.kafkaesk.Application;
import io.kafkaesk.ConsumerUnhealthyException;
import io.kafkaesk.KafkaeskException;
import io.kafkaesk.Subscription;
import io.kafkaesk.SubscriptionStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code kafkaesk} health of the application: UP when it is connected and every subscription's consumer is
 * alive, DOWN when the application is not connected, its producer died or a consumer died. Its details hold one
 * entry per subscription, by group: the streams, the status, and what it did with its records so far.
 */
public class KafkaeskHealthIndicator implements HealthIndicator {
    private final Application application;

    /** Reports the health of {@code application}. */
    public KafkaeskHealthIndicator(Application application) {
        this.application = application;
    }

    @Override
    public Health health() {
        List<String> problems = List.of();
        String failure = null;
        try {
            application.healthCheck();
        } catch (ConsumerUnhealthyException e) {
            problems = e.problems();
            failure = e.getMessage();
        } catch (KafkaeskException e) {
            failure = e.getMessage();
        }
        Map<String, Object> groups = new LinkedHashMap<>();
        for (Subscription s : application.subscriptions()) {
            String prefix = s.toString() + " failed";
            boolean failed = problems.stream().anyMatch(p -> p.startsWith(prefix));
            SubscriptionStats stats = s.stats();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", failed ? "DOWN" : "UP");
            details.put("streams", s.streams());
            details.put("handled", stats.handled());
            details.put("unhandled", stats.unhandled());
            details.put("deadLettered", stats.deadLettered());
            details.put("retried", stats.retried());
            problems.stream().filter(p -> p.startsWith(prefix)).findFirst().ifPresent(p -> details.put("error", p));
            groups.put(s.group(), details);
        }
        Health.Builder health = failure == null ? Health.up() : Health.down().withDetail("error", failure);
        return health.withDetail("servers", application.settings().kafkaServers())
                .withDetail("subscriptions", groups)
                .build();
    }
}
