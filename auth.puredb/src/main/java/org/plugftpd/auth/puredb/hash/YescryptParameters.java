package org.plugftpd.auth.puredb.hash;

/**
 * The cost fields at the start of a yescrypt setting ({@code j9T...}): flavor, log2(N) and r in
 * yescrypt's variable-length encoding, where a first character past a group's range announces
 * more characters. Only the memory they imply is needed here (libcrypt does the rest). Stateless.
 */
final class YescryptParameters {

    private YescryptParameters() {
    }

    /** 128·r·N bytes, or 0 when the fields do not decode (libcrypt will refuse such a setting). */
    static long workingMemory(String parameters) {
        int[] position = {0};
        long flavor = decode(parameters, position, 0);
        long log2N = decode(parameters, position, 1);
        long r = decode(parameters, position, 1);
        if (flavor < 0 || log2N < 0 || r < 0) {
            return 0;
        }
        if (log2N > 62 || r > (1L << 30)) {
            return Long.MAX_VALUE;
        }
        long n = 1L << log2N;
        return n > Long.MAX_VALUE / 128 / r ? Long.MAX_VALUE : 128 * r * n;
    }

    /**
     * One number from {@code position[0]}, advancing it; -1 when malformed. The first character
     * selects a range: values 0-47 stand alone, and each further range (48-55, 56-59, ...) adds
     * one more 6-bit character and an offset, as yescrypt writes them.
     */
    static long decode(String s, int[] position, long minimum) {
        if (position[0] >= s.length()) {
            return -1;
        }
        int first = CryptAlphabet.value(s.charAt(position[0]++));
        if (first < 0) {
            return -1;
        }
        long value = minimum;
        int start = 0;
        int end = 47;
        int extraChars = 0;
        int bits = 0;
        while (first > end) {
            value += (long) (end + 1 - start) << bits;
            start = end + 1;
            end = start + (62 - end) / 2;
            extraChars++;
            bits += 6;
        }
        value += (long) (first - start) << bits;
        for (int i = 0; i < extraChars; i++) {
            if (position[0] >= s.length()) {
                return -1;
            }
            int next = CryptAlphabet.value(s.charAt(position[0]++));
            if (next < 0) {
                return -1;
            }
            bits -= 6;
            value += (long) next << bits;
        }
        return value;
    }
}
