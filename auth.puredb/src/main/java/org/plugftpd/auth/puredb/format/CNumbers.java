package org.plugftpd.auth.puredb.format;

/**
 * Number parsing the way Pure-FTPd's C code does it on Linux x86-64 (64-bit {@code unsigned long}),
 * so odd text in a passwd field means the same here as there. Stateless.
 */
final class CNumbers {

    /** Bits of C's {@code ULONG_MAX}, the result of an overflowing strtoul. */
    static final long ULONG_MAX = -1L;

    private CNumbers() {
    }

    /**
     * C {@code strtoul(s, NULL, 10)}: leading white space, an optional sign, then the leading
     * digits; no digits → 0; overflow → ULONG_MAX; a minus sign negates modulo 2^64.
     *
     * @return the unsigned 64-bit result as the bits of a long
     */
    static long strtoul(String s) {
        return parseUnsigned(s, 0).value;
    }

    /** The low 32 bits of {@link #strtoul}, as C's cast to {@code unsigned int}/{@code uid_t} keeps them. */
    static long strtoulAs32Bits(String s) {
        return strtoul(s) & 0xffffffffL;
    }

    /** An unsigned 64-bit value as a Java long, values beyond Long.MAX_VALUE clamped to it. */
    static long clampUnsigned64(long bits) {
        return bits < 0 ? Long.MAX_VALUE : bits;
    }

    /** An unsigned 32-bit value (0..2^32-1 in a long) as a Java int, values beyond Integer.MAX_VALUE clamped. */
    static int clampUnsigned32(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    /**
     * C {@code sscanf(s, "%u-%u", &a, &b) == 2}: both numbers (white space allowed before each, a
     * sign allowed, at least one digit), a {@code -} right after the first; anything may follow.
     *
     * @return {a, b} as unsigned 32-bit values, or null when the text does not match
     */
    static long[] scanRange(String s) {
        Parsed first = parseUnsigned(s, 0);
        if (!first.hasDigits || first.end >= s.length() || s.charAt(first.end) != '-') {
            return null;
        }
        Parsed second = parseUnsigned(s, first.end + 1);
        if (!second.hasDigits) {
            return null;
        }
        return new long[] {first.value & 0xffffffffL, second.value & 0xffffffffL};
    }

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
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int digit = s.charAt(i) - '0';
            // value * 10 + digit > 2^64 - 1, computed unsigned
            if (Long.compareUnsigned(value, Long.divideUnsigned(ULONG_MAX - digit, 10)) > 0) {
                overflow = true;
            }
            value = value * 10 + digit;
            i++;
        }
        boolean hasDigits = i > digitsStart;
        if (!hasDigits) {
            return new Parsed(0, from, false);
        }
        if (overflow) {
            return new Parsed(ULONG_MAX, i, true);
        }
        return new Parsed(negative ? -value : value, i, true);
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private record Parsed(long value, int end, boolean hasDigits) {
    }
}
