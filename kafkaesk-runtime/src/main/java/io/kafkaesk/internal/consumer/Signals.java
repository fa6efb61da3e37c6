package io.kafkaesk.internal.consumer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches SIGTERM and SIGINT so that a graceful stop can end with exit status 0: the JVM's own handling runs
 * shutdown hooks and then exits with 143 or 130. Uses {@code sun.misc.Signal} (module {@code jdk.unsupported},
 * present on every HotSpot and OpenJ9 build) by reflection, so nothing breaks where it is missing; there,
 * {@link #install} returns an empty registration and the caller's shutdown hook is the fallback.
 */
public final class Signals implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);
    private static final String[] NAMES = {"TERM", "INT"};

    private final List<Object[]> previous; // {signal, previous handler}
    private final @Nullable Method handle;

    private Signals(List<Object[]> previous, @Nullable Method handle) {
        this.previous = previous;
        this.handle = handle;
    }

    /**
     * Runs {@code onSignal} (once per signal, on a JVM signal thread) when SIGTERM or SIGINT arrives, instead of
     * exiting. After the first signal the previous handlers are back, so a second Ctrl-C ends the JVM at once.
     */
    public static Signals install(Runnable onSignal) {
        List<Object[]> previous = new ArrayList<>();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Signals[] self = new Signals[1];
            InvocationHandler invocation = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "handle" -> {
                        log.info("Received SIG{}: stopping gracefully (send it again to exit at once)",
                                args == null ? "?" : signalName(args[0]));
                        if (self[0] != null) {
                            self[0].close();
                        }
                        onSignal.run();
                        return null;
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "equals" -> {
                        return args != null && proxy == args[0];
                    }
                    case "toString" -> {
                        return "kafkaesk graceful stop";
                    }
                    default -> {
                        return null;
                    }
                }
            };
            Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    invocation);
            for (String name : NAMES) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                try {
                    previous.add(new Object[] {signal, handle.invoke(null, signal, handler)});
                } catch (ReflectiveOperationException | RuntimeException e) {
                    log.debug("Cannot handle SIG{}: {}", name, e.toString());
                }
            }
            Signals signals = new Signals(previous, handle);
            self[0] = signals;
            return signals;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("Signal handling is not available ({}); relying on the shutdown hook", e.toString());
            return new Signals(List.of(), null);
        }
    }

    private static String signalName(Object signal) {
        try {
            return String.valueOf(signal.getClass().getMethod("getName").invoke(signal));
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }

    /** Puts the previous handlers back; idempotent. */
    @Override
    public synchronized void close() {
        if (handle == null) {
            return;
        }
        for (Object[] entry : previous) {
            try {
                handle.invoke(null, entry[0], entry[1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("Cannot restore a signal handler: {}", e.toString());
            }
        }
        previous.clear();
    }
}
