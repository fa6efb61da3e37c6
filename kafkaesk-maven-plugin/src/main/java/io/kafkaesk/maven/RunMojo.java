package io.kafkaesk.maven;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;
import org.jspecify.annotations.Nullable;

/**
 * Runs the project's application as a worker, as the {@code kafkaesk} command does, until Ctrl-C:
 *
 * <pre>
 * mvn kafkaesk:run -Dkafkaesk.application=com.acme.Service#app
 * mvn kafkaesk:run -Dkafkaesk.application=com.acme.Service#app -Dkafkaesk.kafkaServers=localhost:9092
 * </pre>
 *
 * <p>The project is compiled first; the worker then runs inside Maven's JVM with the project's runtime class path
 * (its classes and runtime dependencies, as Maven resolved them) in a class loader of its own, so it sees its
 * kafkaesk, Kafka and logging versions and none of Maven's. Ctrl-C (SIGINT) stops it gracefully: records in flight
 * finish, offsets are committed, and the goal ends with BUILD SUCCESS. A worker that stops on its own (every
 * subscription stopped) ends the goal too.
 *
 * <p>Without {@code kafkaServers} the goal starts an in-process Kafka broker (kafkaesk-test's
 * {@code EmbeddedKafka}, on a free port, data deleted at the end), says so, and points the worker at it, whatever
 * servers the application sets: a local run never reaches a shared cluster by accident. The broker's code is
 * resolved then, not before (see {@code kafkaesk:broker}). For a broker that keeps its data between runs, start
 * {@code mvn kafkaesk:broker} in another terminal and pass {@code -Dkafkaesk.kafkaServers=localhost:9092}, or bind
 * {@code kafkaesk:broker} with {@code background} before this goal and pass
 * {@code <kafkaServers>${kafkaesk.broker.servers}</kafkaServers>}.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = false)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class RunMojo extends BrokerResolvingMojo {
    static final String MAIN_CLASS = "io.kafkaesk.cli.Main";

    /**
     * The application to run: a class and, optionally, its static field or no-argument static method that gives
     * the {@code Application}, as for the {@code kafkaesk} command. Required.
     *
     * <pre>{@code <application>com.acme.Service#app</application>}</pre>
     */
    @Parameter(property = "kafkaesk.application", required = true)
    private String application;

    /**
     * Kafka's bootstrap servers, {@code host:port[,host:port...]} ({@code --kafka-servers}). Default: none, which
     * starts an in-process broker for this run.
     *
     * <pre>{@code <kafkaServers>localhost:9092</kafkaServers>}</pre>
     */
    @Parameter(property = "kafkaesk.kafkaServers")
    private @Nullable String kafkaServers;

    /**
     * Extra Kafka client settings as a JSON object: SSL, SASL, tuning ({@code --kafka-settings}). Default: none.
     *
     * <pre>{@code <kafkaSettings>{"security.protocol":"SSL"}</kafkaSettings>}</pre>
     */
    @Parameter(property = "kafkaesk.kafkaSettings")
    private @Nullable String kafkaSettings;

    /**
     * The prefix of every topic name ({@code --topic-prefix}). Default: the application's own, else none.
     *
     * <pre>{@code <topicPrefix>dev.</topicPrefix>}</pre>
     */
    @Parameter(property = "kafkaesk.topicPrefix")
    private @Nullable String topicPrefix;

    /**
     * The replication factor of topics kafkaesk creates ({@code --replication-factor}). Default: the
     * application's, else the smaller of 3 and the number of brokers.
     *
     * <pre>{@code <replicationFactor>1</replicationFactor>}</pre>
     */
    @Parameter(property = "kafkaesk.replicationFactor")
    private @Nullable Integer replicationFactor;

    /**
     * Serve {@code GET /health} on this port; 0 picks a free one ({@code --health-port}). Default: no health
     * endpoint.
     *
     * <pre>{@code <healthPort>8080</healthPort>}</pre>
     */
    @Parameter(property = "kafkaesk.healthPort")
    private @Nullable Integer healthPort;

    /**
     * The address {@code /health} listens on ({@code --health-host}). Default: every interface.
     *
     * <pre>{@code <healthHost>127.0.0.1</healthHost>}</pre>
     */
    @Parameter(property = "kafkaesk.healthHost")
    private @Nullable String healthHost;

    /**
     * A static group member id, so that a restarted worker takes its partitions back at once
     * ({@code --instance-id}); {@code auto} uses the host name. Default: none (dynamic membership).
     *
     * <pre>{@code <instanceId>auto</instanceId>}</pre>
     */
    @Parameter(property = "kafkaesk.instanceId")
    private @Nullable String instanceId;

    /**
     * Skips the goal. Default {@code false}. Its own property, so that skipping it never skips code generation.
     *
     * <pre>{@code <skipRun>true</skipRun>}</pre>
     */
    @Parameter(property = "kafkaesk.run.skip", defaultValue = "false")
    private boolean skipRun;

    /** Created by Maven, which injects the repository system that resolves the in-process broker's code. */
    @Inject
    public RunMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipRun) {
            getLog().info("kafkaesk:run is skipped");
            return;
        }
        RunningBroker broker = null;
        String servers = kafkaServers;
        if (servers == null || servers.isBlank()) {
            BrokerLogging.quietKafka();
            getLog().info("No kafkaServers given (-Dkafkaesk.kafkaServers): starting an in-process Kafka broker "
                    + "for this run");
            broker = brokerKit().startEmbedded();
            servers = broker.bootstrapServers();
            getLog().info("In-process Kafka broker ready at " + servers + "; its data is deleted when the run ends");
        }
        try {
            int exit = runWorker(arguments(servers));
            if (exit != 0) {
                throw new MojoFailureException("The worker " + application + " ended with exit code " + exit
                        + (exit == 2 ? ": a parameter of kafkaesk:run cannot be used (see the message above)"
                                : ": see the messages above"));
            }
        } finally {
            if (broker != null) {
                broker.close(getLog());
            }
        }
    }

    /** The worker's command line, as {@code io.kafkaesk.cli.Main} reads it. */
    List<String> arguments(String servers) {
        List<String> args = new ArrayList<>(List.of(application, "--kafka-servers", servers));
        add(args, "--kafka-settings", kafkaSettings);
        add(args, "--topic-prefix", topicPrefix);
        add(args, "--replication-factor", replicationFactor);
        add(args, "--health-port", healthPort);
        add(args, "--health-host", healthHost);
        add(args, "--instance-id", instanceId);
        return args;
    }

    private static void add(List<String> args, String option, @Nullable Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }

    private int runWorker(List<String> args) throws MojoExecutionException, MojoFailureException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // The worker may choose its logging through SLF4J's system properties; they must not outlive it.
        Properties before = (Properties) System.getProperties().clone();
        try (URLClassLoader loader = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            MethodHandle main = workerMain(loader);
            thread.setContextClassLoader(loader);
            try {
                return (int) main.invokeExact(args, System.out, System.err);
            } catch (Throwable e) {
                // Main reports what it knows with an exit code; anything thrown is a bug or an error of the JVM.
                throw new MojoExecutionException("The worker " + application + " failed: " + e, e);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot close the worker's class loader: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
            for (String name : List.of("slf4j.provider", "slf4j.internal.verbosity")) {
                restore(before, name);
            }
        }
    }

    private static void restore(Properties before, String name) {
        String value = before.getProperty(name);
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    /** {@code int Main.run(List, PrintStream, PrintStream)} of the kafkaesk-runtime on the project's class path. */
    private MethodHandle workerMain(ClassLoader loader) throws MojoFailureException {
        try {
            Class<?> main = Class.forName(MAIN_CLASS, false, loader);
            return MethodHandles.publicLookup().findStatic(main, "run",
                    MethodType.methodType(int.class, List.class, PrintStream.class, PrintStream.class));
        } catch (ClassNotFoundException e) {
            throw new MojoFailureException("The project's runtime class path has no " + MAIN_CLASS + ": add the "
                    + "dependency io.kafkaesk:kafkaesk-runtime (scope compile) to run it with kafkaesk:run");
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new MojoFailureException("The kafkaesk-runtime on the project's class path is too old for "
                    + "kafkaesk:run (" + e + "): use the version of this plugin");
        }
    }

    private URL[] classPath() throws MojoExecutionException {
        try {
            List<String> elements = project().getRuntimeClasspathElements();
            URL[] urls = new URL[elements.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = new File(elements.get(i)).toURI().toURL();
            }
            getLog().debug("Worker class path: " + elements);
            return urls;
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("Cannot read the project's runtime class path: " + e, e);
        }
    }
}
