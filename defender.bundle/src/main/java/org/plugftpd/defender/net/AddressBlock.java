package org.plugftpd.defender.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32});
 * a single address is a block of full length. IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1})
 * count as the IPv4 address they carry. Parsing never asks DNS. Immutable.
 */
public final class AddressBlock {
    private final byte[] network;
    private final int prefix;

    private AddressBlock(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** The block of {@code prefix} leading bits that holds {@code address} (capped at the address length). */
    public static AddressBlock of(InetAddress address, int prefix) {
        byte[] bytes = normalize(address.getAddress());
        int bits = bytes.length * 8;
        int p = Math.max(0, Math.min(prefix, bits));
        return new AddressBlock(mask(bytes, p), p);
    }

    /** The block holding just {@code address}. */
    public static AddressBlock of(InetAddress address) {
        return of(address, 128);
    }

    /**
     * Parses {@code 192.0.2.7}, {@code 192.0.2.0/24}, {@code 2001:db8::1}, {@code 2001:db8::/48}
     * (host bits after the prefix are cleared: {@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static AddressBlock parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = normalize(literal(host, text));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("'" + text + "': the prefix length after '/' must be a number");
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                throw new IllegalArgumentException("'" + text + "': an " + (bits == 32 ? "IPv4" : "IPv6")
                        + " prefix is at most /" + bits);
            }
        }
        return new AddressBlock(mask(bytes, prefix), prefix);
    }

    /** True when {@code address} is in this block (an IPv4 address is never in an IPv6 block). */
    public boolean contains(InetAddress address) {
        byte[] bytes = normalize(address.getAddress());
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & m) == (network[full] & 0xff);
    }

    /** True when every address of {@code other} is in this block. */
    public boolean covers(AddressBlock other) {
        return other.network.length == network.length && other.prefix >= prefix && contains(other.first());
    }

    public int prefix() {
        return prefix;
    }

    public boolean ipv4() {
        return network.length == 4;
    }

    /** True for a block of one address. */
    public boolean single() {
        return prefix == network.length * 8;
    }

    /** The first address of the block. */
    public InetAddress first() {
        try {
            return InetAddress.getByAddress(network.clone());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressBlock && prefix == ((AddressBlock) o).prefix
                && Arrays.equals(network, ((AddressBlock) o).network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    /** {@code 192.0.2.7} for one address, else {@code 192.0.2.0/24}; IPv6 in RFC 5952's short form. */
    @Override
    public String toString() {
        String text = network.length == 4 ? ipv4Text(network) : ipv6Text(network);
        return single() ? text : text + "/" + prefix;
    }

    /** How an address is written in bans and logs: RFC 5952 for IPv6, the IPv4 address of a mapped one. */
    public static String text(InetAddress address) {
        byte[] bytes = normalize(address.getAddress());
        return bytes.length == 4 ? ipv4Text(bytes) : ipv6Text(bytes);
    }

    private static byte[] literal(String host, String original) {
        if (host.indexOf(':') >= 0) {
            if (!host.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("'" + original + "' is not an IPv6 address");
            }
            try {
                // the brackets make the JDK parse a literal or fail, never look the text up in DNS
                InetAddress a = InetAddress.getByName("[" + host + "]");
                return a.getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + original + "' is not an IPv6 address");
            }
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + original + "' is not an IP address (a.b.c.d or IPv6)");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}") || Integer.parseInt(parts[i]) > 255) {
                throw new IllegalArgumentException("'" + original + "' is not an IPv4 address (each part 0 to 255)");
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    /** IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) to its IPv4 address; anything else as it is. */
    private static byte[] normalize(byte[] bytes) {
        if (bytes.length == 16) {
            boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                return Arrays.copyOfRange(bytes, 12, 16);
            }
        }
        return bytes.clone();
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & ((0xff << (8 - keep)) & 0xff));
        }
        return out;
    }

    private static String ipv4Text(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }

    // RFC 5952 §4: lower case, no leading zeros, the longest run (first of equals) of two or more
    // zero groups as "::"
    private static String ipv6Text(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
