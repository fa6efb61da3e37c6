package io.kafkaesk.maven;

import io.kafkaesk.test.LocalBroker;
import java.io.File;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs a Kafka broker for local development until Ctrl-C, as {@code kafkaesk broker} does: one KRaft node inside
 * Maven's JVM (kafkaesk-test's {@code LocalBroker}), no installation, no Docker.
 *
 * <pre>
 * mvn kafkaesk:broker                                   # localhost:9092, data in ~/kafkaesk-broker
 * mvn kafkaesk:broker -Dkafkaesk.port=19092 -Dkafkaesk.fresh
 * </pre>
 *
 * <p>Its data survives restarts (topics, records, committed offsets) unless {@code fresh} is set. It needs no
 * project: run it anywhere as {@code mvn io.kafkaesk:kafkaesk-maven-plugin:<version>:broker}.
 */
@Mojo(name = "broker", requiresProject = false, threadSafe = true)
public class BrokerMojo extends AbstractMojo {
    /**
     * The client port on {@code localhost}. Default {@code 9092}.
     *
     * <pre>{@code <port>9092</port>}</pre>
     */
    @Parameter(property = "kafkaesk.port", defaultValue = "9092")
    private int port;

    /**
     * Where the broker keeps its data, kept across restarts. Default {@code ${user.home}/kafkaesk-broker}.
     *
     * <pre>{@code <dataDirectory>${user.home}/kafkaesk-broker</dataDirectory>}</pre>
     */
    @Parameter(property = "kafkaesk.dataDirectory", defaultValue = "${user.home}/kafkaesk-broker")
    private File dataDirectory;

    /**
     * Deletes the data directory before starting, to begin with no topics. Default {@code false}.
     *
     * <pre>{@code <fresh>true</fresh>}</pre>
     */
    @Parameter(property = "kafkaesk.fresh", defaultValue = "false")
    private boolean fresh;

    @Override
    public void execute() throws MojoFailureException {
        BrokerLogging.quietKafka();
        LocalBroker broker;
        try {
            broker = LocalBroker.builder().port(port).dataDirectory(dataDirectory.toPath()).fresh(fresh).start();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new MojoFailureException("kafkaesk:broker cannot start (kafkaesk.port=" + port
                    + ", kafkaesk.dataDirectory=" + dataDirectory + "): " + e.getMessage(), e);
        }
        getLog().info("Kafka is ready at " + broker.bootstrapServers() + " (data in " + broker.dataDirectory()
                + "); Ctrl-C stops it");
        broker.awaitJvmShutdown();
    }
}
