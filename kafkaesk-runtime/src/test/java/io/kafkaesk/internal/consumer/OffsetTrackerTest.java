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

    /** The tracker's answers, the plain way: a sorted set of outstanding offsets. */
    private static final class Reference {
        final java.util.TreeSet<Long> outstanding = new java.util.TreeSet<>();
        long highestCompleted = -1;

        void complete(long offset) {
            if (outstanding.remove(offset)) {
                highestCompleted = Math.max(highestCompleted, offset);
            }
        }

        long committable() {
            if (highestCompleted < 0) {
                return -1;
            }
            return outstanding.isEmpty() ? highestCompleted + 1 : outstanding.first();
        }
    }

    @Test
    void answersAsASortedSetWouldUnderRandomRegistrationsAndCompletions() {
        java.util.Random random = new java.util.Random(7);
        for (int run = 0; run < 200; run++) {
            OffsetTracker t = new OffsetTracker();
            Reference r = new Reference();
            long next = random.nextInt(5);
            boolean disorder = run % 4 == 0;
            for (int step = 0; step < 2000; step++) {
                int op = random.nextInt(10);
                if (op < 4) {
                    long offset = disorder && random.nextInt(50) == 0 ? Math.max(0, next - random.nextInt(20)) : next;
                    next = Math.max(next, offset + 1 + (random.nextInt(8) == 0 ? random.nextInt(5) : 0));
                    t.register(offset);
                    r.outstanding.add(offset);
                } else if (!r.outstanding.isEmpty()) {
                    // Mostly the oldest (records of a partition complete in order), sometimes any, sometimes twice.
                    Long later = r.outstanding.ceiling(r.outstanding.first() + random.nextInt(40));
                    long offset = op < 8 || later == null ? r.outstanding.first() : later;
                    t.complete(offset);
                    r.complete(offset);
                    if (op == 9) {
                        t.complete(offset);
                    }
                } else {
                    t.complete(next + 3); // never registered: ignored
                }
                assertEquals(r.committable(), t.committable(), () -> "run " + t);
                assertEquals(r.outstanding.size(), t.outstanding(), () -> "run " + t);
            }
            if (!disorder) {
                org.junit.jupiter.api.Assertions.assertTrue(t.inOrder(), "in-order registrations stay in the ring");
            }
        }
    }
}
