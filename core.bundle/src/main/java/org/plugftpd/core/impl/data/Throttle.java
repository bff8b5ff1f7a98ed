package org.plugftpd.core.impl.data;

import java.util.concurrent.TimeUnit;

/**
 * An account's bandwidth limit (Pure-FTPd's per-user throttling, FtpServer's TransferRateRequest):
 * keeps the average rate since the start of the transfer at or under the limit by telling the
 * transfer how long to wait before its next block. One instance per transfer; not thread-safe.
 */
final class Throttle {
    private final long bytesPerSecond;
    private final long startNanos;

    /** @param bytesPerSecond the limit; 0 or less means none */
    Throttle(long bytesPerSecond, long startNanos) {
        this.bytesPerSecond = bytesPerSecond;
        this.startNanos = startNanos;
    }

    boolean limited() {
        return bytesPerSecond > 0;
    }

    /** A block size that keeps the pauses short (a tenth of a second of data), within [1 KiB, max]. */
    int blockSize(int max) {
        if (!limited()) {
            return max;
        }
        return (int) Math.max(1024, Math.min(max, bytesPerSecond / 10));
    }

    /** Nanoseconds to wait, at {@code nowNanos}, before moving more after {@code transferred} bytes. */
    long delayNanos(long transferred, long nowNanos) {
        if (!limited()) {
            return 0;
        }
        // due = when `transferred` bytes are allowed at the limit
        double seconds = (double) transferred / bytesPerSecond;
        long due = startNanos + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
        return Math.max(0, due - nowNanos);
    }
}
