package io.kafkaesk.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkaesk.test.KafkaCluster;
import io.kafkaesk.test.KafkaeskTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@KafkaeskTest
class ShopExampleTest {
    @Test
    void everyOrderIsChargedShippedOrDeadLettered(KafkaCluster kafka) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean done = ShopExample.run(kafka.bootstrapServers(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(done, out);
        assertTrue(out.contains("billing        o-1002 charged 54.0 -> approved [x-request-id=req-o-1002]"), out);
        assertTrue(out.contains("notifications  told the customer of o-1001 it ships to Zürich"), out);
        assertTrue(out.contains("audit          OrderPlaced:1 o-0999"), out);
        assertTrue(out.contains("ledger         booked o-1002 (54.0) in a batch of "), out);
        assertTrue(out.contains("dead-letter    java.lang.IllegalStateException: No carrier serves South Pole, AQ"),
                out);
    }
}
