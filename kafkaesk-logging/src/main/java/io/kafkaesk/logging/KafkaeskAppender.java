package io.kafkaesk.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.kafkaesk.Application;
import io.kafkaesk.SchemaValidationException;
import io.kafkaesk.logging.record.LogRecord;
import io.kafkaesk.logging.record.LogRecordSchema;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

/**
 * A Logback appender that publishes every log event as a structured log record (schema
 * {@code schemas/kafkaesk/log-record.json}, key {@code PydanticLogModel:1}, the key and field meanings of Python
 * kafkaesk's logging extension) to a kafkaesk stream, without ever blocking or slowing the application.
 *
 * <pre>{@code
 * <appender name="KAFKA" class="io.kafkaesk.logging.KafkaeskAppender">
 *   <kafkaServers>kafka-1:9092,kafka-2:9092</kafkaServers>
 *   <stream>logs.orders</stream>
 *   <topicPrefix>prod.</topicPrefix>                       <!-- optional -->
 *   <kafkaSetting>security.protocol=SSL</kafkaSetting>     <!-- optional, repeatable -->
 * </appender>
 * }</pre>
 *
 * or, publishing through an application the program already has:
 *
 * <pre>{@code
 * KafkaeskAppender appender = KafkaeskAppender.attach(app, "logs.orders");   // started, added to the root logger
 * }</pre>
 *
 * <p><b>Never blocking.</b> {@link #append} turns the event into a record and offers it to a bounded queue
 * ({@link #setQueueSize queueSize}, 10,000 by default); a background thread publishes from the queue. When the queue
 * is full the record is dropped and counted ({@link #dropped()}), and a warning goes to standard error at most
 * once every 30 seconds. At most as many records as the queue holds are in flight (published, not yet
 * acknowledged): beyond that the sender waits, so the queue fills and memory stays bounded while Kafka is slow or
 * away. Nothing starts until the first event: the sender thread, and in the logback.xml form the
 * appender's own small {@link Application}, are created then, on the sender thread.
 *
 * <p><b>Kafka down.</b> The producer keeps records while the broker is away and delivers them when it is back;
 * a record the producer gives up on (after the publish timeout) is published again, up to
 * {@link #setMaxAttempts maxAttempts} times, then dropped and counted ({@link #failed()}). The sender never dies:
 * the appender recovers by itself when the broker comes back.
 *
 * <p><b>Close.</b> {@link #stop()} (Logback's shutdown, or the logger context's stop) publishes what is queued,
 * waiting at most {@link #setCloseTimeoutMillis closeTimeoutMillis}, then closes the appender's own application. An
 * attached application is not closed by the appender; instead, closing it first drains the appender's queue (a
 * {@code onStop} hook).
 *
 * <p><b>No recursion.</b> Events of the {@code io.kafkaesk}, {@code org.apache.kafka} and {@code kafka} loggers,
 * and every event logged on the sender thread, are ignored: publishing must never log into itself.
 *
 * <p>Fields: see {@link LogRecord}; context fields (MDC, key-value pairs, message objects passed as arguments) are
 * added as further top-level properties, as {@code LogRecords} describes.
 *
 * <p>Over 400 lines because Logback configures an appender through its bean properties: the settings, the
 * queue and its sender thread belong to the one class Logback creates (the mapping of an event is in LogRecords).
 */
