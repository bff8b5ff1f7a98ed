package org.plugftpd.core.impl.events;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener identity's delivery lane: a bounded queue and the one daemon thread that hands its
 * events, in order, to the listener bound under that identity. While no listener is bound (its
 * bundle is being updated, its component reconfigured) the lane keeps its events for the next one;
 * a lane nobody comes back to within its time to live gives them up. An event stays in the queue
 * (counted as backlog) until the listener's call for it has returned.
 * Thread-safe: {@link #offer} never blocks on the listener, only on the short queue lock.
 */
final class Lane<E> {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

    /** Told when a lane gives up (time to live passed) or ends, so its owner can forget it. */
    interface Owner {
        void ended(Lane<?> lane);
    }

    private final String kind;
    private final String identity;
    private final IntSupplier capacity;
    private final long timeToLiveNanos;
    private final Owner owner;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final ArrayDeque<E> queue = new ArrayDeque<>();
    private Object listener;
    private Consumer<? super E> sink;
    private String description;
    private long absentSince;
    private boolean closed;
    private long drainDeadline;

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    Lane(String kind, String identity, IntSupplier capacity, long timeToLiveNanos, Owner owner) {
        this.kind = kind;
        this.identity = identity;
        this.capacity = capacity;
        this.timeToLiveNanos = timeToLiveNanos;
        this.owner = owner;
        this.absentSince = System.nanoTime();
        this.description = kind + " " + identity;
        this.thread = new Thread(this::run, "plugftpd-events " + kind + " " + identity);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String identity() {
        return identity;
    }

    /** Queues an event; false (and counted as dropped) when the lane is full or ended. */
    boolean offer(E event) {
        lock.lock();
        try {
            if (closed || queue.size() >= capacity.getAsInt()) {
                countDropped(1);
                return false;
            }
            queue.addLast(event);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Binds the listener that receives the lane's events from now on, backlog first. False when
     * the lane has ended (the caller makes a new one) or another listener holds it.
     */
    boolean attach(Object newListener, Consumer<? super E> newSink, String newDescription) {
        lock.lock();
        try {
            if (closed || listener != null) {
                return false;
            }
            if (!queue.isEmpty()) {
                LOG.info("{} is back; delivering the {} events kept while it was away", newDescription, queue.size());
            }
            listener = newListener;
            sink = newSink;
            description = newDescription;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Unbinds this listener, if it is the lane's; the events that follow wait for its replacement. */
    boolean detach(Object oldListener) {
        lock.lock();
        try {
            if (listener != oldListener) {
                return false;
            }
            listener = null;
            sink = null;
            absentSince = System.nanoTime();
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean holds(Object candidate) {
        lock.lock();
        try {
            return listener == candidate;
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking events; a bound listener still gets the queue until {@code deadlineNanos}. */
    void close(long deadlineNanos) {
        lock.lock();
        try {
            closed = true;
            drainDeadline = deadlineNanos;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the thread to end until the deadline; interrupts a listener still busy after it. */
    void awaitEnd(long deadlineNanos) throws InterruptedException {
        // join(millis) may return a little early: loop until the deadline has really passed
        long left;
        while (thread.isAlive() && (left = deadlineNanos - System.nanoTime()) > 0) {
            thread.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
        if (thread.isAlive()) {
            LOG.warn("{} still busy in its listener after the drain; interrupting it", description);
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(1));
        }
    }

    LaneFigures figures() {
        lock.lock();
        try {
            return new LaneFigures(kind, identity, description, listener != null, delivered.get(), queue.size(),
                    dropped.get(), failures.get());
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            while (true) {
                E event;
                Consumer<? super E> to;
                lock.lock();
                try {
                    while (true) {
                        if (closed && (sink == null || queue.isEmpty() || System.nanoTime() - drainDeadline > 0)) {
                            giveUp("the event service stopped");
                            return;
                        }
                        if (sink != null && !queue.isEmpty()) {
                            break;
                        }
                        if (sink == null && System.nanoTime() - absentSince > timeToLiveNanos) {
                            closed = true;
                            giveUp("no listener came back for it");
                            return;
                        }
                        changed.await(closed ? 50 : 1000, TimeUnit.MILLISECONDS);
                    }
                    event = queue.peekFirst();
                    to = sink;
                } finally {
                    lock.unlock();
                }
                deliver(to, event);
                lock.lock();
                try {
                    // only this thread takes events out, so the head is still this one
                    queue.removeFirst();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            lock.lock();
            try {
                closed = true;
                giveUp("its thread was interrupted");
            } finally {
                lock.unlock();
            }
        } finally {
            owner.ended(this);
        }
    }

    /** Called with the lock held. */
    private void giveUp(String why) {
        if (!queue.isEmpty()) {
            LOG.warn("{}: {} events not delivered: {}", description, queue.size(), why);
            countDropped(queue.size());
            queue.clear();
        }
    }

    private void deliver(Consumer<? super E> to, E event) {
        try {
            to.accept(event);
            delivered.incrementAndGet();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // logged for the first failure and then every thousandth, so a broken listener cannot flood the log
            long n = failures.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("{} failed on {} (failure {}): {}", description, event, n, e.toString(), e);
            }
        }
    }

    private void countDropped(long n) {
        if (dropped.getAndAdd(n) == 0) {
            LOG.warn("{}: events are being dropped (lane full or gone; see ftp:status)", description);
        }
    }
}
