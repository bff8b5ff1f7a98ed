package org.plugftpd.core.impl.control;

/**
 * Client text made safe for a log line: C0 and C1 controls, DEL, Unicode bidi overrides and
 * isolates, and the brackets and backslash that delimit client text in our lines are escaped
 * (backslash, x or u, hex digits; a backslash before brackets), and the result is cut at a fixed length. Stateless.
 */
public final class LogSafe {
    /** Longest client text a log line carries. */
    public static final int MAX_TEXT = 200;

    private LogSafe() {
    }

    public static String text(String s) {
        return text(s, MAX_TEXT);
    }

    public static String text(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 16);
        int i = 0;
        for (; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                out.append(String.format("\\x%02x", (int) c));
            } else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                    || c == 0x061c || c == 0x2028 || c == 0x2029 || c == 0xfeff || Character.isSurrogate(c)
                    && !validPair(s, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '[' || c == ']' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        if (i < s.length()) {
            out.append("...(").append(s.length() - i).append(" more)");
        }
        return out.toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
