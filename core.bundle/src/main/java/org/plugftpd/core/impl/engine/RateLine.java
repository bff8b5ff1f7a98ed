package org.plugftpd.core.impl.engine;

import java.util.Locale;

/** The "N seconds (measured here), R unit per second" line of a transfer reply (spec/server-behaviour.md §4). */
public final class RateLine {

    private RateLine() {
    }

    /** @return the line, or null when the rate is too small to print (≤ 0.1 B/s) */
    public static String of(long bytes, long nanos) {
        double seconds = nanos / 1e9;
        double speed = bytes / Math.max(seconds, 1e-6);
        String unit;
        if (speed > 512.0 * 1024) {
            speed /= 1024.0 * 1024;
            unit = "Mbytes";
        } else if (speed > 512.0) {
            speed /= 1024.0;
            unit = "Kbytes";
        } else if (speed > 0.1) {
            unit = "bytes";
        } else {
            return null;
        }
        return String.format(Locale.ROOT, "%.3f seconds (measured here), %.2f %s per second", seconds, speed, unit);
    }
}
