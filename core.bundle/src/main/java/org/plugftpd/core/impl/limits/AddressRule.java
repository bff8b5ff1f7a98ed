package org.plugftpd.core.impl.limits;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allow/deny address lists of a {@code pureftpd.passwd} line (fields 14–17), matched as
 * Pure-FTPd 1.0.50 does (spec/passwd.md §2.2, "IP list matching"). Stateless.
 */
public final class AddressRule {
    private static final Logger LOG = LoggerFactory.getLogger(AddressRule.class);

    private AddressRule() {
    }

    /** The decision table of spec/passwd.md §2.2 for one pair of lists. */
    public static boolean permits(List<String> allow, List<String> deny, InetAddress address) {
        boolean allowEmpty = isEmpty(allow);
        boolean denyEmpty = isEmpty(deny);
        if (allowEmpty && denyEmpty) {
            return true;
        }
        if (allowEmpty) {
            return !matches(deny, address);
        }
        if (denyEmpty) {
            return matches(allow, address);
        }
        return matches(allow, address) && !matches(deny, address);
    }

    private static boolean isEmpty(List<String> list) {
        for (String s : list) {
            if (!s.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** True when any entry of a non-empty list covers the address; IPv6 clients never match. */
    static boolean matches(List<String> entries, InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        int ip = toInt(address);
        for (String raw : entries) {
            for (String entry : raw.split(",")) {
                if (entryMatches(entry.trim(), ip)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean entryMatches(String entry, int ip) {
        if (entry.isEmpty()) {
            return false;
        }
        String host = entry;
        int bits = 32;
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            host = entry.substring(0, slash);
            bits = cNumber(entry.substring(slash + 1));
            if (bits == 0) {
                // 1.0.50 quirk: /0 makes the matcher report an error, which its caller takes as a match
                return true;
            }
            bits = Math.min(bits, 32);
        }
        InetAddress target;
        try {
            target = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            LOG.warn("address rule entry '{}' does not resolve; it never matches", entry);
            return false;
        }
        if (!(target instanceof Inet4Address)) {
            return false;
        }
        int mask = bits == 32 ? -1 : ~(-1 >>> bits);
        return (toInt(target) & mask) == (ip & mask);
    }

    /** C strtoul on the leading digits: garbage gives 0 (spec/README.md, conventions). */
    private static int cNumber(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        long n = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            n = Math.min(n * 10 + (s.charAt(i) - '0'), Integer.MAX_VALUE);
            i++;
        }
        return (int) n;
    }

    private static int toInt(InetAddress a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }
}
