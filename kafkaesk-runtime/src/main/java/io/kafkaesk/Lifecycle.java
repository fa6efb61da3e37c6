package io.kafkaesk;

import io.kafkaesk.internal.KafkaClients;
import io.kafkaesk.internal.ServerProbe;
import io.kafkaesk.internal.observe.Observers;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns an application's state from built to closed: its settings until it connects, its Kafka clients, whether
 * it started, and its start and stop hooks.
 *
 * <p>Two locks: {@code lifecycle} orders {@code initialize} and {@code close}, which may take seconds; {@code
 * connecting} guards only the creation of the clients, so a publish that connects never waits for an
 * {@code initialize} in progress on another thread.
 */
final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final Object lifecycle = new Object();
    private final Object connecting = new Object();
    private volatile ApplicationSettings settings;
    private volatile @Nullable Observers observers;
    private volatile @Nullable KafkaClients clients;
    private volatile boolean started;
    private volatile boolean closed;
    private final List<Runnable> startHooks = new CopyOnWriteArrayList<>();
    private final List<Runnable> stopHooks = new CopyOnWriteArrayList<>();

    Lifecycle(ApplicationSettings settings) {
        this.settings = settings;
        this.observers = Observers.of(settings.observers(), settings.topicPrefix());
    }

    ApplicationSettings settings() {
        return settings;
    }

    @Nullable Observers observers() {
        return observers;
    }

    /** The connected clients, or null when not connected (not yet, or closed). */
    @Nullable KafkaClients clients() {
        return clients;
    }

    boolean closed() {
        return closed;
    }

    /** See {@link Application#configure}. */
    void configure(Consumer<ApplicationSettings.Builder> changes) {
        synchronized (connecting) {
            if (clients != null || closed) {
                throw new IllegalStateException("configure(...) must be called before initialize() and the first "
                        + "publish: this application is already " + (closed ? "closed" : "connected"));
            }
            ApplicationSettings.Builder builder = settings.toBuilder();
            changes.accept(builder);
            ApplicationSettings changed = builder.settings();
            observers = Observers.of(changed.observers(), changed.topicPrefix());
            settings = changed;
        }
    }

    void onStart(Runnable hook) {
        startHooks.add(Objects.requireNonNull(hook, "hook"));
    }

    void onStop(Runnable hook) {
        stopHooks.add(Objects.requireNonNull(hook, "hook"));
    }

    /**
     * Fails at once when publishing cannot work: the application is closed, or has no servers to connect to.
     *
     * @throws IllegalStateException when closed
     * @throws KafkaeskException when {@code kafkaServers} is not set
     */
    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This application is closed: publish before close()");
        }
        if (clients == null) {
            settings.bootstrapServers(); // fails with the name of the missing setting
        }
    }

    /** The connected clients, creating them (and nothing else) on first use. */
    KafkaClients connect() {
        KafkaClients current = clients;
        if (current != null) {
            return current;
        }
        synchronized (connecting) {
            requireOpen();
            current = clients;
            if (current == null) {
                current = KafkaClients.connect(settings);
                clients = current;
                Observers observing = observers;
                if (observing != null) {
                    KafkaClients connected = current;
                    observing.producerConnected(() -> connected.producerProblem() == null);
                }
            }
            return current;
        }
    }

    /**
     * See {@link Application#initialize()}: checks the settings and that Kafka answers, connects unless a publish
     * did, runs {@code start} (streams, subscriptions), then the start hooks. When {@code start} fails, clients this
     * call created are closed again, so that a later call starts from the beginning.
     */
    void initialize(Consumer<KafkaClients> start) {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("This application is closed; build a new one to connect again");
            }
            if (started) {
                return;
            }
            ApplicationSettings current = settings;
            current.bootstrapServers(); // fails with the name of the missing setting
            boolean fresh = clients == null;
            if (fresh) {
                ServerProbe.check(current); // seconds, not the 30 s of a client timeout, to a named cause
            }
            KafkaClients connected = connect();
            try {
                start.accept(connected);
            } catch (RuntimeException e) {
                if (fresh) {
                    synchronized (connecting) {
                        clients = null;
                    }
                    connected.close();
                }
                throw e;
            }
            started = true;
            LOG.info("kafkaesk application initialized: {}", current);
            startHooks.forEach(Runnable::run);
        }
    }

    /**
     * See {@link Application#close()}: runs {@code stop} when started, then, when connected, the stop hooks and
     * {@code drain}, and closes the clients. Idempotent.
     */
    void close(Runnable stop, Runnable drain) {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            try {
                if (started) {
                    stop.run();
                }
                KafkaClients current = clients;
                if (current != null) {
                    for (Runnable hook : stopHooks) {
                        try {
                            hook.run();
                        } catch (RuntimeException e) {
                            LOG.error("An onStop hook failed; closing anyway", e);
                        }
                    }
                    drain.run();
                    current.close();
                }
            } finally {
                synchronized (connecting) {
                    closed = true;
                    clients = null;
                }
            }
        }
    }
}
