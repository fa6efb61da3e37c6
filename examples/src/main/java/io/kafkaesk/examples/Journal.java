package io.kafkaesk.examples;

import io.kafkaesk.MessageContext;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.header.Header;

/** Prints what each part of the shop does and counts it, so the example knows when the story is over. */
final class Journal {
    private final PrintStream out;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    Journal(PrintStream out) {
        this.out = out;
    }

    void record(String who, MessageContext context, String what) {
        Header requestId = context.record().headers().lastHeader("x-request-id");
        String request = requestId == null ? "" : " [x-request-id=" + new String(requestId.value(),
                StandardCharsets.UTF_8) + "]";
        print(who, what + request);
        counts.computeIfAbsent(who, k -> new AtomicInteger()).incrementAndGet();
    }

    void print(String who, String what) {
        synchronized (out) {
            out.printf("%-14s %s%n", who, what);
        }
    }

    int count(String who) {
        AtomicInteger n = counts.get(who);
        return n == null ? 0 : n.get();
    }

    /** Polls {@code done} until it holds or {@code timeout} passes; returns whether it held. */
    static boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
