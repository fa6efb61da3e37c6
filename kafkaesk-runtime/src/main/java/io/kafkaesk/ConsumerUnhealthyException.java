package io.kafkaesk;

import java.util.List;

/** Thrown by {@link Application#healthCheck()} when a subscription's consumer has died; lists each one and why. */
public class ConsumerUnhealthyException extends KafkaeskException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** Creates the exception from one line per dead consumer. */
    public ConsumerUnhealthyException(List<String> problems) {
        super("Unhealthy: " + problems.size() + (problems.size() == 1 ? " consumer has" : " consumers have")
                + " died: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per dead consumer: the subscription and why it died. */
    public List<String> problems() {
        return problems;
    }
}
