package org.plugftpd.auth.puredb.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.plugftpd.auth.api.Account;
import org.plugftpd.auth.puredb.ctext.CNumbers;

/**
 * Turns the value stored for a login (the passwd line minus {@code login:}) into a
 * {@link VirtualUser}, or an invalid record naming the field, with the rules of the server's
 * {@code pw_puredb_parseline} in Pure-FTPd 1.0.50 (spec/passwd.md §2.2). Stateless, thread-safe.
 */
public final class AccountParser {

    /** Clock times a window can match, {@code hhmm}; a stored window is narrowed to them. */
    private static final int LAST_MINUTE = 2359;
    private static final long UID_NONE = 0xffffffffL;

    private AccountParser() {
    }

    /**
     * @param login  the key the value was stored under
     * @param value  the stored bytes; text is UTF-8, and like the C code everything from a NUL byte on is ignored
     * @param source where the line came from ({@code file} or {@code file:line}), for the reason text
     * @return {@link Lookup.Status#FOUND} or {@link Lookup.Status#INVALID}
     */
    public static Lookup parse(String login, byte[] value, String source) {
        String[] fields = split(value);
        String problem = checkMandatory(fields);
        if (problem != null) {
            return invalid(login, source, problem);
        }
        String home;
        try {
            home = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(fields[4].getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return invalid(login, source, "home (field 6) is not valid UTF-8");
        }
        Account.Builder account = Account.builder(login)
                .uid(CNumbers.strtoul32(fields[1]))
                .gid(CNumbers.strtoul32(fields[2]))
                .gecos(utf8(fields[3]))
                .home(home);
        // spec/passwd.md §2.2 step 5: parsing stops with success at the first missing field
        if (fields.length > 5) {
            account.uploadBandwidth(bandwidth(fields[5]));
        }
        if (fields.length > 6) {
            account.downloadBandwidth(bandwidth(fields[6]));
        }
        int uploadRatio = fields.length > 7 ? ratio(fields[7]) : 0;
        int downloadRatio = fields.length > 8 ? ratio(fields[8]) : 0;
        account.ratio(uploadRatio, downloadRatio);
        // spec/passwd.md §2.2 step 8: non-empty replaces the server default, 0 = no limit
        if (fields.length > 9 && !fields[9].isEmpty()) {
            account.maxSessions(CNumbers.clampUnsigned32(CNumbers.strtoul32(fields[9])));
        }
        // spec/passwd.md §2.2 step 9: a non-empty 0 is a real quota of zero
        if (fields.length > 10 && !fields[10].isEmpty()) {
            account.filesQuota(CNumbers.clampUnsigned64(CNumbers.strtoul(fields[10])));
        }
        if (fields.length > 11 && !fields[11].isEmpty()) {
            account.sizeQuota(CNumbers.clampUnsigned64(CNumbers.strtoul(fields[11])));
        }
        // spec/passwd.md §2.2 step 10: the address lists count only when field 17 exists
        if (fields.length > 15) {
            account.allowedLocalAddresses(addressList(fields[12]))
                    .deniedLocalAddresses(addressList(fields[13]))
                    .allowedClientAddresses(addressList(fields[14]))
                    .deniedClientAddresses(addressList(fields[15]));
        }
        if (fields.length > 16 && !fields[16].isEmpty()) {
            long[] window = CNumbers.scanRange(fields[16]);
            // spec/passwd.md §2.2 step 11: in 1.0.50 a window that is not %u-%u restricts nothing
            if (window != null) {
                int[] clock = clockWindow(window[0], window[1]);
                if (clock == null) {
                    return invalid(login, source, "time window (field 18) '" + fields[16] + "' never allows a login");
                }
                account.timeWindow(clock[0], clock[1]);
            }
        }
        return Lookup.found(new VirtualUser(utf8(fields[0]), account.build()));
    }

    /** Fields 2..18 as ISO-8859-1 strings (one char per byte), so byte-level rules hold; C's my_strtok2 split. */
    private static String[] split(byte[] value) {
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        if (end == 0) {
            return new String[0];
        }
        return new String(value, 0, end, StandardCharsets.ISO_8859_1).split(":", -1);
    }

    private static String checkMandatory(String[] fields) {
        if (fields.length < 1 || fields[0].isEmpty()) {
            return "password hash (field 2) is empty";
        }
        String problem = checkId(fields, 1, "uid (field 3)");
        if (problem == null) {
            problem = checkId(fields, 2, "gid (field 4)");
        }
        if (problem != null) {
            return problem;
        }
        if (fields.length < 4) {
            return "gecos (field 5) is missing: the line has only " + (fields.length + 1) + " fields";
        }
        if (fields.length < 5 || fields[4].isEmpty()) {
            return "home (field 6) is " + (fields.length < 5 ? "missing" : "empty");
        }
        if (fields[4].charAt(0) != '/') {
            return "home (field 6) '" + utf8(fields[4]) + "' is not an absolute path";
        }
        return null;
    }

    private static String checkId(String[] fields, int index, String name) {
        if (fields.length <= index || fields[index].isEmpty()) {
            return name + " is " + (fields.length <= index ? "missing" : "empty");
        }
        long id = CNumbers.strtoul32(fields[index]);
        // spec/passwd.md §2.2 step 2: C strtoul, so garbage reads as 0; 0 is root, refused
        if (id == 0) {
            return name + " '" + utf8(fields[index]) + "' is 0 (root) or not a number";
        }
        // (uid_t) -1 means "no change" to setuid/chown: never an account's id
        if (id == UID_NONE) {
            return name + " '" + utf8(fields[index]) + "' is 4294967295 (-1), which is no valid id";
        }
        return null;
    }

    /** Fields 7/8: bytes per second; Pure-FTPd applies only a value above 0. */
    private static long bandwidth(String field) {
        if (field.isEmpty()) {
            return Account.UNSET;
        }
        long value = CNumbers.clampUnsigned64(CNumbers.strtoul(field));
        return value > 0 ? value : Account.UNSET;
    }

    /** Fields 9/10: a part of the ratio counts only above 0. */
    private static int ratio(String field) {
        return field.isEmpty() ? 0 : CNumbers.clampUnsigned32(CNumbers.strtoul32(field));
    }

    /**
     * An IP list as access_ip_match walks it: entries between commas, an empty entry kept (it never
     * matches, but makes the list non-empty), the end reached when the text after a comma is empty.
     */
    static List<String> addressList(String field) {
        if (field.isEmpty()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>(Arrays.asList(utf8(field).split(",", -1)));
        if (entries.size() > 1 && entries.get(entries.size() - 1).isEmpty()) {
            entries.remove(entries.size() - 1);
        }
        return entries;
    }

    /**
     * The stored window narrowed to real clock times with the same effect (Pure-FTPd compares
     * {@code hour*100+minute} with the raw numbers), or null when no clock time is allowed.
     */
    static int[] clockWindow(long begin, long end) {
        if (begin <= end) {
            int first = firstClockAtOrAfter(begin);
            int last = lastClockAtOrBefore(end);
            return first < 0 || first > last ? null : new int[] {first, last};
        }
        int first = firstClockAtOrAfter(begin);
        int last = lastClockAtOrBefore(end);
        // over midnight: now >= begin or now <= end; with no clock time at or after begin only the morning part is left
        return first < 0 ? new int[] {0, last} : new int[] {first, last};
    }

    private static int firstClockAtOrAfter(long value) {
        if (value > LAST_MINUTE) {
            return -1;
        }
        int v = (int) value;
        return v % 100 < 60 ? v : (v / 100 + 1) * 100 > LAST_MINUTE ? -1 : (v / 100 + 1) * 100;
    }

    private static int lastClockAtOrBefore(long value) {
        if (value >= LAST_MINUTE) {
            return LAST_MINUTE;
        }
        int v = (int) value;
        return v % 100 < 60 ? v : v / 100 * 100 + 59;
    }

    private static Lookup invalid(String login, String source, String problem) {
        return Lookup.invalid(source + ": login '" + login + "': " + problem);
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
