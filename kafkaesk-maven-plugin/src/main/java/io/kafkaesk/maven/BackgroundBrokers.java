package io.kafkaesk.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/**
 * Owns the brokers that {@code kafkaesk:broker} started in this Maven JVM and how they stop: whatever is still
 * running when the JVM exits (Ctrl-C, SIGTERM, the end of the run, a build that failed before the stop goal) is
 * stopped cleanly by a shutdown hook, so its data is consistent at the next start; {@code kafkaesk:broker-stop}
 * stops those started in the background before that.
 */
final class BackgroundBrokers {
    private static final List<RunningBroker> RUNNING = new ArrayList<>();

    private BackgroundBrokers() {}

    static synchronized void add(RunningBroker broker, Log log) {
        RUNNING.add(broker);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> broker.close(log), "kafkaesk-broker-stop"));
    }

    /** Stops every background broker, in the reverse order of their start; returns their servers. */
    static synchronized List<String> stopAll(Log log) {
        List<String> stopped = new ArrayList<>();
        for (int i = RUNNING.size() - 1; i >= 0; i--) {
            RunningBroker broker = RUNNING.remove(i);
            broker.close(log);
            stopped.add(broker.bootstrapServers());
        }
        return stopped;
    }
}
