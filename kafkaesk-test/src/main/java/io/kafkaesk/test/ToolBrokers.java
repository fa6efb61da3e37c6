package io.kafkaesk.test;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Starts brokers for tools that load this module in a class loader of their own, so that Kafka's server code is
 * fetched only when a broker is wanted: {@code mvn kafkaesk:broker} and {@code mvn kafkaesk:run} (the Maven plugin
 * resolves kafkaesk-test of its own version on demand). Such a tool shares only the JDK's types with this module,
 * so each method takes and returns JDK types only, and these signatures stay stable.
 *
 * <p>Each method starts a broker, hands its {@code bootstrap.servers} value to {@code ready}, and returns what
 * stops it; a broker that cannot start throws {@link IllegalArgumentException} or {@link IllegalStateException}
 * with a message fit for the user.
 */
public final class ToolBrokers {
    private ToolBrokers() {}

    /** A {@link LocalBroker}: a fixed port, data kept in {@code dataDirectory} unless {@code fresh}. */
    public static AutoCloseable startLocal(int port, Path dataDirectory, boolean fresh, Consumer<String> ready) {
        LocalBroker broker = LocalBroker.builder().port(port).dataDirectory(dataDirectory).fresh(fresh).start();
        ready.accept(broker.bootstrapServers());
        return broker;
    }

    /** A one-node {@link EmbeddedKafka}: a free port, data deleted when it stops. */
    public static AutoCloseable startEmbedded(Consumer<String> ready) {
        EmbeddedKafka broker = EmbeddedKafka.start();
        ready.accept(broker.bootstrapServers());
        return broker;
    }
}
