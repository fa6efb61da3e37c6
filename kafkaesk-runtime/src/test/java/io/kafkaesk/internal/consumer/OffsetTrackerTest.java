package io.kafkaesk.internal.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    @Test
    void commitsNothingBeforeAnyRecordCompletes() {
        OffsetTracker t = new OffsetTracker();
        t.register(10);
        t.register(11);
        assertEquals(-1, t.committable());
    }

    @Test
    void commitsOnePastTheHighestCompletedWhenNothingIsOutstanding() {
        OffsetTracker t = new OffsetTracker();
        t.register(10);
        t.register(11);
        t.complete(10);
        t.complete(11);
        assertEquals(12, t.committable());
    }

    @Test
    void holdsTheCommitAtTheFirstOutstandingOffsetWhenLaterOnesCompleteFirst() {
        OffsetTracker t = new OffsetTracker();
        for (long o = 0; o < 5; o++) {
            t.register(o);
        }
        t.complete(0);
        t.complete(2);
        t.complete(3);
        assertEquals(1, t.committable());
        t.complete(1);
        assertEquals(4, t.committable());
        t.complete(4);
        assertEquals(5, t.committable());
    }

    @Test
    void skipsOffsetGapsLeftByCompactionOrTransactionMarkers() {
        OffsetTracker t = new OffsetTracker();
        t.register(3);
        t.register(7);
        t.register(20);
        t.complete(3);
        assertEquals(7, t.committable());
        t.complete(7);
        t.complete(20);
        assertEquals(21, t.committable());
    }

    @Test
    void aDroppedRecordHoldsTheCommitForever() {
        OffsetTracker t = new OffsetTracker();
        t.register(0);
        t.register(1);
        t.register(2);
        t.complete(0);
        // 1 is dropped (revocation): never completed.
        t.complete(2);
        assertEquals(1, t.committable());
    }
}
