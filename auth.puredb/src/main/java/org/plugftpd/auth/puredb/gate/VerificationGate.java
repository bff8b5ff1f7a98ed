package org.plugftpd.auth.puredb.gate;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds password verification during a login storm: at most {@code slots} verifications run at
 * once and together they never hold more than {@code memoryBudget} bytes of working memory
 * (argon2's m, scrypt's 128·r·N). Up to {@code queueCapacity} logins wait, first come first
 * served, for at most {@code maxWaitMillis}; anything beyond is refused at once, so a storm costs
 * neither heap nor threads. Thread-safe; one instance per authenticator configuration.
 */
public final class VerificationGate {

    /** Why a verification was not let in. */
    public enum Refusal {
        /** One verification alone needs more memory than the whole budget. */
        TOO_EXPENSIVE,
        /** The waiting line is full. */
        QUEUE_FULL,
        /** Waited {@code maxWaitMillis} without getting in. */
        TIMED_OUT,
        /** The waiting thread was interrupted (session closed, bundle stopping). */
        INTERRUPTED,
        /** The gate was closed (configuration replaced, bundle stopping). */
        CLOSED
    }

    /** Thrown by {@link #enter(long)} when the verification must not run. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Refusal refusal;

        RefusedException(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** Held while one verification runs; closing it lets the next waiter in. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final int slots;
    private final long memoryBudget;
    private final int queueCapacity;
    private final long maxWaitNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Condition> line = new ArrayDeque<>();
    private int running;
    private long memoryInUse;
    private boolean closed;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong admitted = new AtomicLong();

    public VerificationGate(int slots, long memoryBudget, int queueCapacity, long maxWaitMillis) {
        if (slots < 1 || memoryBudget < 1 || queueCapacity < 0 || maxWaitMillis < 0) {
            throw new IllegalArgumentException("slots " + slots + ", memory " + memoryBudget + ", queue "
                    + queueCapacity + ", wait " + maxWaitMillis);
        }
        this.slots = slots;
        this.memoryBudget = memoryBudget;
        this.queueCapacity = queueCapacity;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
    }

    /**
     * Waits for a slot and {@code memory} bytes of the budget.
     *
     * @throws RefusedException when the verification must not run (see {@link Refusal})
     */
    public Permit enter(long memory) throws RefusedException {
        long need = Math.max(0, memory);
        if (need > memoryBudget) {
            refused.incrementAndGet();
            throw new RefusedException(Refusal.TOO_EXPENSIVE, "the hash needs " + mib(need)
                    + " MiB to verify, more than the whole verification budget of " + mib(memoryBudget) + " MiB");
        }
        lock.lock();
        try {
            if (closed) {
                throw refuse(Refusal.CLOSED, "the authenticator is shutting down");
            }
            if (line.isEmpty() && fits(need)) {
                return admit(need);
            }
            if (line.size() >= queueCapacity) {
                throw refuse(Refusal.QUEUE_FULL, line.size() + " logins already wait for "
                        + running + " running verifications");
            }
            Condition mine = lock.newCondition();
            line.addLast(mine);
            long left = maxWaitNanos;
            try {
                // first come, first served: only the head of the line may take what is free, so a
                // costly hash is not overtaken forever by cheap ones
                while (!closed && !(line.peekFirst() == mine && fits(need))) {
                    if (left <= 0) {
                        throw refuse(Refusal.TIMED_OUT, "no verification slot within "
                                + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms");
                    }
                    left = mine.awaitNanos(left);
                }
                if (closed) {
                    throw refuse(Refusal.CLOSED, "the authenticator is shutting down");
                }
                return admit(need);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refuse(Refusal.INTERRUPTED, "interrupted while waiting for a verification slot");
            } finally {
                line.remove(mine);
                wakeHead();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Refuses everybody waiting and every later caller; running verifications finish. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Condition c : line) {
                c.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    public int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    public int waiting() {
        lock.lock();
        try {
            return line.size();
        } finally {
            lock.unlock();
        }
    }

    public long memoryInUse() {
        lock.lock();
        try {
            return memoryInUse;
        } finally {
            lock.unlock();
        }
    }

    public long admittedCount() {
        return admitted.get();
    }

    public long refusedCount() {
        return refused.get();
    }

    public int slots() {
        return slots;
    }

    public long memoryBudget() {
        return memoryBudget;
    }

    private boolean fits(long need) {
        return running < slots && memoryInUse + need <= memoryBudget;
    }

    private Permit admit(long need) {
        running++;
        memoryInUse += need;
        admitted.incrementAndGet();
        return new Permit() {
            private boolean released;

            @Override
            public void close() {
                lock.lock();
                try {
                    if (!released) {
                        released = true;
                        running--;
                        memoryInUse -= need;
                        wakeHead();
                    }
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    private void wakeHead() {
        Condition head = line.peekFirst();
        if (head != null) {
            head.signal();
        }
    }

    private RefusedException refuse(Refusal why, String message) {
        refused.incrementAndGet();
        return new RefusedException(why, message);
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
