package io.kafkaesk.security;

import io.kafkaesk.EnvelopeHandler;
import io.kafkaesk.MessageContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** An envelope handler that keeps what it is given, and waits with a deadline. */
final class Received implements EnvelopeHandler {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    final List<JsonNode> envelopes = new CopyOnWriteArrayList<>();

    @Override
    public void handle(JsonNode envelope, MessageContext context) {
        envelopes.add(envelope);
    }

    /** The ids in the data of the envelopes received so far. */
    List<String> ids() {
        return envelopes.stream().map(e -> e.path("data").path("id").asString()).toList();
    }

    /** Waits until {@code count} envelopes arrived; fails with what did at the deadline. */
    void await(int count) throws InterruptedException {
        awaitCondition(count + " envelopes", () -> envelopes.size() >= count ? Boolean.TRUE : null);
    }

    /** Polls until the supplier gives a value; fails at the deadline. */
    static <T> T awaitCondition(String what, Supplier<T> condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            T value = condition.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + DEADLINE.toSeconds() + " s waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
