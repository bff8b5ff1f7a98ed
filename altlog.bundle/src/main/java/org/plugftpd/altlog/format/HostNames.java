package org.plugftpd.altlog.format;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The client host as Pure-FTPd writes it in its alternative logs (spec/altlog.md §3 "host").
 * Stateless static functions; thread-safe; never does a DNS lookup.
 */
public final class HostNames {

    private HostNames() {
    }

    /**
     * The numeric form Pure-FTPd logs under {@code -H}: dotted IPv4 (also for IPv4-mapped IPv6),
     * otherwise compressed lower-case IPv6 (RFC 5952, like getnameinfo) with a scope as {@code _scope};
     * {@code -} for null.
     */
    public static String forLog(InetAddress address) {
        if (address == null) {
            return "-";
        }
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] raw = address.getAddress();
        if (isIpv4Mapped(raw)) {
            return (raw[12] & 0xff) + "." + (raw[13] & 0xff) + "." + (raw[14] & 0xff) + "." + (raw[15] & 0xff);
        }
        String text = compressedIpv6(raw);
        Inet6Address v6 = (Inet6Address) address;
        if (v6.getScopedInterface() != null) {
            text += "%" + v6.getScopedInterface().getName();
        } else if (v6.getScopeId() != 0) {
            text += "%" + v6.getScopeId();
        }
        return forLog(text);
    }

    /** {@link #forLog(InetAddress)} of the socket's address, {@code -} for null or unresolved. */
    public static String forLog(InetSocketAddress socket) {
        return socket == null ? "-" : forLog(socket.getAddress());
    }

    /**
     * Pure-FTPd's sanitising of a host name (resolved or numeric): every byte of its UTF-8 form other
     * than {@code a-z A-Z 0-9 . - :} becomes {@code _}; null or empty gives {@code -}. Idempotent.
     */
    public static String forLog(String host) {
        if (host == null || host.isEmpty()) {
            return "-";
        }
        byte[] bytes = host.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == ':';
            out.append(kept ? c : '_');
        }
        return out.toString();
    }

    private static boolean isIpv4Mapped(byte[] raw) {
        if (raw.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
    }

    // RFC 5952 §4: lower-case hex, no leading zeros, the longest run (first if tied) of 2+ zero groups as "::"
    private static String compressedIpv6(byte[] raw) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((raw[2 * i] & 0xff) << 8) | (raw[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
