package org.plugftpd.core.impl.who;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns addresses into the host text pure-ftpwho prints: a reverse-DNS name, or the numeric form
 * {@code getnameinfo(NI_NUMERICHOST)} gives (spec/ftpwho.md §3). Stateless, thread-safe.
 */
public final class HostNames {

    private HostNames() {
    }

    /**
     * The production resolver: a PTR lookup of the bare address (not a name the address may have
     * been created with), the numeric form when there is no name. Unlike getnameinfo, Java also
     * checks that the name maps back to the address, and answers with the address if not.
     */
    public static Function<InetAddress, String> reverseDns() {
        return address -> {
            try {
                InetAddress bare = InetAddress.getByAddress(address.getAddress());
                String name = bare.getHostName();
                // Java's fallback text is uncompressed IPv6; use the getnameinfo form instead.
                return name.equals(bare.getHostAddress()) ? numeric(address) : name;
            } catch (UnknownHostException e) {
                return numeric(address);
            }
        };
    }

    /**
     * Asks the resolver at most once per address, so one report does not repeat slow lookups
     * for the many sessions sharing a client or the server address. Not thread-safe: one per report.
     */
    static Function<InetAddress, String> oncePerAddress(Function<InetAddress, String> resolver) {
        Map<InetAddress, Optional<String>> answers = new HashMap<>();
        return address -> answers.computeIfAbsent(address, key -> {
            try {
                return Optional.ofNullable(resolver.apply(key));
            } catch (RuntimeException e) {
                // spec/ftpwho.md §3: a failed lookup shows the numeric address, it does not abort.
                return Optional.empty();
            }
        }).orElse(null);
    }

    /** The host text for one address, following the spec's fallbacks. */
    static String hostText(InetAddress address, boolean numericOnly, Function<InetAddress, String> resolver) {
        if (numericOnly) {
            return numeric(address);
        }
        String name;
        try {
            name = resolver.apply(address);
        } catch (RuntimeException e) {
            name = null;
        }
        // spec/ftpwho.md §3: a failed lookup falls back to the numeric address.
        return name == null || name.isEmpty() ? numeric(address) : name;
    }

    /**
     * The numeric text as inet_ntop/getnameinfo write it: dotted quad, or RFC 5952 compressed IPv6
     * with a {@code %scope} suffix (Java's own IPv6 text is uncompressed).
     */
    public static String numeric(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        Inet6Address v6 = (Inet6Address) address;
        byte[] bytes = v6.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        // glibc leaves a single zero group alone (RFC 5952 §4.2.2).
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder text = new StringBuilder();
        // glibc writes IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) with a dotted tail.
        boolean dottedTail = bestStart == 0 && (bestLength == 6 || (bestLength == 5 && groups[5] == 0xffff));
        int lastGroup = dottedTail ? 6 : 8;
        for (int i = 0; i < lastGroup; i++) {
            if (i == bestStart) {
                text.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            text.append(Integer.toHexString(groups[i]));
            if (i + 1 < lastGroup) {
                text.append(':');
            }
        }
        if (dottedTail) {
            if (text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(bytes[12] & 0xff).append('.').append(bytes[13] & 0xff).append('.')
                    .append(bytes[14] & 0xff).append('.').append(bytes[15] & 0xff);
        }
        NetworkInterface scopeInterface = v6.getScopedInterface();
        if (scopeInterface != null) {
            text.append('%').append(scopeInterface.getName());
        } else if (v6.getScopeId() != 0) {
            text.append('%').append(v6.getScopeId());
        }
        return text.toString();
    }
}
