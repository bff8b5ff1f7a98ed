package org.plugftpd.auth.puredb.hash;

/**
 * The 64 characters crypt(3) formats use for salts and hashes ({@code ./0-9A-Za-z}, in value
 * order) and the little-endian 6-bit packing of scrypt's {@code $7$} strings. Stateless.
 */
final class CryptAlphabet {

    static final String CHARS = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private CryptAlphabet() {
    }

    /** The 6-bit value of {@code c}, or -1 when it is not in the alphabet. */
    static int value(char c) {
        if (c >= '.' && c <= '9') {
            return c - '.';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 12;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 38;
        }
        return -1;
    }

    static boolean isMember(char c) {
        return value(c) >= 0;
    }

    /** True when every character of {@code s} from {@code from} (inclusive) to {@code to} (exclusive) is in the alphabet. */
    static boolean allMembers(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isMember(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code count} characters from {@code offset}, least significant 6 bits first; -1 if one is not in the alphabet. */
    static long decodeLittleEndian(String s, int offset, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            int digit = value(s.charAt(offset + i));
            if (digit < 0) {
                return -1;
            }
            value |= (long) digit << (6 * i);
        }
        return value;
    }

    /** Bytes packed three at a time into 24-bit little-endian groups, emitted 6 bits at a time (escrypt's encoding). */
    static String encodeLittleEndian(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 5) / 6);
        for (int i = 0; i < bytes.length; i += 3) {
            int group = 0;
            int bits = 0;
            for (int j = i; j < Math.min(i + 3, bytes.length); j++) {
                group |= (bytes[j] & 0xFF) << bits;
                bits += 8;
            }
            for (int emitted = 0; emitted < bits; emitted += 6) {
                out.append(CHARS.charAt((group >>> emitted) & 0x3F));
            }
        }
        return out.toString();
    }
}
