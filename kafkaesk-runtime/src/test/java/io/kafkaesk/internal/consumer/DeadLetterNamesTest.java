package io.kafkaesk.internal.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DeadLetterNamesTest {
    @Test
    void deadLetterNamesEndWithDeadLetterOrDlqAfterASeparatorOrAsTheWholeName() {
        for (String name : List.of("kafkaesk.dead-letter", "billing.dlq", "billing-dlq", "billing_dead-letter", "dlq",
                "dead-letter", "dev.billing.dead-letter")) {
            assertTrue(DeadLetterNames.isDeadLetterName(name), name);
        }
        for (String name : List.of("billing.failed", "sqldlq", "billing.dlq.v2", "dead-letters", "orders")) {
            assertFalse(DeadLetterNames.isDeadLetterName(name), name);
        }
    }

    @Test
    void invalidNamesAreRefusedSayingWhatIsWrong() {
        assertEquals("Invalid dead-letter stream 'a b.dlq' for group g: a Kafka topic name takes only the letters "
                + "a-z and A-Z, the digits 0-9, '.', '_' and '-'", assertThrows(IllegalArgumentException.class,
                        () -> DeadLetterNames.check("a b.dlq", "for group g")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeadLetterNames.check("x".repeat(250) + ".dlq",
                "")).getMessage().contains("at most 249 characters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeadLetterNames.check("*.dlq", ""))
                .getMessage().contains("without '*'"));
        DeadLetterNames.check("billing.dead-letter", "");
    }

    @Test
    void aGlobLeavesDeadLetterTopicsOutUnlessItEndsWithADeadLetterName() {
        Pattern all = DeadLetterNames.excludeDeadLetters("*", Pattern.compile("p\\.(.*)"));
        assertTrue(all.matcher("p.orders").matches());
        assertFalse(all.matcher("p.kafkaesk.dead-letter").matches());
        assertFalse(all.matcher("p.billing-dlq").matches());
        Pattern dlqs = DeadLetterNames.excludeDeadLetters("*.dlq", Pattern.compile("p\\..*\\.dlq"));
        assertTrue(dlqs.matcher("p.orders.dlq").matches());
    }
}
