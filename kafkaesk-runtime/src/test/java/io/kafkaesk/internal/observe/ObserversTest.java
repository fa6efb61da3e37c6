package io.kafkaesk.internal.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A failing metrics or tracing observer never changes what becomes of a record. */
class ObserversTest {
    private static final ConsumerRecord<byte[], byte[]> RECORD = new ConsumerRecord<>("t", 0, 0, null, new byte[0]);

    private static Observers of(Observer observer) {
        return Objects.requireNonNull(Observers.of(List.of(observer), ""));
    }

    @Test
    void anObserverFailingBeforeTheHandlerLetsTheHandlerRunOnce() throws Exception {
        Observers observers = of(new Observer() {
            @Override
            public void handle(ConsumerRecord<byte[], byte[]> record, String stream, String group, int attempt,
                    Invocation body) {
                throw new IllegalStateException("registry refused a meter");
            }
        });
        AtomicInteger calls = new AtomicInteger();
        observers.handle(RECORD, "g", 1, calls::incrementAndGet);
        assertEquals(1, calls.get());
    }

    @Test
    void anObserverFailingAfterTheHandlerLeavesTheRecordHandled() throws Exception {
        Observers observers = of(new Observer() {
            @Override
            public void handle(ConsumerRecord<byte[], byte[]> record, String stream, String group, int attempt,
                    Invocation body) throws Exception {
                body.run();
                throw new IllegalStateException("timer failed");
            }

            @Override
            public void consumed(ConsumerRecord<byte[], byte[]> record, String stream, String group, String error) {
                throw new IllegalStateException("counter failed");
            }
        });
        AtomicInteger calls = new AtomicInteger();
        observers.handle(RECORD, "g", 1, calls::incrementAndGet);
        observers.consumed(RECORD, "g", null);
        assertEquals(1, calls.get());
    }

    @Test
    void theHandlersOwnExceptionReachesTheCallerEvenWhenAnObserverSwallowsIt() {
        Observers observers = of(new Observer() {
            @Override
            public void handle(ConsumerRecord<byte[], byte[]> record, String stream, String group, int attempt,
                    Invocation body) {
                try {
                    body.run();
                } catch (Exception e) {
                    // a careless observer
                }
            }
        });
        IllegalArgumentException failure = new IllegalArgumentException("bad order");
        Exception thrown = assertThrows(Exception.class, () -> observers.handle(RECORD, "g", 1, () -> {
            throw failure;
        }));
        assertSame(failure, thrown);
    }
}
