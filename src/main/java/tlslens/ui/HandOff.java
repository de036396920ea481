package tlslens.ui;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Items from one producer thread to a consumer thread of its own, in order, each handled once: a
 * ring of {@link #capacity} places, so at most that many wait (the producer waits while it is
 * full) and no lock or node per item. The two stages of a load (RowFeed: dissecting, then the
 * index's columns and the rows) run on the two cores this way. A failure on the consumer's side
 * stops it and is thrown to the producer at its next {@link #put} or at {@link #close}, so neither
 * thread waits for the other forever.
 */
final class HandOff<T> {
    /** Waits are parked at most this long, then checked again (belt and braces for the wake-ups). */
    private static final long PARK_NS = 1_000_000L;

    private final Object[] ring;
    private final int capacity;
    private final Consumer<T> each;
    private final Thread consumer;
    /** Items put so far (the producer writes) and handled so far (the consumer writes). */
    private volatile long put, taken;
    private volatile boolean closed;
    private volatile boolean consumerParked, producerParked;
    private volatile Thread producer;
    private volatile Throwable failure;
    private boolean failureThrown;

    /** Starts the consumer thread {@code name}, which runs {@code onStart} then hands each item to {@code each}. */
    HandOff(String name, int capacity, Runnable onStart, Consumer<T> each) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity);
        this.ring = new Object[capacity];
        this.capacity = capacity;
        this.each = each;
        this.consumer = new Thread(() -> {
            if (onStart != null) onStart.run();
            consume();
        }, name);
        consumer.setDaemon(true);
        consumer.start();
    }

    /** Producer: hands {@code item} over, waiting while {@link #capacity} items wait; throws the consumer's failure. */
    void put(T item) {
        if (closed) throw new IllegalStateException("closed");
        throwFailure(true);
        long p = put;
        if (p - taken == capacity) {
            if (producer == null) producer = Thread.currentThread();
            while (p - taken == capacity) {
                throwFailure(true);
                producerParked = true;
                if (p - taken == capacity && failure == null) LockSupport.parkNanos(this, PARK_NS);
                producerParked = false;
            }
        }
        ring[(int) (p % capacity)] = item;
        put = p + 1;
        if (consumerParked) LockSupport.unpark(consumer);
    }

    /**
     * Producer: no more items; returns once the consumer handled every one put (or failed, which
     * is then thrown unless {@link #put} threw it already). Any thread may call it after the producer's last put.
     */
    void close() {
        closed = true;
        LockSupport.unpark(consumer);
        awaitConsumer();
        throwFailure(false);
    }

    /** Waits until the consumer has handled every item put so far (or failed, or ended). */
    void awaitHandled() {
        long p = put;
        while (taken < p && consumer.isAlive() && failure == null) {
            LockSupport.unpark(consumer);
            LockSupport.parkNanos(this, PARK_NS);
        }
    }

    /** The consumer failed: what it threw, else null. */
    Throwable failure() { return failure; }

    private void awaitConsumer() {
        boolean interrupted = false;
        while (consumer.isAlive()) {
            try {
                consumer.join();
            } catch (InterruptedException e) {
                interrupted = true; // the items put are handled all the same; the flag is kept for the caller
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Throws the consumer's failure, if any: each time ({@code always}), or only if not thrown yet. */
    private void throwFailure(boolean always) {
        Throwable t = failure;
        if (t == null) return;
        synchronized (this) {
            if (failureThrown && !always) return;
            failureThrown = true;
        }
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }

    @SuppressWarnings("unchecked")
    private void consume() {
        try {
            while (true) {
                boolean last = closed; // read before put: once closed, put is final
                long t = taken;
                if (t == put) {
                    if (last) return;
                    consumerParked = true;
                    if (t == put && !closed) LockSupport.parkNanos(this, PARK_NS);
                    consumerParked = false;
                    continue;
                }
                int i = (int) (t % capacity);
                T item = (T) ring[i];
                ring[i] = null;
                each.accept(item);
                taken = t + 1;
                if (producerParked) LockSupport.unpark(producer);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            Thread p = producer;
            if (p != null) LockSupport.unpark(p);
        }
    }
}
