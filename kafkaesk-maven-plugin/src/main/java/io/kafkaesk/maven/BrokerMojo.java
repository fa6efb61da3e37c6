package io.kafkaesk.maven;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * Runs a Kafka broker for local development, as {@code kafkaesk broker} does: one KRaft node inside Maven's JVM
 * (kafkaesk-test's {@code LocalBroker}), no installation, no Docker. By default it runs until Ctrl-C; with
 * {@code background} it starts the broker and returns, so that later goals of the same Maven run use it, until
 * {@code kafkaesk:broker-stop} or the end of the run stops it.
 *
 * <pre>
 * mvn kafkaesk:broker                                   # localhost:9092, data in ~/kafkaesk-broker
 * mvn kafkaesk:broker -Dkafkaesk.port=19092 -Dkafkaesk.fresh
 * </pre>
 *
 * <p>Its data survives restarts (topics, records, committed offsets) unless {@code fresh} is set. It needs no
 * project: run it anywhere as {@code mvn io.kafkaesk:kafkaesk-maven-plugin:<version>:broker}. The broker's code
 * (kafkaesk-test and Kafka's server, about 100 MB) is resolved when the goal first runs, never for code generation.
 * Once the broker serves clients, the project property {@value #SERVERS_PROPERTY} holds its {@code bootstrap.servers}
 * value, for later goals: {@code <kafkaServers>${kafkaesk.broker.servers}</kafkaServers>}.
 */
@Mojo(name = "broker", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false,
        threadSafe = true)
public class BrokerMojo extends BrokerResolvingMojo {
    /** The project property that holds the started broker's {@code bootstrap.servers} value. */
    static final String SERVERS_PROPERTY = "kafkaesk.broker.servers";

    /**
     * The client port on {@code localhost}; {@code 0} picks a free one (read it from {@value #SERVERS_PROPERTY}).
     * Default {@code 9092}.
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

    /**
     * Starts the broker and returns instead of waiting for Ctrl-C: it serves the rest of the Maven run (e.g.
     * {@code kafkaesk:run} or integration tests) and stops at {@code kafkaesk:broker-stop} or when Maven exits.
     * Default {@code false}.
     *
     * <pre>{@code <background>true</background>}</pre>
     */
    @Parameter(property = "kafkaesk.broker.background", defaultValue = "false")
    private boolean background;

    /**
     * Skips the goal (and {@code kafkaesk:broker-stop}). Default {@code false}.
     *
     * <pre>{@code <skipBroker>true</skipBroker>}</pre>
     */
    @Parameter(property = "kafkaesk.broker.skip", defaultValue = "false")
    private boolean skipBroker;

    /** Created by Maven, which injects the repository system that resolves the broker's code. */
    @Inject
    public BrokerMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipBroker) {
            getLog().info("kafkaesk:broker is skipped");
            return;
        }
        BrokerLogging.quietKafka();
        int chosenPort = port == 0 ? freePort() : port;
        RunningBroker broker;
        try {
            broker = brokerKit().startLocal(chosenPort, dataDirectory.toPath(), fresh);
        } catch (MojoFailureException e) {
            throw new MojoFailureException("kafkaesk:broker cannot start (kafkaesk.port=" + port
                    + ", kafkaesk.dataDirectory=" + dataDirectory + "): " + e.getMessage(), e);
        }
        project().getProperties().setProperty(SERVERS_PROPERTY, broker.bootstrapServers());
        BackgroundBrokers.add(broker, getLog());
        if (background) {
            getLog().info("Kafka is ready at " + broker.bootstrapServers() + " (data in " + dataDirectory
                    + "), in the background until kafkaesk:broker-stop or the end of this run");
            return;
        }
        getLog().info("Kafka is ready at " + broker.bootstrapServers() + " (data in " + dataDirectory
                + "); Ctrl-C stops it");
        broker.awaitClose();
    }

    private static int freePort() throws MojoExecutionException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new MojoExecutionException("No free port for kafkaesk:broker (kafkaesk.port=0): " + e, e);
        }
    }
}
