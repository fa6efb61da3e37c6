package io.kafkaesk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendCompletionsTest {

    @Test
    void runsEveryCompletionInOrderOffTheAddingThread() {
        SendCompletions completions = new SendCompletions();
        List<Integer> ran = new ArrayList<>(); // one thread runs them: no lock needed, await publishes them
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 100_000; i++) {
            int n = i;
            completions.add(() -> {
                ran.add(n);
                threads.add(Thread.currentThread().getName());
            });
        }
        completions.await();
        assertEquals(100_000, ran.size());
        for (int i = 0; i < ran.size(); i++) {
            assertEquals(i, ran.get(i), "completion " + i + " ran out of order");
        }
        assertEquals(Set.of("kafkaesk-publish-completions"), threads);
        completions.close();
    }

    @Test
    void aFailingCompletionDoesNotStopTheOthers() {
        SendCompletions completions = new SendCompletions();
        List<Integer> ran = new CopyOnWriteArrayList<>();
        completions.add(() -> ran.add(1));
        completions.add(() -> {
            throw new IllegalStateException("a callback's bug");
        });
        completions.add(() -> {
            throw new StackOverflowError("a callback's runaway recursion");
        });
        completions.add(() -> ran.add(3));
        completions.await();
        completions.add(() -> ran.add(4));
        completions.await();
        assertEquals(List.of(1, 3, 4), ran);
        completions.close();
    }

    @Test
    void addsFromManyThreadsEachKeepTheirOrder() throws InterruptedException {
        SendCompletions completions = new SendCompletions();
        int threads = 4;
        int each = 20_000;
        List<List<Integer>> seen = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            seen.add(new ArrayList<>());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> adders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Integer> mine = seen.get(t);
            Thread adder = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    int n = i;
                    completions.add(() -> mine.add(n));
                }
            });
            adder.start();
            adders.add(adder);
        }
        start.countDown();
        for (Thread adder : adders) {
            adder.join(TimeUnit.MINUTES.toMillis(1));
        }
        completions.await();
        for (List<Integer> mine : seen) {
            assertEquals(each, mine.size());
            for (int i = 0; i < each; i++) {
                assertEquals(i, mine.get(i));
            }
        }
        completions.close();
    }

    @Test
    void afterCloseCompletionsRunOnTheAddingThread() {
        SendCompletions completions = new SendCompletions();
        completions.add(() -> { });
        completions.await();
        completions.close();
        List<String> threads = new ArrayList<>();
        completions.add(() -> threads.add(Thread.currentThread().getName()));
        assertEquals(List.of(Thread.currentThread().getName()), threads);
        completions.await(); // returns at once once closed
    }

    @Test
    void awaitFromACompletionDoesNotWaitForItself() {
        SendCompletions completions = new SendCompletions();
        List<String> ran = new CopyOnWriteArrayList<>();
        completions.add(() -> {
            completions.await();
            ran.add(Thread.currentThread().getName());
        });
        completions.await();
        assertEquals(1, ran.size());
        assertNotEquals(Thread.currentThread().getName(), ran.get(0));
        assertTrue(ran.get(0).startsWith("kafkaesk-publish-completions"));
        completions.close();
    }
}
