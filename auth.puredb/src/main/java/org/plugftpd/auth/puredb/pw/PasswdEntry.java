package org.plugftpd.auth.puredb.pw;

import org.plugftpd.auth.puredb.ctext.CNumbers;

/**
 * One account of a pureftpd.passwd file as pure-pw holds it (spec/passwd.md §1, §2.1): parsed from a line with
 * pure-pw's rules and written back as the 18-field line pure-pw writes. Text is in byte strings (one char per
 * byte, ISO-8859-1), so any bytes survive; numbers keep C's unsigned wrap-around.
 * Mutable value object, built and used by one command; not thread-safe.
 */
final class PasswdEntry {
    String login;
    String password;
    /** uid_t: unsigned 32 bits, never 0 in a valid entry. */
    long uid;
    long gid;
    String gecos;
    String home;
    /** Field 7, bytes per second (unsigned 64 bits); null = empty field. */
    Long uploadBandwidth;
    /** Field 8. */
    Long downloadBandwidth;
    /** Field 9, only kept when above 0 (unsigned 32 bits). */
    Long uploadRatio;
    Long downloadRatio;
    /** Field 11, only kept when above 0. */
    Long maxSessions;
    Long filesQuota;
    /** Field 13, in bytes. */
    Long sizeQuota;
    /** Fields 14 to 17: null = the line ended before the field, "" = present and empty. */
    String allowLocalIps;
    String denyLocalIps;
    String allowClientIps;
    String denyClientIps;
    /** Field 18 as {begin, end} in hhmm, or null when absent or not a valid window. */
    long[] timeWindow;

    /**
     * pure-pw's parse_pw_line: null when the line is not an account (empty login, password, uid or gid, uid or
     * gid 0, no gecos field, home empty or not absolute). The line has already lost its CR/LF.
     */
    static PasswdEntry parse(String line) {
        String[] fields = line.split(":", -1);
        if (fields.length < 6 || fields[0].isEmpty() || fields[1].isEmpty() || fields[2].isEmpty()
                || fields[3].isEmpty()) {
            return null;
        }
        PasswdEntry entry = new PasswdEntry();
        entry.login = fields[0];
        entry.password = fields[1];
        entry.uid = CNumbers.strtoul32(fields[2]);
        entry.gid = CNumbers.strtoul32(fields[3]);
        if (entry.uid == 0 || entry.gid == 0) {
            return null;
        }
        entry.gecos = fields[4];
        if (fields[5].isEmpty() || fields[5].charAt(0) != '/') {
            return null;
        }
        entry.home = fields[5];
        // spec/passwd.md §2.1: later fields are optional; a number counts when the field is non-empty,
        // ratios and the session limit only when above 0
        entry.uploadBandwidth = number(fields, 6);
        entry.downloadBandwidth = number(fields, 7);
        entry.uploadRatio = positive32(fields, 8);
        entry.downloadRatio = positive32(fields, 9);
        entry.maxSessions = positive32(fields, 10);
        entry.filesQuota = number(fields, 11);
        entry.sizeQuota = number(fields, 12);
        entry.allowLocalIps = text(fields, 13);
        entry.denyLocalIps = text(fields, 14);
        entry.allowClientIps = text(fields, 15);
        entry.denyClientIps = text(fields, 16);
        if (fields.length > 17) {
            entry.timeWindow = purePwTimeWindow(fields[17]);
        }
        return entry;
    }

    /**
     * A time window as pure-pw accepts it from field 18 or from -z (spec/passwd.md §2.1, §4): {@code %u-%u} with
     * each bound a clock time (below 2360, minutes below 60); null otherwise. The server is laxer: any
     * {@code %u-%u} pair restricts logins (format.AccountParser#clockWindow).
     */
    static long[] purePwTimeWindow(String text) {
        long[] window = CNumbers.scanRange(text);
        if (window == null || !isClockTime(window[0]) || !isClockTime(window[1])) {
            return null;
        }
        return window;
    }

    private static boolean isClockTime(long hhmm) {
        return hhmm < 2360 && hhmm % 100 < 60;
    }

    /** The line pure-pw's add_new_pw_line writes: always 18 fields, then LF. */
    String toLine() {
        StringBuilder line = new StringBuilder(256);
        line.append(login).append(':').append(password).append(':')
                .append(uid).append(':').append(gid).append(':')
                .append(gecos).append(':').append(home).append(':');
        appendUnsigned(line, uploadBandwidth).append(':');
        appendUnsigned(line, downloadBandwidth).append(':');
        appendUnsigned(line, uploadRatio).append(':');
        appendUnsigned(line, downloadRatio).append(':');
        appendUnsigned(line, maxSessions).append(':');
        appendUnsigned(line, filesQuota).append(':');
        appendUnsigned(line, sizeQuota).append(':');
        appendText(line, allowLocalIps).append(':');
        appendText(line, denyLocalIps).append(':');
        appendText(line, allowClientIps).append(':');
        appendText(line, denyClientIps).append(':');
        if (timeWindow != null) {
            // spec/passwd.md §1 field 18: written with %u, so 0900 becomes 900
            line.append(timeWindow[0]).append('-').append(timeWindow[1]);
        }
        return line.append('\n').toString();
    }

    private static Long number(String[] fields, int index) {
        if (fields.length <= index || fields[index].isEmpty()) {
            return null;
        }
        return CNumbers.strtoul(fields[index]);
    }

    private static Long positive32(String[] fields, int index) {
        if (fields.length <= index || fields[index].isEmpty()) {
            return null;
        }
        long value = CNumbers.strtoul32(fields[index]);
        return value > 0 ? value : null;
    }

    private static String text(String[] fields, int index) {
        return fields.length > index ? fields[index] : null;
    }

    private static StringBuilder appendUnsigned(StringBuilder line, Long value) {
        return value == null ? line : line.append(Long.toUnsignedString(value));
    }

    private static StringBuilder appendText(StringBuilder line, String value) {
        return value == null ? line : line.append(value);
    }
}
