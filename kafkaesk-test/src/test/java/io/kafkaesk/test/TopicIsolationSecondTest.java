package io.kafkaesk.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** One of two classes on the shared cluster whose topics must not mix; see {@link TopicLedger}. */
@KafkaeskTest
class TopicIsolationSecondTest {
    private TopicPrefix prefixSeenBeforeEach;

    @BeforeEach
    void rememberPrefix(TopicPrefix prefix) {
        prefixSeenBeforeEach = prefix;
    }

    @Test
    void seesOnlyItsOwnTopicsUnderItsPrefix(KafkaCluster kafka, Admin admin, TopicPrefix prefix, TestInfo test)
            throws Exception {
        assertEquals(prefixSeenBeforeEach, prefix, "one prefix per test method");
        TopicLedger.createAndCheckIsolation(
                getClass().getSimpleName() + "." + test.getDisplayName(), kafka, admin, prefix);
    }

    @Test
    void anotherTestMethodGetsAnotherPrefix(KafkaCluster kafka, Admin admin, TopicPrefix prefix, TestInfo test)
            throws Exception {
        TopicLedger.createAndCheckIsolation(
                getClass().getSimpleName() + "." + test.getDisplayName(), kafka, admin, prefix);
    }
}
