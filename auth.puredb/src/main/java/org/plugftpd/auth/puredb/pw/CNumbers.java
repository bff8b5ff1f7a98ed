package org.plugftpd.auth.puredb.pw;

/**
 * The C library number conversions pure-pw applies to option values and file fields ({@code strtoul},
 * {@code strtoull}, {@code sscanf("%u-%u")}), with their wrap-around, on byte strings (one char per byte).
 * Stateless; thread-safe.
 */
final class CNumbers {
    /** All bits set: what {@code strtoul} returns on overflow. */
    static final long ULONG_MAX = -1L;

    private CNumbers() {
    }

    /**
     * {@code strtoul(s, NULL, 10)} on a 64-bit system: leading white space and one sign are accepted, reading
     * stops at the first non-digit, no digit gives 0, overflow gives {@link #ULONG_MAX}, a minus sign negates
     * modulo 2^64. The result is an unsigned 64-bit value held in a long.
     */
    static long strtoul(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long value = 0;
        boolean overflow = false;
        for (; i < n && isDigit(s.charAt(i)); i++) {
            int digit = s.charAt(i) - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(ULONG_MAX - digit, 10)) > 0) {
                overflow = true;
            } else if (!overflow) {
                value = value * 10 + digit;
            }
        }
        if (overflow) {
            return ULONG_MAX;
        }
        return negative ? -value : value;
    }

    /** {@code (unsigned int) strtoul(s, NULL, 10)}: the low 32 bits, as uid_t, gid_t and the ratios keep them. */
    static long strtoul32(String s) {
        return strtoul(s) & 0xFFFF_FFFFL;
    }

    /**
     * {@code sscanf(s, "%u-%u", &begin, &end) == 2}: both numbers as unsigned 32-bit values, or null when the
     * text does not have that shape (trailing text after the second number is ignored, as scanf does).
     */
    static long[] scanTimeWindow(String s) {
        int[] position = {0};
        Long begin = scanUnsigned(s, position);
        if (begin == null || position[0] >= s.length() || s.charAt(position[0]) != '-') {
            return null;
        }
        position[0]++;
        Long end = scanUnsigned(s, position);
        if (end == null) {
            return null;
        }
        return new long[] {begin, end};
    }

    // spec/passwd.md §4 (-z) and §2.1: each bound below 2360 with minutes below 60
    static boolean isValidTimeWindow(long begin, long end) {
        return begin < 2360 && begin % 100 < 60 && end < 2360 && end % 100 < 60;
    }

    /** One scanf {@code %u}: white space, an optional sign, at least one digit; null on a matching failure. */
    private static Long scanUnsigned(String s, int[] position) {
        int i = position[0];
        int n = s.length();
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digitsStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digitsStart) {
            return null;
        }
        position[0] = i;
        return strtoul32(s.substring(start, i));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code isspace} of the C locale. */
    private static boolean isCSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
