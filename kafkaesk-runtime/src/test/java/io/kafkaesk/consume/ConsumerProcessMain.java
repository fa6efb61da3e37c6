package io.kafkaesk.consume;

import io.kafkaesk.Application;
import io.kafkaesk.Kafkaesk;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * A consumer worker for process-level tests: runs {@link Kafkaesk#run} and appends {@code partition@offset key text}
 * of each handled record to a file, written straight to the operating system so that a SIGKILL loses nothing handled.
 *
 * <p>Arguments: servers, topic prefix, stream, group, output file, autoCommitIntervalMs, simulated work in
 * microseconds per record.
 */
public final class ConsumerProcessMain {
    private ConsumerProcessMain() {}

    public static void main(String[] args) throws Exception {
        String servers = args[0];
        String prefix = args[1];
        String stream = args[2];
        String group = args[3];
        String output = args[4];
        long commitInterval = Long.parseLong(args[5]);
        long workMicros = Long.parseLong(args[6]);
        try (OutputStream out = new FileOutputStream(output, true)) {
            Application app = Kit.app(servers, prefix).autoCommitIntervalMs(commitInterval).defaultPartitions(6)
                    .kafkaSettings(ConsumerProcessTest.childSettings()).build();
            app.schema(Note.SCHEMA);
            app.subscribe(stream, group, (NoteSubscriber) (note, ctx) -> {
                if (workMicros > 0) {
                    LockSupport.parkNanos(workMicros * 1000);
                }
                byte[] line = (ctx.record().partition() + "@" + ctx.record().offset() + " " + note.id() + " "
                        + note.text() + "\n").getBytes(StandardCharsets.UTF_8);
                synchronized (out) {
                    out.write(line);
                }
            }).concurrency(2);
            Kafkaesk.run(app);
        }
        System.err.println("kafkaesk worker returned normally");
    }
}
