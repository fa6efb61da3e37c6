package io.kafkaesk.maven;

import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.logging.Log;

/** A broker started by {@link BrokerKit} and the class loader its code came from: closing stops both. */
final class RunningBroker {
    private final String bootstrapServers;
    private final AutoCloseable broker;
    private final BrokerClassLoader loader;
    private final CountDownLatch closed = new CountDownLatch(1);

    RunningBroker(String bootstrapServers, AutoCloseable broker, BrokerClassLoader loader) {
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
        this.loader = loader;
    }

    /** The {@code bootstrap.servers} value for clients. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker cleanly (a local broker keeps its data); calling it again does nothing. */
    synchronized void close(Log log) {
        if (closed.getCount() == 0) {
            return;
        }
        try {
            broker.close();
        } catch (Exception e) {
            log.warn("The Kafka broker at " + bootstrapServers + " did not stop cleanly: " + e);
        } finally {
            BrokerClassLoader.closeQuietly(loader, log);
            closed.countDown();
        }
    }

    /**
     * Blocks until the broker is closed: for a goal that runs a broker until Ctrl-C, when the shutdown hook of
     * {@link BackgroundBrokers} closes it.
     */
    void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
