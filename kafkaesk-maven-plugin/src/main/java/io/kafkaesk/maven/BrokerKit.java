package io.kafkaesk.maven;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.jspecify.annotations.Nullable;

/**
 * Owns the way kafkaesk:broker and kafkaesk:run reach Kafka's broker: the plugin does not depend on it (code
 * generation would download it, about 100 MB), so this resolves kafkaesk-test of the plugin's own version, with its
 * runtime dependencies, through Maven's repository system when a broker is wanted, loads it in a class loader of
 * its own, and calls {@code io.kafkaesk.test.ToolBrokers}, whose methods take and return JDK types only.
 */
final class BrokerKit {
    static final String GROUP_ID = "io.kafkaesk";
    static final String ARTIFACT_ID = "kafkaesk-test";
    static final String ENTRY_CLASS = "io.kafkaesk.test.ToolBrokers";
    private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");

    private final RepositorySystem repositorySystem;
    private final RepositorySystemSession repositorySession;
    private final List<RemoteRepository> repositories;
    private final String version;
    private final Log log;

    BrokerKit(RepositorySystem repositorySystem, RepositorySystemSession repositorySession,
            List<RemoteRepository> repositories, String version, Log log) {
        this.repositorySystem = repositorySystem;
        this.repositorySession = repositorySession;
        this.repositories = repositories;
        this.version = version;
        this.log = log;
    }

    /** Starts {@code LocalBroker}: a fixed port, data kept in the directory unless {@code fresh}. */
    RunningBroker startLocal(int port, Path dataDirectory, boolean fresh)
            throws MojoExecutionException, MojoFailureException {
        return start("startLocal", MethodType.methodType(AutoCloseable.class, int.class, Path.class, boolean.class,
                Consumer.class), port, dataDirectory, fresh);
    }

    /** Starts a one-node {@code EmbeddedKafka} on a free port; its data is deleted when it stops. */
    RunningBroker startEmbedded() throws MojoExecutionException, MojoFailureException {
        return start("startEmbedded", MethodType.methodType(AutoCloseable.class, Consumer.class));
    }

    private RunningBroker start(String method, MethodType type, Object... arguments)
            throws MojoExecutionException, MojoFailureException {
        BrokerClassLoader loader = new BrokerClassLoader(classPath());
        AtomicReference<String> servers = new AtomicReference<>();
        List<Object> all = new ArrayList<>(List.of(arguments));
        all.add((Consumer<String>) servers::set);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            MethodHandle start = MethodHandles.publicLookup()
                    .findStatic(Class.forName(ENTRY_CLASS, true, loader), method, type);
            AutoCloseable broker = (AutoCloseable) start.invokeWithArguments(all);
            return new RunningBroker(servers.get(), broker, loader);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            BrokerClassLoader.closeQuietly(loader, log);
            throw new MojoExecutionException(GROUP_ID + ":" + ARTIFACT_ID + ":" + version + " has no " + ENTRY_CLASS
                    + "." + method + type + ": use kafkaesk-test of the plugin's version (" + e + ")", e);
        } catch (RuntimeException e) {
            BrokerClassLoader.closeQuietly(loader, log);
            throw new MojoFailureException(e.getMessage(), e);
        } catch (Throwable e) {
            BrokerClassLoader.closeQuietly(loader, log);
            throw new MojoExecutionException("The Kafka broker failed to start: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Whether a node is on kafkaesk-test's runtime class path: the root's own test-scoped and optional dependencies
     * (JUnit's engine, Testcontainers, Bouncy Castle) and what they bring are not.
     */
    private static boolean onRuntimePath(DependencyNode node, List<DependencyNode> parents) {
        if (!runtime(node.getDependency())) {
            return false;
        }
        for (DependencyNode parent : parents) {
            if (!runtime(parent.getDependency())) {
                return false;
            }
        }
        return true;
    }

    private static boolean runtime(@Nullable Dependency dependency) {
        return dependency == null
                || !dependency.isOptional() && RUNTIME_SCOPES.contains(dependency.getScope());
    }

    /** kafkaesk-test and its runtime dependencies, resolved from the project's repositories. */
    private URL[] classPath() throws MojoExecutionException {
        DefaultArtifact artifact = new DefaultArtifact(GROUP_ID, ARTIFACT_ID, "jar", version);
        // kafkaesk-test as the root: its own dependency management applies, so the broker runs on the versions
        // kafkaesk-test was built and tested with.
        CollectRequest collect = new CollectRequest(new Dependency(artifact, "runtime"), repositories);
        List<ArtifactResult> results;
        try {
            log.debug("Resolving " + artifact + " for the Kafka broker");
            results = repositorySystem.resolveDependencies(repositorySession, new DependencyRequest(collect, BrokerKit::onRuntimePath))
                    .getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException("Cannot resolve " + artifact + ", which holds the Kafka broker of "
                    + "kafkaesk:broker and kafkaesk:run: " + e.getMessage(), e);
        }
        List<URL> urls = new ArrayList<>();
        for (ArtifactResult result : results) {
            File file = result.getArtifact().getFile();
            try {
                urls.add(file.toURI().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("Cannot use " + file + " on the broker's class path: " + e, e);
            }
        }
        log.debug("Broker class path: " + urls);
        return urls.toArray(URL[]::new);
    }
}
