package org.plugftpd.core.impl.data;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Parses PORT {@code h1,h2,h3,h4,p1,p2} and EPRT {@code |1|a.b.c.d|port|} / {@code |2|v6|port|}
 * (RFC 959, RFC 2428) as Pure-FTPd reads them, numeric addresses only (no name is ever looked up),
 * and checks the target as Pure-FTPd does. Stateless.
 */
final class PortArgument {
    static final String SYNTAX = "Syntax error in IP address";
    static final String FAMILY = "Only IPv4 and IPv6 are supported (1,2)";
    static final String LOW_PORT = "Sorry, but I won't connect to ports < 1024";

    private PortArgument() {
    }

    /** The target of a PORT argument; throws with the 501 text when it does not parse. */
    static InetSocketAddress port(String arg) throws DataUnavailableException {
        if (arg == null) {
            throw new DataUnavailableException(501, SYNTAX);
        }
        String[] f = arg.trim().split(",", -1);
        if (f.length != 6) {
            throw new DataUnavailableException(501, SYNTAX);
        }
        int[] n = new int[6];
        for (int i = 0; i < 6; i++) {
            n[i] = number(f[i].trim(), 255);
        }
        if ((n[0] | n[1] | n[2] | n[3]) == 0 || (n[4] | n[5]) == 0) {
            throw new DataUnavailableException(501, SYNTAX);
        }
        return new InetSocketAddress(v4(n[0], n[1], n[2], n[3]), n[4] << 8 | n[5]);
    }

    /** The target of an EPRT argument; throws with 501 (syntax) or 522 (family) text. */
    static InetSocketAddress extended(String arg) throws DataUnavailableException {
        if (arg == null || arg.length() < 4) {
            throw new DataUnavailableException(501, SYNTAX);
        }
        char delim = arg.charAt(0);
        String[] f = arg.substring(1).split(java.util.regex.Pattern.quote(String.valueOf(delim)), -1);
        // family, address, port, and nothing (or only spaces) after the closing delimiter
        if (f.length != 4 || !f[3].isBlank()) {
            throw new DataUnavailableException(501, SYNTAX);
        }
        if (!f[0].equals("1") && !f[0].equals("2")) {
            throw new DataUnavailableException(f[0].matches("\\d+") ? 522 : 501, f[0].matches("\\d+") ? FAMILY : SYNTAX);
        }
        InetAddress address;
        if (f[0].equals("1")) {
            String[] q = f[1].split("[.,]", -1);
            if (q.length != 4) {
                throw new DataUnavailableException(501, SYNTAX);
            }
            int a = number(q[0], 255), b = number(q[1], 255), c = number(q[2], 255), d = number(q[3], 255);
            if ((a | b | c | d) == 0) {
                throw new DataUnavailableException(501, SYNTAX);
            }
            address = v4(a, b, c, d);
        } else {
            // hex digits and colons only: getByName then never resolves a name
            if (!f[1].matches("[0-9A-Fa-f:]+") || f[1].indexOf(':') < 0) {
                throw new DataUnavailableException(501, SYNTAX);
            }
            try {
                address = InetAddress.getByName(f[1]);
            } catch (UnknownHostException e) {
                throw new DataUnavailableException(501, SYNTAX);
            }
        }
        int port = number(f[2], 65535);
        if (port == 0) {
            throw new DataUnavailableException(501, SYNTAX);
        }
        return new InetSocketAddress(address, port);
    }

    /**
     * Pure-FTPd's refusal of a checked target, or null when it may be used: a port under 1024
     * (501), another address than the client's unless FXP is allowed (500).
     */
    static DataReply refusal(InetSocketAddress target, InetAddress client, boolean addressCheck) {
        if (target.getPort() < 1024) {
            return new DataReply(501, LOW_PORT);
        }
        if (addressCheck && !target.getAddress().equals(client)) {
            return new DataReply(500, "I won't open a connection to " + target.getAddress().getHostAddress()
                    + " (only to " + client.getHostAddress() + ")");
        }
        return null;
    }

    private static int number(String s, int max) throws DataUnavailableException {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            throw new DataUnavailableException(501, SYNTAX);
        }
        int v = Integer.parseInt(s);
        if (v > max) {
            throw new DataUnavailableException(501, SYNTAX);
        }
        return v;
    }

    private static Inet4Address v4(int a, int b, int c, int d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
