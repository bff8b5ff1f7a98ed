package org.plugftpd.core.impl.engine;

/** Small text helpers for reply lines. Stateless. */
final class Replies {

    private Replies() {
    }

    /** A client-supplied name as it may appear in a reply or a log line: control bytes become '?'. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 1024));
        for (int i = 0; i < s.length() && i < 1024; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }

    /** True when a name holds bytes Pure-FTPd refuses in file names (control characters). */
    static boolean hasControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