public class KafkaeskAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final Duration WARNING_INTERVAL = Duration.ofSeconds(30);
    private static final List<String> IGNORED_LOGGERS = List.of("io.kafkaesk.", "org.apache.kafka.", "kafka.");
    private static final ThreadLocal<Boolean> SENDER = ThreadLocal.withInitial(() -> false);

    // Configuration (logback.xml setters or the programmatic ones), read when the appender starts.
    private @Nullable String kafkaServers;
    private String topicPrefix = "";
    private @Nullable String stream;
    private final Map<String, Object> kafkaSettings = new LinkedHashMap<>();
    private int queueSize = 10_000;
    private int maxAttempts = 3;
    private long publishTimeoutMillis = 30_000;
    private long closeTimeoutMillis = 10_000;
    private boolean includeCallerData;
    private @Nullable Application attached;

    // State.
    private volatile @Nullable BlockingQueue<Entry> queue;
    private volatile @Nullable Thread sender;
    private volatile boolean stopping;
    private volatile @Nullable Application application;
    private final Object idle = new Object();
    private int inFlight; // guarded by idle
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastWarningNanos = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos() - 1);

    /** A queued record and how many times it was handed to the producer. */
    private record Entry(LogRecord.Builder record, int attempts) {}

    /** Creates an appender to configure with setters (Logback does this from logback.xml). */
    public KafkaeskAppender() {}

    /**
     * Creates, starts and adds to the root logger an appender that publishes through an existing application.
     *
     * @param application the application to publish with; the appender never closes it, and closing it (once it
     *     is connected) publishes the appender's queue first
     * @param stream the stream to publish log records to
     * @return the started appender, already added to the root logger of the Logback context
     */
    public static KafkaeskAppender attach(Application application, String stream) {
        ch.qos.logback.classic.LoggerContext context =
                (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        KafkaeskAppender appender = new KafkaeskAppender();
        appender.setContext(context);
        appender.setName("kafkaesk");
        appender.setApplication(application);
        appender.setStream(stream);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    // ---- Configuration ----

    /** Kafka bootstrap servers, comma-separated; required unless an application is attached. */
    public void setKafkaServers(String kafkaServers) {
        this.kafkaServers = kafkaServers;
    }

    /** The topic prefix of the appender's own application; default empty. */
    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    /** The stream log records go to (the topic is the application's prefix plus this); required. */
    public void setStream(String stream) {
        this.stream = stream;
    }

    /** A Kafka client property for the appender's own application, as {@code name=value}; repeatable. */
    public void addKafkaSetting(String setting) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
            // The text is not repeated: a malformed setting may hold a password.
            addError("Invalid kafkaSetting (" + setting.length() + " characters, no '=' after a name): write it as"
                    + " name=value, e.g. <kafkaSetting>security.protocol=SASL_SSL</kafkaSetting>");
            return;
        }
        kafkaSettings.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
    }

    /** How many records may wait for the sender; default 10,000. Beyond that, records are dropped. */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** How many times a record is handed to the producer before it is dropped; default 3. */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** The publish timeout of the appender's own application, in milliseconds; default 30,000. */
    public void setPublishTimeoutMillis(long publishTimeoutMillis) {
        this.publishTimeoutMillis = publishTimeoutMillis;
    }

    /** How long {@link #stop()} waits for queued records to be published; default 10,000 ms. */
    public void setCloseTimeoutMillis(long closeTimeoutMillis) {
        this.closeTimeoutMillis = closeTimeoutMillis;
    }

    /**
     * Whether each record's {@code trace} holds the call stack where the event was logged, as Python's
     * {@code stack_info=True} does; default false (computing it costs a stack walk per event).
     */
    public void setIncludeCallerData(boolean includeCallerData) {
        this.includeCallerData = includeCallerData;
    }

    /** Publishes through this application instead of creating one; set before {@link #start()}. */
    public void setApplication(Application application) {
        this.attached = application;
    }

    // ---- Counters ----

    /** Records queued for publishing so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Records the broker acknowledged. */
    public long published() {
        return published.get();
    }

    /** Records dropped after {@code maxAttempts} failed publishes (or because the application refused them). */
    public long failed() {
        return failed.get();
    }

    // ---- Lifecycle ----

    @Override
    public void start() {
        int errors = 0;
        if (stream == null || stream.isBlank()) {
            addError("No stream set for the appender named [" + name + "]: add <stream>logs.my-service</stream>");
            errors++;
        }
        if (attached == null && (kafkaServers == null || kafkaServers.isBlank())) {
            addError("No kafkaServers set for the appender named [" + name + "]: add "
                    + "<kafkaServers>host:9092</kafkaServers> or attach an Application");
            errors++;
        }
        if (queueSize < 1 || maxAttempts < 1 || publishTimeoutMillis < 1 || closeTimeoutMillis < 0) {
            addError("Invalid settings for the appender named [" + name + "]: queueSize, maxAttempts and "
                    + "publishTimeoutMillis must be 1 or more, closeTimeoutMillis 0 or more");
            errors++;
        }
        if (errors > 0) {
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        stopping = false;
        Application app = attached;
        if (app != null) {
            app.onStop(() -> drain(Duration.ofMillis(closeTimeoutMillis)));
        }
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (SENDER.get() || ignored(event.getLoggerName())) {
            return;
        }
        BlockingQueue<Entry> q = queue;
        if (q == null || stopping) {
            return;
        }
        LogRecord.Builder record;
        try {
            record = LogRecords.of(event, includeCallerData);
        } catch (RuntimeException e) {
            addError("Cannot turn a log event of " + event.getLoggerName() + " into a record", e);
            return;
        }
        if (q.offer(new Entry(record, 0))) {
            accepted.incrementAndGet();
            if (sender == null) {
                startSender();
            }
        } else {
            droppedOne();
        }
    }

    /**
     * Publishes what is queued, waiting at most {@code timeout}, then (for the appender's own application) closes
     * the application; the records still queued after that are lost.
     */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        drain(Duration.ofMillis(closeTimeoutMillis));
        stopping = true;
        super.stop();
        Thread t = sender;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Math.max(1, closeTimeoutMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Application own = application;
        if (own != null && own != attached) {
            own.close();
        }
        application = null;
        sender = null;
        queue = null;
    }

    /**
     * Waits until every queued record has been acknowledged or given up, at most {@code timeout}.
     *
     * @return true when nothing was left waiting
     */
    public boolean drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (true) {
                BlockingQueue<Entry> q = queue;
                boolean empty = (q == null || q.isEmpty()) && inFlight == 0;
                long left = deadline - System.nanoTime();
                if (empty || left <= 0 || sender == null) {
                    return empty;
                }
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    // ---- The sender ----

    private synchronized void startSender() {
        if (sender != null || stopping) {
            return;
        }
        Thread t = new Thread(this::sendLoop, "kafkaesk-log-sender-" + (name == null ? "appender" : name));
        t.setDaemon(true);
        sender = t;
        t.start();
    }

    private void sendLoop() {
        SENDER.set(true);
        HostInfo host = HostInfo.detect();
        String target = stream == null ? "" : stream;
        Application app;
        try {
            app = attached != null ? attached : ownApplication();
        } catch (RuntimeException e) {
            addError("Cannot create the kafkaesk application of the appender named [" + name + "]", e);
            return;
        }
        application = app;
        while (!stopping) {
            BlockingQueue<Entry> q = queue;
            if (q == null) {
                return;
            }
            Entry entry;
            try {
                entry = q.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // stop() interrupts; the loop condition decides
            }
            if (entry == null) {
                signalIdle();
                continue;
            }
            LogRecord record;
            try {
                record = LogRecords.withNulls(entry.record()
                        .hostname(host.hostname())
                        .service(host.service())
                        .namespace(host.namespace())
                        .cluster(host.cluster())
                        .build());
            } catch (RuntimeException e) { // a required field is missing: no retry makes it appear
                retryOrGiveUp(new Entry(entry.record(), maxAttempts), e);
                continue;
            }
            publish(app, target, record, new Entry(entry.record(), entry.attempts() + 1));
        }
    }

    private Application ownApplication() {
        Map<String, Object> settings = new LinkedHashMap<>(kafkaSettings);
        settings.putIfAbsent("client.id", "kafkaesk-logging");
        return Application.builder()
                .kafkaServers(kafkaServers == null ? "" : kafkaServers)
                .topicPrefix(topicPrefix)
                .kafkaSettings(settings)
                .publishTimeout(Duration.ofMillis(publishTimeoutMillis))
                // It publishes log records only; the application's own schemas are none of its business.
                .discoverSchemas(false)
                .build();
    }

    private void publish(Application app, String target, LogRecord record, Entry entry) {
        synchronized (idle) {
            // A publish returns before Kafka answers: waiting here is what keeps records in memory bounded.
            while (inFlight >= queueSize && !stopping) {
                try {
                    idle.wait(100);
                } catch (InterruptedException e) {
                    break; // stop() interrupts; the record is still published
                }
            }
            inFlight++;
        }
        CompletableFuture<RecordMetadata> sent;
        try {
            sent = app.publish(LogRecordSchema.DESCRIPTOR, target, record, null, List.of());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((metadata, error) -> {
            if (error == null) {
                published.incrementAndGet();
            } else {
                retryOrGiveUp(entry, error);
            }
            synchronized (idle) {
                inFlight--;
                idle.notifyAll();
            }
        });
    }

    private void retryOrGiveUp(Entry entry, Throwable error) {
        BlockingQueue<Entry> q = queue;
        boolean retriable = !(error instanceof IllegalArgumentException) && !(error instanceof IllegalStateException)
                && !(error instanceof SchemaValidationException);
        if (retriable && entry.attempts() < maxAttempts && !stopping && q != null && q.offer(entry)) {
            return;
        }
        failed.incrementAndGet();
        warn("could not publish a log record to stream '" + stream + "' after " + entry.attempts()
                + " attempt(s): " + error + "; " + failed.get() + " record(s) lost so far");
    }

    private void signalIdle() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    private void droppedOne() {
        long total = dropped.incrementAndGet();
        warn("the log queue is full (" + queueSize + " records): log records are being dropped; " + total
                + " dropped so far");
    }

    /** Writes to standard error, at most once every 30 seconds across all warnings of this appender. */
    private void warn(String message) {
        long now = System.nanoTime();
        long last = lastWarningNanos.get();
        if (now - last >= WARNING_INTERVAL.toNanos() && lastWarningNanos.compareAndSet(last, now)) {
            PrintStream err = System.err;
            err.println(Instant.now() + " WARN kafkaesk logging [" + name + "]: " + message);
        }
    }

    private static boolean ignored(@Nullable String logger) {
        if (logger == null) {
            return false;
        }
        for (String prefix : IGNORED_LOGGERS) {
            if (logger.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
