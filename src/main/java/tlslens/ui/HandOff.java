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
    /**
     * Waits are parked at most this long, then checked again: what an item may wait for an idle
     * consumer (a live capture's row: well within its 200 ms), and the producer for a full ring.
     */
    private static final long PARK_NS = 1_000_000L;

    private final Object[] ring;
    private final int capacity;
    /** Items waiting for which a parked consumer is woken before its park times out. */
    private final int wakeAt;
    private final Consumer<T> each;
    private final Thread consumer;
    /** Items put so far (the producer writes) and handled so far (the consumer writes). */
    private volatile long put, taken;
    /** The producer's last read of {@link #taken} (at most what it is). */
    private long takenSeen;
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
        this.wakeAt = Math.max(1, capacity / 2);
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
        if (p - takenSeen == capacity && p - (takenSeen = taken) == capacity) { // the consumer's counter read only when full
            if (producer == null) producer = Thread.currentThread();
            while (p - (takenSeen = taken) == capacity) {
                throwFailure(true);
                producerParked = true;
                if (p - taken == capacity && failure == null) LockSupport.parkNanos(this, PARK_NS);
                producerParked = false;
            }
        }
        ring[(int) (p % capacity)] = item;
        put = p + 1;
        // A parked consumer wakes by itself within PARK_NS: woken early only when half the ring waits,
        // so that it handles items in batches (a wake-up per item cost the producer more than the item).
        if (consumerParked && p + 1 - taken >= wakeAt) LockSupport.unpark(consumer);
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
            long t = taken;
            while (true) {
                boolean last = closed; // read before put: once closed, put is final
                long end = put; // the items to handle now: one read of the producer's counter per batch
                if (t == end) {
                    if (last) return;
                    consumerParked = true;
                    if (t == put && !closed) LockSupport.parkNanos(this, PARK_NS);
                    consumerParked = false;
                    continue;
                }
                for (; t < end; t++) {
                    int i = (int) (t % capacity);
                    T item = (T) ring[i];
                    ring[i] = null;
                    each.accept(item);
                    if ((t & 63) == 63 || t + 1 == end) {
                        taken = t + 1; // a write the producer reads now and then, not one per item
                        if (producerParked && end - (t + 1) <= capacity - wakeAt) LockSupport.unpark(producer); // room for a batch
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            Thread p = producer;
            if (p != null) LockSupport.unpark(p);
        }
    }
}
