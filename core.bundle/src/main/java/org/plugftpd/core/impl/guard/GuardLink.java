package org.plugftpd.core.impl.guard;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.osgi.framework.ServiceReference;
import org.plugftpd.guard.api.Admission;
import org.plugftpd.guard.api.ConnectionGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound {@link ConnectionGuard} as the chain uses it: asked directly (timed), told through its
 * own {@link GuardLane}; its failures, slowness and dropped news are logged once each, with the
 * bundle that registered it. Thread-safe.
 */
final class GuardLink {
    private static final Logger LOG = LoggerFactory.getLogger(GuardChain.class);
    /** What an answer from memory never takes; a slower one is worth one warning. */
    static final long SLOW_ADMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    final String name;
    /** Null for a guard added without a framework (tests). */
    final ServiceReference<ConnectionGuard> ref;
    final ConnectionGuard guard;
    private final GuardLane lane;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AtomicBoolean slownessLogged = new AtomicBoolean();
    private final AtomicBoolean dropLogged = new AtomicBoolean();

    GuardLink(String name, ServiceReference<ConnectionGuard> ref, ConnectionGuard guard) {
        this.name = name;
        this.ref = ref;
        this.guard = guard;
        this.lane = new GuardLane(name);
    }

    /** The guard's answer; a guard that fails or answers null admits (a broken guard must not lock everybody out). */
    Admission ask(InetSocketAddress client) {
        long start = System.nanoTime();
        Admission answer;
        try {
            answer = guard.admit(client);
        } catch (RuntimeException | LinkageError e) {
            failed("admit", e);
            return Admission.allow();
        }
        long took = System.nanoTime() - start;
        if (took > SLOW_ADMIT_NANOS && slownessLogged.compareAndSet(false, true)) {
            LOG.warn("connection guard {} took {} ms to admit a connection (guards must answer from memory);"
                    + " logged once", name, TimeUnit.NANOSECONDS.toMillis(took));
        }
        if (answer == null) {
            failed("admit", new NullPointerException("admit answered null"));
            return Admission.allow();
        }
        return answer;
    }

    /** Runs {@code news} on the guard's lane; never blocks, never throws. */
    void tell(String what, Consumer<ConnectionGuard> news) {
        boolean queued = lane.submit(() -> {
            try {
                news.accept(guard);
            } catch (RuntimeException | LinkageError e) {
                failed(what, e);
            }
        });
        if (!queued && dropLogged.compareAndSet(false, true)) {
            LOG.warn("connection guard {} is not keeping up ({} events queued); further events to it are dropped"
                    + " and counted; logged once", name, GuardLane.CAPACITY);
        }
    }

    long dropped() {
        return lane.dropped();
    }

    void close() {
        lane.close();
    }

    private void failed(String what, Throwable e) {
        // a bundle being updated may fail mid-call; one line per guard, not one per connection
        if (failureLogged.compareAndSet(false, true)) {
            LOG.warn("connection guard {} failed in {}: {}; further failures of it are not logged", name, what,
                    e.toString());
        } else {
            LOG.debug("connection guard {} failed in {}: {}", name, what, e.toString());
        }
    }
}
