package org.plugftpd.core.impl.data;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The passive ports of {@code passivePorts}: comma separated ports and closed ranges
 * ({@code 30000-30100, 30200}), or none at all, meaning "any free port the kernel picks".
 * Immutable.
 */
final class PortRange {
    private static final PortRange ANY = new PortRange(new int[0]);

    private final int[] ports;

    private PortRange(int[] ports) {
        this.ports = ports;
    }

    /** Parses the (already validated) setting; throws IllegalArgumentException naming the bad part. */
    static PortRange parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return ANY;
        }
        TreeSet<Integer> all = new TreeSet<>();
        for (String part : spec.split(",")) {
            String[] ends = part.trim().split("-", -1);
            if (ends.length > 2) {
                throw new IllegalArgumentException("passive ports: '" + part.trim() + "' is not a port or a range");
            }
            int lo = port(ends[0]);
            int hi = ends.length == 2 ? port(ends[1]) : lo;
            if (lo > hi) {
                throw new IllegalArgumentException("passive ports: range '" + part.trim() + "' ends before it starts");
            }
            for (int p = lo; p <= hi; p++) {
                all.add(p);
            }
        }
        return new PortRange(all.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int port(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("passive ports: '" + s.trim() + "' is not a port (1-65535)");
    }

    /** True when no range is configured: every passive listener binds port 0. */
    boolean any() {
        return ports.length == 0;
    }

    int size() {
        return ports.length;
    }

    /** The i-th port, ascending. */
    int port(int i) {
        return ports[i];
    }

    /** The index of {@code port}, or a negative number when it is not in the range. */
    int indexOf(int port) {
        return Arrays.binarySearch(ports, port);
    }
}
