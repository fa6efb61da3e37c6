package io.kafkaesk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class EncodeBenchTest {
    @Test
    void interleavingGivesEveryContenderTheSameMessagesAndTimesEachOnItsOwn() {
        Integer[] pool = new Integer[Corpus.POOL];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = i;
        }
        int n = 12 * EncodeBench.SLICE;
        List<List<Integer>> seen = new ArrayList<>();
        List<ToIntFunction<Integer>> contenders = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            List<Integer> mine = new ArrayList<>();
            seen.add(mine);
            contenders.add(m -> {
                mine.add(m);
                return 1;
            });
        }
        long[] nanos = new long[contenders.size()];

        long bytes = EncodeBench.interleave(contenders, pool, n, nanos);

        assertEquals(3L * n, bytes);
        for (int c = 0; c < 3; c++) {
            assertEquals(n, seen.get(c).size(), "contender " + c);
            assertEquals(seen.get(0), seen.get(c), "contender " + c + " encodes the messages contender 0 does");
            assertTrue(nanos[c] > 0, "contender " + c + " was timed");
        }
        assertEquals(pool[n - 1], seen.get(0).get(n - 1));
    }
}
