package io.kafkaesk.consume;

import static io.kafkaesk.consume.Kit.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.Application;
import io.kafkaesk.EnvelopeHandler;
import io.kafkaesk.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The dead-letter naming rule, and glob subscriptions that never read any application's dead letters. */
class DeadLetterNamingTest extends BrokerTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Application app() {
        Application app = Kit.app(kafka.bootstrapServers(), prefix).defaultPartitions(1).build();
        app.schema(Note.SCHEMA);
        apps.add(app);
        return app;
    }

    @Test
    void aGlobOfAnotherApplicationUnderTheSamePrefixNeverSeesACustomDeadLetterStream() {
        Application billing = app();
        billing.subscribe("billing.orders", "billing", (NoteSubscriber) (note, ctx) -> {
            throw new IllegalStateException("billing is broken");
        }).retry(RetryPolicy.attempts(1)).deadLetterStream("billing.dead-letter");
        Application audit = app();
        List<String> seen = new CopyOnWriteArrayList<>();
        audit.subscribe("billing.*", "audit", (EnvelopeHandler) (envelope, ctx) ->
                seen.add(ctx.record().topic().substring(prefix.length())));
        billing.initialize();
        audit.initialize();

        billing.publishAndWait("billing.orders", new Note("o1", "x"));
        Kit.read(kafka.bootstrapServers(), prefix + "billing.dead-letter", 1, WAIT);
        // Created after the dead-letter topic: once the glob consumed it, it had the dead-letter topic in its
        // metadata as well, and left it alone.
        billing.publishAndWait("billing.refunds", new Note("r1", "x"));
        await(WAIT, () -> "seen " + seen, () -> seen.contains("billing.refunds"));
        assertEquals(List.of("billing.orders", "billing.refunds"), seen.stream().sorted().toList(),
                "the glob read both event streams and not the other application's dead letters");
    }

    @Test
    void aGlobThatEndsWithADeadLetterNameReadsDeadLettersOnPurpose() {
        Application app = app();
        app.subscribe("orders", "shop", (NoteSubscriber) (note, ctx) -> {
            throw new IllegalStateException("broken");
        }).retry(RetryPolicy.attempts(1)).deadLetterStream("orders.dlq");
        List<String> seen = new CopyOnWriteArrayList<>();
        app.subscribe("*.dlq", "dlq-reader", (EnvelopeHandler) (envelope, ctx) ->
                seen.add(ctx.record().topic().substring(prefix.length())));
        app.initialize();
        app.publishAndWait("orders", new Note("o1", "x"));
        await(WAIT, () -> "seen " + seen, () -> seen.contains("orders.dlq"));
    }

    @Test
    void aDeadLetterStreamThatBreaksTheRuleIsRefusedWhereItIsConfigured() {
        Application app = app();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> app.deadLetterStream("billing.failed"));
        assertTrue(e.getMessage().contains("'billing.failed'") && e.getMessage().contains("ends with 'dead-letter'"
                + " or 'dlq'") && e.getMessage().contains("billing.failed.dead-letter"), e.getMessage());
        var s = app.subscribe("orders", "shop", (NoteSubscriber) (note, ctx) -> { });
        e = assertThrows(IllegalArgumentException.class, () -> s.deadLetterStream("orders dlq"));
        assertTrue(e.getMessage().contains("for group shop") && e.getMessage().contains("topic name takes only"),
                e.getMessage());
        s.deadLetterStream("orders-dlq");
        s.deadLetterStream("orders_dead-letter");
        app.deadLetterStream("dlq");
    }
}
