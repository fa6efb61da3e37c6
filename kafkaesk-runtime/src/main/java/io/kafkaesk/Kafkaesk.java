package io.kafkaesk;

import io.kafkaesk.internal.consumer.Signals;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an application as a worker process, the way {@code kafkaesk module:app} runs one in Python.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Application app = Application.builder().kafkaServers("localhost:9092").build();
 *     app.subscribe("content.*", "indexer", new ContentIndexer());
 *     Kafkaesk.run(app);   // returns after SIGTERM/SIGINT, with offsets committed: the process exits 0
 * }
 * }</pre>
 */
public final class Kafkaesk {
    private static final Logger log = LoggerFactory.getLogger(Kafkaesk.class);
    private static final Duration HOOK_WAIT = Duration.ofSeconds(60);

    private Kafkaesk() {}

    /**
     * Initializes the application (which starts its subscriptions) and blocks until it should stop, then closes
     * it.
     *
     * <p>It stops on SIGTERM or SIGINT (records in flight finish, handled offsets are committed, consumers leave
     * their groups, the producer is flushed and closed) and then returns normally, so {@code main} ends and the
     * process exits 0. It also stops, and returns, when every subscription has stopped by itself
     * ({@link StopConsumer}); a subscription stopped that way leaves the others running, on purpose. As soon as
     * any subscription dies (its retry policy said stop, a dead letter could not be written, an {@link Error},
     * its consumer failed) the others are stopped gracefully and this method throws, so that {@code main} ends
     * with an error and the worker is restarted; {@code healthCheck()} (and the worker's {@code /health}) names
     * the dead subscription and why from the moment it dies. A stop takes at most each subscription's shutdown
     * timeout (records in flight) plus 10 s (the final commit, then leaving the group, 5 s each), also while a
     * group join is in progress. A JVM shutdown for any other reason ({@code System.exit}, SIGHUP) closes the
     * application the same way from a shutdown hook. Closing the application from another thread also makes it
     * return. Signal handlers are process-wide: run one application per JVM this way, from {@code main}.
     *
     * @throws ConsumerUnhealthyException after closing, when a subscription died (its retry policy said stop, or
     *     its consumer failed): the worker should exit with an error so that it is restarted
     * @throws KafkaeskException when the application cannot initialize
     */
    public static void run(Application app) {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                if (!closed.await(HOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("kafkaesk application did not close within {} of JVM shutdown", HOOK_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kafkaesk-shutdown");
        Signals signals = Signals.install(stop::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        List<String> problems = List.of();
        try {
            app.initialize();
            Subscriptions subscriptions = app.subscriptionRegistry();
            while (!stop.await(100, TimeUnit.MILLISECONDS)) {
                List<String> dead = subscriptions.problems();
                if (!dead.isEmpty()) {
                    log.error("A subscription died; stopping the others and the worker: {}", String.join("; ", dead));
                    break;
                }
                if (subscriptions.allTerminated()) {
                    log.info("Every subscription has stopped; closing the application");
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                app.close();
            } finally {
                // After close: a subscription that failed while draining on stop counts too.
                problems = app.subscriptionRegistry().problems();
                closed.countDown();
                removeHook(hook);
                signals.close();
            }
        }
        if (!problems.isEmpty()) {
            throw new ConsumerUnhealthyException(problems);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running, and returns once closed is counted down.
        }
    }
}
