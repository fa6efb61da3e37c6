package io.kafkaesk.spring;

import io.kafkaesk.Application;
import io.kafkaesk.spring.internal.ListenerRegistrar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the kafkaesk application with the Spring context: on start it subscribes every
 * {@link KafkaeskListener} bean, then initializes the application (which creates the declared streams and starts
 * the consumers); on shutdown it closes the application, which stops the consumers first (records in flight
 * finish, handled offsets are committed), then flushes and closes the producer.
 *
 * <p>Its phase, {@link #PHASE}, is high: it starts after the other lifecycle beans (a web server among them) and
 * stops before them, so no record is taken once shutdown begins and handlers can still use what they need. The
 * stop runs asynchronously within Spring's {@code spring.lifecycle.timeout-per-shutdown-phase}; once the context
 * is stopped, publishing fails with an {@link IllegalStateException}.
 *
 * <p>A closed application cannot start again, so this bean is not {@linkplain #isPauseable() pauseable}: when the
 * Spring test framework pauses a cached context that no test uses at the moment, the subscriptions keep running,
 * and the context's restart finds them running instead of failing.
 */
public class KafkaeskLifecycle implements SmartLifecycle {
    /** The lifecycle phase: stops first, like Spring's own message listener containers. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 100;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaeskLifecycle.class);

    private final Application application;
    private final ListenerRegistrar listeners;
    private final boolean autoStartup;
    private volatile boolean running;

    /** Creates the lifecycle of {@code application}, subscribing what {@code listeners} found when it starts. */
    public KafkaeskLifecycle(Application application, ListenerRegistrar listeners, boolean autoStartup) {
        this.application = application;
        this.listeners = listeners;
        this.autoStartup = autoStartup;
    }

    @Override
    public void start() {
        listeners.subscribeAll(application);
        application.initialize();
        running = true;
    }

    @Override
    public void stop() {
        try {
            application.close();
        } finally {
            running = false;
        }
    }

    @Override
    public void stop(Runnable callback) {
        Thread stopping = new Thread(() -> {
            try {
                stop();
            } catch (RuntimeException e) {
                LOG.error("kafkaesk application did not close cleanly", e);
            } finally {
                callback.run();
            }
        }, "kafkaesk-shutdown");
        stopping.start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Never: stopping closes the application for good (see the class comment). */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
