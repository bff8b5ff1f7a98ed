package org.plugftpd.core.impl.data;

import java.io.IOException;
import java.net.BindException;
import java.util.BitSet;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Hands out the passive ports of one listener's range: each PASV gets a port drawn at random among
 * those no session holds, so a port cannot be guessed from the previous one; a port refused by the
 * kernel (another program has it) is skipped; when every port is held the answer comes at once
 * instead of waiting for one to come free. Thread-safe; binding happens outside the lock.
 */
final class PassivePortPool {

    /** Binds a listener on a port (0: any port); throws {@link BindException} when that port is taken. */
    interface Binder<T> {
        T bind(int port) throws IOException;
    }

    private final PortRange range;
    private final Supplier<Random> random;
    private final BitSet held;
    private int heldCount;

    PassivePortPool(PortRange range) {
        this(range, ThreadLocalRandom::current);
    }

    PassivePortPool(PortRange range, Supplier<Random> random) {
        this.range = range;
        this.random = random;
        this.held = new BitSet(range.size());
    }

    /**
     * Binds on a free port of the range, drawn at random; returns null when every port is held by a
     * session or refused by the kernel. The port stays held until {@link #release}. Other I/O
     * failures (no sockets left, say) are thrown.
     */
    <T> T draw(Binder<T> binder) throws IOException {
        if (range.any()) {
            return binder.bind(0);
        }
        BitSet tried = null;
        while (true) {
            int index = reserve(tried);
            if (index < 0) {
                return null;
            }
            int port = range.port(index);
            try {
                return binder.bind(port);
            } catch (BindException e) {
                // taken outside plugftpd (or in TIME_WAIT without reuse): try another one
                unreserve(index);
                if (tried == null) {
                    tried = new BitSet(range.size());
                }
                tried.set(index);
            } catch (IOException | RuntimeException e) {
                unreserve(index);
                throw e;
            }
        }
    }

    /** Gives a port back (idempotent; ports outside the range are ignored). */
    void release(int port) {
        int index = range.indexOf(port);
        if (index >= 0) {
            unreserve(index);
        }
    }

    /** Ports held by sessions right now. */
    synchronized int held() {
        return heldCount;
    }

    /** Marks a random free, untried port as held; -1 when there is none. */
    private synchronized int reserve(BitSet tried) {
        int n = range.size();
        if (heldCount + (tried == null ? 0 : tried.cardinality()) >= n) {
            return -1;
        }
        // a random start, then the next port that is neither held nor tried, wrapping around
        int start = random.get().nextInt(n);
        int i = start;
        for (int seen = 0; seen < n; seen++) {
            i = held.nextClearBit(i);
            if (i >= n) {
                i = held.nextClearBit(0);
                if (i >= n) {
                    return -1;
                }
            }
            if (tried == null || !tried.get(i)) {
                held.set(i);
                heldCount++;
                return i;
            }
            i = i + 1 < n ? i + 1 : 0;
        }
        return -1;
    }

    private synchronized void unreserve(int index) {
        if (held.get(index)) {
            held.clear(index);
            heldCount--;
        }
    }
}
