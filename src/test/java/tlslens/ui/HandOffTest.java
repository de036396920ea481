package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

/**
 * The feed's two stages meet in a {@link HandOff}: every item reaches the consumer once and in
 * order, the producer waits rather than letting more than the capacity wait, and a failure of
 * the consumer reaches the producer instead of leaving either waiting.
 */
class HandOffTest {
    @Test
    void everyItemOnceInOrderOnTheConsumersThread() {
        List<Integer> got = new ArrayList<>(); // the consumer's only; read after close()
        AtomicReference<Thread> on = new AtomicReference<>();
        HandOff<Integer> h = new HandOff<>("test-consumer", 7, null, i -> {
            on.compareAndSet(null, Thread.currentThread());
            got.add(i);
        });
        for (int i = 0; i < 100_000; i++) h.put(i);
        h.close();
        assertEquals(100_000, got.size());
        for (int i = 0; i < got.size(); i++) assertEquals(i, got.get(i));
        assertEquals("test-consumer", on.get().getName());
    }

    @Test
    void theProducerWaitsWhileTheRingIsFull() throws Exception {
        int capacity = 4;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        HandOff<Integer> h = new HandOff<>("test-consumer", capacity, null, i -> {
            if (i == 0) await(release); // the consumer holds the first item: the ring fills behind it
            handled.incrementAndGet();
        });
        AtomicInteger accepted = new AtomicInteger();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                h.put(i);
                accepted.incrementAndGet();
            }
        }, "test-producer");
        producer.start();
        while (LockSupport.getBlocker(producer) != h) Thread.onSpinWait(); // parked in put, the ring full
        assertEquals(capacity, accepted.get(), "a full ring (the item being handled counts until it is done), no more");
        assertEquals(0, handled.get());
        release.countDown();
        producer.join();
        h.close();
        assertEquals(50, handled.get());
    }

    @Test
    void aConsumerFailureReachesTheProducer() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        HandOff<Integer> h = new HandOff<>("test-consumer", 2, null, i -> {
            if (i == 3) throw boom;
        });
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; ; i++) h.put(i); // would run forever (or wait on a full ring) without the failure
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        }, "test-producer");
        producer.start();
        producer.join();
        assertSame(boom, thrown.get());
        assertSame(boom, h.failure());
        h.close(); // thrown once already: the producer's finish does not throw it again
    }

    @Test
    void aFailureAfterTheLastPutIsThrownByClose() {
        HandOff<Integer> h = new HandOff<>("test-consumer", 8, null, i -> {
            if (i == 5) throw new IllegalArgumentException("late");
        });
        for (int i = 0; i <= 5; i++) h.put(i);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, h::close);
        assertEquals("late", e.getMessage());
    }

    @Test
    void awaitHandledReturnsOnceEveryItemPutWasHandled() {
        AtomicInteger handled = new AtomicInteger();
        HandOff<Integer> h = new HandOff<>("test-consumer", 16, null, i -> handled.incrementAndGet());
        for (int i = 0; i < 1000; i++) h.put(i);
        h.awaitHandled();
        assertEquals(1000, handled.get());
        h.close();
        assertNull(h.failure());
    }

    @Test
    void onStartRunsOnTheConsumerFirst() {
        List<String> events = new ArrayList<>();
        HandOff<Integer> h = new HandOff<>("test-consumer", 4, () -> events.add("start"), i -> events.add("item " + i));
        h.put(1);
        h.close();
        assertEquals(List.of("start", "item 1"), events);
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
