package org.plugftpd.auth.puredb.ctext;

/**
 * The C library's number conversions as Pure-FTPd and pure-pw apply them to passwd fields and option values
 * ({@code strtoul}, {@code strtoull}, {@code sscanf("%u-%u")}) on Linux x86-64, where {@code unsigned long} has
 * 64 bits: same wrap-around, same acceptance of odd text. Strings are byte strings or text; only ASCII matters.
 * Stateless; thread-safe.
 */
public final class CNumbers {

    /** All 64 bits set: what {@code strtoul} returns on overflow. */
    public static final long ULONG_MAX = -1L;

    private static final long LOW_32_BITS = 0xFFFF_FFFFL;

    private CNumbers() {
    }

    /**
     * {@code strtoul(s, NULL, 10)} (and {@code strtoull}, the same on this platform): leading white space and one
     * sign are accepted, reading stops at the first non-digit, no digit gives 0, overflow gives {@link #ULONG_MAX},
     * a minus sign negates modulo 2^64.
     *
     * @return the unsigned 64-bit result as the bits of a long
     */
    public static long strtoul(String s) {
        return parseUnsigned(s, 0).value;
    }

    /**
     * {@code (unsigned int) strtoul(s, NULL, 10)}: the low 32 bits, as uid_t, gid_t, the ratios and the session
     * limit keep them (so "-5" is 4294967291).
     *
     * @return 0 to 2^32-1
     */
    public static long strtoul32(String s) {
        return strtoul(s) & LOW_32_BITS;
    }

    /** An unsigned 64-bit value as a Java long, values beyond Long.MAX_VALUE clamped to it. */
    public static long clampUnsigned64(long bits) {
        return bits < 0 ? Long.MAX_VALUE : bits;
    }

    /** An unsigned 32-bit value (0 to 2^32-1 in a long) as a Java int, values beyond Integer.MAX_VALUE clamped. */
    public static int clampUnsigned32(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    /**
     * {@code sscanf(s, "%u-%u", &first, &second) == 2}: each number after optional white space and one sign, with
     * at least one digit, a {@code -} right after the first; anything may follow the second. Whether the pair is
     * acceptable is the caller's rule: pure-pw keeps only clock times, the server compares any pair.
     *
     * @return {first, second} as unsigned 32-bit values, or null when the text does not have that shape
     */
    public static long[] scanRange(String s) {
        Parsed first = parseUnsigned(s, 0);
        if (!first.hasDigits || first.end >= s.length() || s.charAt(first.end) != '-') {
            return null;
        }
        Parsed second = parseUnsigned(s, first.end + 1);
        if (!second.hasDigits) {
            return null;
        }
        return new long[] {first.value & LOW_32_BITS, second.value & LOW_32_BITS};
    }

    /** strtoul from {@code from}; {@code end} is where reading stopped (C's endptr). */
    private static Parsed parseUnsigned(String s, int from) {
        int i = from;
        while (i < s.length() && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long value = 0;
        boolean overflow = false;
        int digitsStart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
            int digit = s.charAt(i) - '0';
            // value * 10 + digit > 2^64 - 1, computed unsigned
            if (Long.compareUnsigned(value, Long.divideUnsigned(ULONG_MAX - digit, 10)) > 0) {
                overflow = true;
            }
            value = value * 10 + digit;
            i++;
        }
        if (i == digitsStart) {
            return new Parsed(0, from, false);
        }
        if (overflow) {
            return new Parsed(ULONG_MAX, i, true);
        }
        return new Parsed(negative ? -value : value, i, true);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code isspace} of the C locale: space, \t, \n, \v, \f, \r. */
    private static boolean isCSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private record Parsed(long value, int end, boolean hasDigits) {
    }
}
