package org.plugftpd.core.impl.control;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * At most {@code perMinute} warnings per client address and minute; the first one over says
 * that the rest of the minute is suppressed. Remembers a bounded number of addresses (the oldest
 * are forgotten first). Thread-safe.
 */
public final class ClientLogLimiter {
    private static final long MINUTE = 60_000_000_000L;
    private static final int ADDRESSES = 4096;

    private final int perMinute;
    private final LongSupplier nanos;
    private final Map<InetAddress, long[]> windows = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
            return size() > ADDRESSES;
        }
    };

    public ClientLogLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    ClientLogLimiter(int perMinute, LongSupplier nanos) {
        this.perMinute = perMinute;
        this.nanos = nanos;
    }

    /** Logs {@code format} at WARN unless this client used up its minute; arguments go through as given. */
    public void warn(Logger log, InetAddress client, String format, Object... args) {
        switch (admit(client)) {
            case 0:
                log.warn(format, args);
                break;
            case 1:
                log.warn(format, args);
                log.warn("{}: more warnings about this client are suppressed for a minute", client.getHostAddress());
                break;
            default:
                break;
        }
    }

    /** 0: log it; 1: log it, it is the last this minute; 2: suppress. */
    synchronized int admit(InetAddress client) {
        long now = nanos.getAsLong();
        long[] w = windows.get(client);
        if (w == null || now - w[0] >= MINUTE) {
            w = new long[] {now, 0};
            windows.put(client, w);
        }
        w[1]++;
        if (w[1] < perMinute) {
            return 0;
        }
        return w[1] == perMinute ? 1 : 2;
    }
}
