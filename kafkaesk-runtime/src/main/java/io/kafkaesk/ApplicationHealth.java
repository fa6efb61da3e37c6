package io.kafkaesk;

import io.kafkaesk.internal.KafkaClients;
import io.kafkaesk.internal.SecurityErrors;
import io.kafkaesk.internal.consumer.ConsumerEngine;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Owns what {@link Application#health()} reports: an overall {@link Status} and one {@link Part} per component (the
 * producer, then each subscription in registration order), each with the reason for its status. The worker's
 * {@code /health} and the Spring Boot health indicator show this value.
 *
 * <p>The overall status is the worst part's: {@code DOWN} when any part is down, else {@code STARTING} when any
 * part is starting, else {@code UP}.
 *
 * @param status the overall status
 * @param parts the producer, then each subscription
 */
public record ApplicationHealth(Status status, List<Part> parts) {
    /** The name of the producer's part. */
    public static final String PRODUCER = "producer";

    /** The status of an application or of one of its parts, from best to worst. */
    public enum Status {
        /** Working. */
        UP,
        /** Not started yet: the application is not initialized, or a subscription has not started. */
        STARTING,
        /** Not working: closed, the producer cannot send, or a subscription's consumer died. */
        DOWN
    }

    /**
     * One component's health.
     *
     * @param name {@link #PRODUCER}, or the subscription ({@link Subscription#toString()})
     * @param status its status
     * @param reason why it has that status, for people
     */
    public record Part(String name, Status status, String reason) {
        /** Checks that no component is null. */
        public Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Keeps the parts' order; the status must be the worst part's. */
    public ApplicationHealth {
        parts = List.copyOf(parts);
        Objects.requireNonNull(status, "status");
    }

    /** Whether the application works: every part is {@link Status#UP}. */
    public boolean isUp() {
        return status == Status.UP;
    }

    /**
     * Returns quietly when the application is up, else throws: for the producer first, then for subscriptions.
     *
     * @throws ProducerUnhealthyException when the application is not connected (not initialized, or closed) or
     *     its producer cannot send
     * @throws ConsumerUnhealthyException when a subscription is not running, naming each one and why
     */
    public void requireUp() {
        Part producer = parts.get(0);
        if (producer.status() != Status.UP) {
            throw new ProducerUnhealthyException("Unhealthy: " + producer.reason());
        }
        if (!isUp()) {
            throw new ConsumerUnhealthyException(problems());
        }
    }

    /** The parts that are not up, as {@code "name: reason"}, in order; empty when the application is up. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Part part : parts) {
            if (part.status() != Status.UP) {
                problems.add(part.name() + " " + part.status() + ": " + part.reason());
            }
        }
        return problems;
    }

    /** {@code UP}, or the status followed by the parts that are not up. */
    @Override
    public String toString() {
        return isUp() ? status.name() : status + " (" + String.join("; ", problems()) + ")";
    }

    /**
     * The health of an application's parts.
     *
     * @param clients the connected clients, or null when not connected
     * @param closed whether the application is closed
     * @param subscriptions its subscriptions and, once started, their consumers
     */
    static ApplicationHealth of(@Nullable KafkaClients clients, boolean closed, Subscriptions subscriptions) {
        List<Part> parts = new ArrayList<>();
        parts.add(producer(clients, closed));
        Map<Subscription, ConsumerEngine> engines = new IdentityHashMap<>();
        for (Subscriptions.Running r : subscriptions.running()) {
            engines.put(r.subscription(), r.engine());
        }
        for (Subscription s : subscriptions.list()) {
            parts.add(subscription(s, engines.get(s), closed));
        }
        Status worst = Status.UP;
        for (Part part : parts) {
            worst = part.status().compareTo(worst) > 0 ? part.status() : worst;
        }
        return new ApplicationHealth(worst, parts);
    }

    private static Part producer(@Nullable KafkaClients clients, boolean closed) {
        if (closed) {
            return new Part(PRODUCER, Status.DOWN, "not connected to Kafka: the application is closed");
        }
        if (clients == null) {
            return new Part(PRODUCER, Status.STARTING,
                    "not connected to Kafka yet (not initialized): it connects on initialize() or its first publish");
        }
        String problem = clients.producerProblem();
        return problem == null ? new Part(PRODUCER, Status.UP, "connected to " + clients.settings().kafkaServers())
                : new Part(PRODUCER, Status.DOWN, problem);
    }

    private static Part subscription(Subscription s, @Nullable ConsumerEngine engine, boolean closed) {
        String name = s.toString();
        if (engine == null) {
            return closed ? new Part(name, Status.DOWN, "the application is closed")
                    : new Part(name, Status.STARTING, "not started: subscriptions start with initialize()");
        }
        Throwable failure = engine.failure();
        if (failure != null || engine.state() == ConsumerEngine.State.FAILED) {
            return new Part(name, Status.DOWN, "failed: " + Subscriptions.describe(failure)
                    + (failure == null ? "" : SecurityErrors.hint(failure)));
        }
        return switch (engine.state()) {
            case NEW -> new Part(name, Status.STARTING, "its consumer is starting");
            case RUNNING -> new Part(name, Status.UP, "consuming, " + engine.assignment().size()
                    + " partitions assigned");
            case STOPPED -> closed ? new Part(name, Status.DOWN, "the application is closed")
                    : new Part(name, Status.UP, "stopped by its handler (StopConsumer), not a failure");
            case FAILED -> new Part(name, Status.DOWN, "failed");
        };
    }
}
