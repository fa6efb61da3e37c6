package io.kafkaesk.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the thread that completes the futures of sends, off the producer's I/O thread, in the order the producer
 * acknowledged them. Acknowledgements queue as they arrive and one task at a time drains the queue, so the
 * callbacks of a whole batch wake that thread once, not once a record.
 *
 * <p>Thread-safe.
 */
final class SendCompletions {
    private static final Logger LOG = LoggerFactory.getLogger(SendCompletions.class);

    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    /** True from the moment a drain is handed to the thread until it has found the queue empty. */
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile @Nullable Thread thread;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kafkaesk-publish-completions");
        thread = t;
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs {@code completion} on the completions thread after every one added before it; once {@link #close()}d,
     * on the caller's thread, still in order.
     */
    void add(Runnable completion) {
        pending.add(completion);
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException closed) {
                drain(); // the producer's last callbacks, after close
            }
        }
    }

    /**
     * Runs what is queued until the queue stays empty; only one drain runs at a time. A completion that throws,
     * even an {@link Error} from a caller's callback, is logged and the rest run: the thread must not die with
     * completions still queued behind it.
     */
    private void drain() {
        do {
            Runnable next;
            while ((next = pending.poll()) != null) {
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("A publish completion failed", e);
                }
            }
            draining.set(false);
        } while (!pending.isEmpty() && draining.compareAndSet(false, true));
    }

    /**
     * Waits until everything added so far has run, unless called on the completions thread itself (from a
     * future's callback), which would wait for itself.
     */
    void await() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            // One thread runs the drains in order: once this no-op runs, every drain handed over before it has.
            executor.submit(() -> { }).get();
        } catch (RejectedExecutionException e) {
            // Closed: what is added now runs on the adding thread.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("A no-op task failed", e);
        }
    }

    /** Lets what is queued run, then stops the thread; later completions run on the thread that adds them. */
    void close() {
        executor.shutdown();
    }
}
