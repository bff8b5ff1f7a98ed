package org.plugftpd.altlog.component;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The {@code host} field of every format (spec/altlog.md §3). Stateless. */
final class ClientHost {

    private ClientHost() {
    }

    /** The client's address (or, with {@code resolve}, its reverse-DNS name) as Pure-FTPd prints it. */
    static String of(InetSocketAddress client, boolean resolve) {
        if (client == null) {
            return "-";
        }
        InetAddress a = client.getAddress();
        if (a == null) {
            return sanitize(client.getHostString());
        }
        String text = resolve ? a.getCanonicalHostName() : null;
        if (text == null || text.equals(a.getHostAddress())) {
            text = numeric(a);
        }
        return sanitize(text);
    }

    /** Numeric form like getnameinfo: IPv4-mapped as IPv4, IPv6 with the longest zero run as "::". */
    static String numeric(InetAddress a) {
        byte[] b = a.getAddress();
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;) {
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(words[i]));
        }
        return sb.toString();
    }

    // spec/altlog.md §3: anything but a-z A-Z 0-9 . - : becomes _, and an empty host is "-"
    static String sanitize(String host) {
        if (host == null || host.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '-' || c == ':';
            sb.append(keep ? c : '_');
        }
        return sb.toString();
    }
}
