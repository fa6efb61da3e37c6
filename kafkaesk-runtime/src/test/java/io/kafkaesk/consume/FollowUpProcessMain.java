package io.kafkaesk.consume;

import io.kafkaesk.Application;
import io.kafkaesk.Kafkaesk;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * A worker for the follow-up crash test: for each {@link Note} on stream {@code in} it publishes a follow-up note
 * to stream {@code out} through its {@code MessageContext} without waiting, then appends {@code returned <id>} to
 * a file (straight to the operating system) and returns.
 *
 * <p>Arguments: servers, topic prefix, group, output file, the producer's {@code linger.ms}. A linger of an hour
 * holds every follow-up in the producer: the handler has returned and its publish is not acknowledged, for as
 * long as the test needs.
 */
public final class FollowUpProcessMain {
    private FollowUpProcessMain() {}

    public static void main(String[] args) throws Exception {
        String servers = args[0];
        String prefix = args[1];
        String group = args[2];
        String output = args[3];
        Map<String, Object> settings = new HashMap<>(ConsumerProcessTest.childSettings());
        settings.put(ProducerConfig.LINGER_MS_CONFIG, Long.parseLong(args[4]));
        try (OutputStream out = new FileOutputStream(output, true)) {
            Application app = Kit.app(servers, prefix).defaultPartitions(1).kafkaSettings(settings).build();
            app.schema(Note.SCHEMA);
            app.subscribe("in", group, (NoteSubscriber) (note, ctx) -> {
                ctx.publish(Note.SCHEMA, "out", new Note(note.id(), "follow-up"), null, List.of());
                out.write(("returned " + note.id() + "\n").getBytes(StandardCharsets.UTF_8));
            });
            Kafkaesk.run(app);
        }
    }
}
