package io.kafkaesk.internal.consumer;

import io.kafkaesk.internal.observe.Observers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one subscription: a poll thread that owns the {@link KafkaConsumer} and its group membership, with
 * {@link PartitionWorkers} that process records and {@link Commits} that commit them. Over 400 lines because the
 * poll loop, flow control (pause, resume, the memory bound) and the rebalance callbacks share the poll thread's
 * state (assigned, paused and retiring partitions); splitting them would spread that state over classes.
 *
 * <p>The poll loop, in order, each iteration:
 * <ol>
 *   <li>polls (at most {@link EngineConfig#pollTimeout()}), which also runs rebalance callbacks;</li>
 *   <li>appends each partition's records to that partition's queue and schedules a drain on the pool, so one
 *       partition is never processed by two workers at once and up to {@code concurrency} partitions run in
 *       parallel;</li>
 *   <li>pauses partitions whose queue is full and resumes those that drained to half, so a slow handler never
 *       stops the poll loop and the member is never dropped for exceeding {@code max.poll.interval.ms};</li>
 *   <li>commits user-requested offsets at once and completed work every {@link EngineConfig#commitInterval()}
 *       when {@link EngineConfig#autoCommit()} ({@link Commits}).</li>
 * </ol>
 *
 * <p>On revocation, queued records of the revoked partitions are dropped, records in flight finish (bounded by
 * {@link EngineConfig#revocationTimeout()}, on stop {@link EngineConfig#shutdownTimeout()}), and completed work is
 * committed synchronously (within {@link #CLOSE_TIMEOUT}) before the partitions
 * move. Lost partitions are dropped without committing. On stop (close, a {@link Outcome.Kind#STOP} or
 * {@link Outcome.Kind#FAIL} outcome, a fatal consumer error) the same happens for every partition, then the
 * consumer leaves the group and closes. Only {@link OffsetTracker#committable() contiguous completed} offsets are
 * ever committed.
 */
public final class ConsumerEngine {
    /**
     * How long the last steps of a stop may take, after the records in flight: the final commit, then closing
     * the consumer (leaving the group), each at most this long, also while a group join is still in progress.
     */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** The life cycle of an engine. */
    public enum State {
        /** Created, not started. */
        NEW,
        /** Polling. */
        RUNNING,
        /** Stopped by close or by a handler's graceful stop request. */
        STOPPED,
        /** Stopped by a failure; see {@link #failure()}. */
        FAILED
    }

    private static final Logger log = LoggerFactory.getLogger(ConsumerEngine.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final EngineConfig config;
    private final String name;
    private final Map<TopicPartition, PartitionWork> partitions = new ConcurrentHashMap<>();
    private final Set<TopicPartition> paused = new LinkedHashSet<>();
    /**
     * Work of partitions this consumer gave up (lost, or revoked while a handler still ran past the shutdown
     * timeout) whose record may still be running; poll thread only. If such a partition comes back, it stays
     * paused until that record finishes, so two records of one partition never run at once.
     */
    private final Map<TopicPartition, PartitionWork> retiring = new HashMap<>();
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final PartitionWorkers workers;
    private final Commits commits;
    private volatile State state = State.NEW;
    private volatile boolean stopRequested;
    private @Nullable KafkaConsumer<byte[], byte[]> consumer;
    private @Nullable Thread pollThread;
    /** True while every partition is paused because the consumer as a whole holds its memory bound; poll thread. */
    private boolean overBudget;
    private Observers observers = Observers.NONE;

    /** Creates an engine; nothing connects until {@link #start()}. */
    public ConsumerEngine(EngineConfig config, RecordProcessor processor) {
        this.config = config;
        this.name = "kafkaesk-" + config.group() + "-" + SEQUENCE.incrementAndGet();
        this.workers = new PartitionWorkers(this, processor, config.concurrency());
        this.commits = new Commits(config, name);
    }

    /** Sets the metrics hooks; before {@link #start()}. (observe) */
    public void observe(Observers observers) {
        this.observers = observers;
    }

    /**
     * Creates the consumer (configuration errors surface here), subscribes and starts the poll thread.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("Consumer " + name + " was already started");
        }
        Map<String, Object> props = new HashMap<>(config.consumerProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, ConsumerSettings.DEFAULT_OFFSET_RESET);
        Object userClientId = props.get(ConsumerConfig.CLIENT_ID_CONFIG);
        // One id per client: consumers sharing one would collide in JMX and share quotas.
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, userClientId == null ? name : userClientId + "-" + name);
        // One fetch response never holds more than a quarter of the memory bound.
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                (int) Math.min(ConsumerConfig.DEFAULT_FETCH_MAX_BYTES, Math.max(1, config.maxQueuedBytes() / 4)));
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props);
        Listener listener = new Listener();
        try {
            if (config.pattern() != null) {
                c.subscribe(config.pattern(), listener);
            } else {
                c.subscribe(config.topics(), listener);
            }
        } catch (RuntimeException e) {
            c.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
        consumer = c;
        state = State.RUNNING;
        Thread t = new Thread(this::pollLoop, name + "-poll");
        t.setDaemon(true);
        pollThread = t;
        observers.consumerStarted(config.group(), name, () -> state == State.RUNNING);
        t.start();
    }

    /** Asks the poll loop to stop gracefully; returns at once. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Stops gracefully and waits: records in flight finish, completed work is committed, the consumer leaves the
     * group and closes.
     *
     * @return true when the engine terminated within {@code timeout}
     */
    public boolean close(Duration timeout) {
        requestStop();
        Thread t;
        synchronized (this) {
            t = pollThread;
            if (t == null) {
                state = State.STOPPED;
                terminated.countDown();
                workers.shutdown();
                return true;
            }
        }
        if (Thread.currentThread() == t) {
            return false;
        }
        return awaitTermination(timeout);
    }

    /** Waits until the poll thread has finished its shutdown. */
    public boolean awaitTermination(Duration timeout) {
        try {
            return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How this engine consumes. */
    public EngineConfig config() {
        return config;
    }

    /** The engine's state. */
    public State state() {
        return state;
    }

    /** Why the engine failed, or null. */
    public @Nullable Throwable failure() {
        return failure.get();
    }

    /** The name used for threads and the client id, for logs. */
    public String name() {
        return name;
    }

    /** The partitions currently assigned (a snapshot). */
    public Set<TopicPartition> assignment() {
        return Set.copyOf(partitions.keySet());
    }

    void fail(Throwable t) {
        if (failure.compareAndSet(null, t)) {
            log.error("Consumer {} of group {} ({}) stops after a failure", name, config.group(),
                    config.describeSource(), t);
        }
        stopRequested = true;
    }

    private void pollLoop() {
        KafkaConsumer<byte[], byte[]> c = requireConsumer();
        commits.start();
        try {
            while (!stopRequested) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = c.poll(config.pollTimeout());
                } catch (WakeupException e) {
                    continue;
                }
                dispatch(c, records);
                resumeDrained(c);
                commits.commitDue(c, partitions.values());
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            shutdown(c);
        }
    }

    private void dispatch(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        observers.polled(config.group(), records.count());
        long limit = partitionQueueLimit();
        for (TopicPartition tp : records.partitions()) {
            PartitionWork work = partitions.get(tp);
            if (work == null) {
                // Not ours any more; the records are fetched again by the partition's next owner.
                continue;
            }
            if (stillRetiring(tp)) {
                // The previous owner's record still runs: fetch these again once it finished.
                c.seek(tp, records.records(tp).get(0).offset());
                if (paused.add(tp)) {
                    c.pause(List.of(tp));
                }
                continue;
            }
            if (work.enqueue(records.records(tp))) {
                schedule(work);
            }
            if (work.queuedBytes() >= limit && paused.add(tp)) {
                c.pause(List.of(tp));
            }
        }
        if (!overBudget && queuedBytes() >= config.maxQueuedBytes()) {
            // The consumer's bound, whatever the number of partitions: fetch nothing more until half is handled.
            overBudget = true;
            List<TopicPartition> all = new ArrayList<>();
            for (TopicPartition tp : partitions.keySet()) {
                if (paused.add(tp)) {
                    all.add(tp);
                }
            }
            c.pause(all);
        }
    }

    /** The fetched records not yet taken by a worker, in bytes (approximately), over every partition. */
    public long queuedBytes() {
        long total = 0;
        for (PartitionWork work : partitions.values()) {
            total += work.queuedBytes();
        }
        return total;
    }

    /** True while a record of {@code tp} from an earlier assignment may still be running. */
    private boolean stillRetiring(TopicPartition tp) {
        PartitionWork old = retiring.get(tp);
        if (old == null) {
            return false;
        }
        if (old.awaitIdle(System.nanoTime())) {
            retiring.remove(tp);
            return false;
        }
        return true;
    }

    /**
     * How many fetched bytes one partition may hold before it is paused: the configured amount, shrunk when many
     * partitions are assigned to an equal share of {@link EngineConfig#maxQueuedBytes()}. There is no floor: a
     * partition whose share is smaller than one fetch is paused after each fetch and resumed once it drained, and
     * the consumer as a whole is paused whenever it holds its bound.
     */
    private long partitionQueueLimit() {
        long share = config.maxQueuedBytes() / Math.max(1, partitions.size());
        return Math.max(1, Math.min(config.maxQueuedBytesPerPartition(), share));
    }

    private void resumeDrained(KafkaConsumer<byte[], byte[]> c) {
        if (paused.isEmpty()) {
            return;
        }
        if (overBudget) {
            if (queuedBytes() > config.maxQueuedBytes() / 2) {
                return;
            }
            overBudget = false;
        }
        List<TopicPartition> resume = new ArrayList<>();
        long limit = partitionQueueLimit();
        for (Iterator<TopicPartition> it = paused.iterator(); it.hasNext(); ) {
            TopicPartition tp = it.next();
            PartitionWork work = partitions.get(tp);
            if (work == null) {
                it.remove();
            } else if (work.queuedBytes() <= limit / 2 && !stillRetiring(tp)) {
                it.remove();
                resume.add(tp);
            }
        }
        if (!resume.isEmpty()) {
            c.resume(resume);
        }
    }

    private void schedule(PartitionWork work) {
        workers.schedule(work);
    }

    /**
     * Cancels, waits for in-flight records up to {@code wait}, commits synchronously; the works must already be out
     * of the map. A record still running after {@code wait} is counted as an overrun (metric
     * {@code kafkaesk.rebalances} with {@code event=overrun}): its partition is let go while it runs.
     */
    private void finish(KafkaConsumer<byte[], byte[]> c, Collection<PartitionWork> works, String why,
            Duration wait) {
        if (works.isEmpty()) {
            return;
        }
        works.forEach(PartitionWork::cancel);
        long deadline = System.nanoTime() + wait.toNanos();
        int overruns = 0;
        for (PartitionWork work : works) {
            if (!work.awaitIdle(deadline)) {
                log.warn("Consumer {} of group {}: a record of {} still runs after {} ({}); its partition is let go"
                        + " while it runs, and it is not committed and will be delivered again", name,
                        config.group(), work.partition, wait, why);
                retiring.put(work.partition, work);
                overruns++;
            }
        }
        if (overruns > 0) {
            observers.rebalanced(config.group(), "overrun", overruns);
        }
        commits.commitNow(c, works, why);
    }

    private void shutdown(KafkaConsumer<byte[], byte[]> c) {
        try {
            List<PartitionWork> all = new ArrayList<>(partitions.values());
            partitions.clear();
            paused.clear();
            overBudget = false;
            retiring.clear();
            finish(c, all, "close", config.shutdownTimeout());
        } catch (Throwable t) {
            fail(t);
        }
        try {
            c.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (Throwable t) {
            log.warn("Consumer {} of group {} did not close cleanly", name, config.group(), t);
        }
        workers.terminate();
        state = failure.get() == null ? State.STOPPED : State.FAILED;
        terminated.countDown();
        log.debug("Consumer {} of group {} stopped ({})", name, config.group(), state);
    }

    private KafkaConsumer<byte[], byte[]> requireConsumer() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c == null) {
            throw new IllegalStateException("Consumer " + name + " is not started");
        }
        return c;
    }

    /** Runs on the poll thread, inside poll() and close(). */
    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            List<PartitionWork> works = take(revoked);
            log.debug("Consumer {} of group {}: revoked {}", name, config.group(), revoked);
            if (!revoked.isEmpty()) {
                observers.rebalanced(config.group(), "revoked", revoked.size());
            }
            finish(requireConsumer(), works, "revocation", config.revocationTimeout());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            log.debug("Consumer {} of group {}: assigned {}", name, config.group(), assigned);
            if (!assigned.isEmpty()) {
                observers.rebalanced(config.group(), "assigned", assigned.size());
            }
            for (TopicPartition tp : assigned) {
                partitions.computeIfAbsent(tp, PartitionWork::new);
            }
            if (overBudget && !assigned.isEmpty()) {
                // The consumer holds its bound: new partitions wait like the others.
                paused.addAll(assigned);
                requireConsumer().pause(assigned);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            log.warn("Consumer {} of group {}: lost {}; their uncommitted work will be delivered again", name,
                    config.group(), lost);
            for (PartitionWork work : take(lost)) {
                work.cancel();
                retiring.put(work.partition, work);
            }
            observers.rebalanced(config.group(), "lost", lost.size());
        }

        private List<PartitionWork> take(Collection<TopicPartition> tps) {
            List<PartitionWork> works = new ArrayList<>();
            for (TopicPartition tp : tps) {
                PartitionWork work = partitions.remove(tp);
                paused.remove(tp);
                if (work != null) {
                    works.add(work);
                }
            }
            return works;
        }
    }
}
