package org.plugftpd.core.impl.guard;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One guard's own thread and bounded queue: what the core tells a guard runs here, in order, so a
 * slow guard delays only itself and never a session. A full queue drops (and counts) the news.
 * Thread-safe; {@link #close} stops the thread after the task in hand (no interrupt: a guard may
 * be writing a file).
 */
final class GuardLane {
    static final int CAPACITY = 10_000;
    private static final Runnable STOP = () -> { };

    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    GuardLane(String name) {
        thread = new Thread(this::run, "plugftpd-guard " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code task}; false (and counted) when the queue is full or the lane closed. */
    boolean submit(Runnable task) {
        if (closed || !queue.offer(task)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    long dropped() {
        return dropped.get();
    }

    int backlog() {
        return queue.size();
    }

    void close() {
        closed = true;
        queue.clear();
        queue.offer(STOP);
    }

    private void run() {
        while (!closed) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP || closed) {
                return;
            }
            task.run();
        }
    }
}
