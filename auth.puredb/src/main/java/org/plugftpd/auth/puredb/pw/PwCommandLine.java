package org.plugftpd.auth.puredb.pw;

import java.util.ArrayList;
import java.util.List;

import org.plugftpd.auth.puredb.ctext.CNumbers;
import org.plugftpd.auth.puredb.hash.Argon2Hasher;

/**
 * A pure-pw command line read with pure-pw's rules (spec/passwd.md §4): the first word is the action, the
 * second is always the login (the database for mkdb) even when it starts with '-', options follow; every ':'
 * in the login, -c and -d/-D becomes '_'; option values are checked in the order given and the first bad one
 * stops the command. Byte strings throughout.
 * Built once per command by {@link #parse}; not thread-safe.
 */
final class PwCommandLine {
    /** getopt's option string of pure-pw 1.0.50. */
    static final String OPTION_LETTERS = "c:C:d:D:f:F:g:hi:I:mM:n:N:q:Q:r:R:t:T:u:y:z:";

    /** Null when the command line has no action at all. */
    String action;
    final AccountChanges account = new AccountChanges();
    /** -f, else null. */
    String passwdFile;
    /** -F, else null. */
    String databaseFile;
    /** -m. */
    boolean rebuildDatabase;
    /** -C, else null (pure-pw's default 8). */
    Long maxConcurrentLogins;
    /** -M converted to bytes, else null (pure-pw's default 64 MiB). */
    Long totalHashMemoryBytes;
    /** -h, an unknown option or a missing value: print the usage text and exit 0. */
    boolean usageRequested;
    /** getopt's complaint that comes with {@link #usageRequested}, or null. */
    String optionError;

    private PwCommandLine() {
    }

    /**
     * Reads the words after the program name.
     *
     * @throws PwFailure an option value pure-pw refuses while reading the options (exit 1)
     */
    static PwCommandLine parse(List<String> words, boolean posixlyCorrect, SystemAccounts system)
            throws PwFailure {
        PwCommandLine line = new PwCommandLine();
        if (words.isEmpty()) {
            line.usageRequested = true;
            return line;
        }
        line.action = words.get(0);
        List<String> argv;
        if (words.size() > 1) {
            line.account.login = words.get(1).replace(':', '_');
            // getopt's argv[0] is the login word, already filtered: it names the program in getopt's messages
            argv = new ArrayList<>(words.subList(1, words.size()));
            argv.set(0, line.account.login);
        } else {
            argv = words;
        }
        ShortOptionScanner scanner = new ShortOptionScanner(argv, OPTION_LETTERS, posixlyCorrect);
        boolean chroot = true;
        for (int letter = scanner.next(); letter != ShortOptionScanner.END; letter = scanner.next()) {
            String value = scanner.argument();
            switch (letter) {
                case 'c':
                    line.account.gecos = singleLine(letter, value).replace(':', '_');
                    break;
                case 'D':
                    // pure-pw never sets it back: -D then -d stores the -d path without /./
                    chroot = false;
                    line.account.home = home(singleLine(letter, value), false);
                    break;
                case 'd':
                    line.account.home = home(singleLine(letter, value), chroot);
                    break;
                case 'f':
                    line.passwdFile = value;
                    break;
                case 'F':
                    line.databaseFile = value;
                    break;
                case 'g':
                    line.group(value, system);
                    break;
                case 'i':
                    line.account.allowLocalIps = addressList(letter, value);
                    break;
                case 'I':
                    line.account.denyLocalIps = addressList(letter, value);
                    break;
                case 'r':
                    line.account.allowClientIps = addressList(letter, value);
                    break;
                case 'R':
                    line.account.denyClientIps = addressList(letter, value);
                    break;
                case 'm':
                    line.rebuildDatabase = true;
                    break;
                case 'n':
                    quota(line.account.filesQuota, value, 1);
                    break;
                case 'N':
                    quota(line.account.sizeQuota, value, 1024L * 1024L);
                    break;
                case 'q':
                    ratio(line.account.uploadRatio, value, "Illegal upload ratio");
                    break;
                case 'Q':
                    ratio(line.account.downloadRatio, value, "Illegal download ratio");
                    break;
                case 't':
                    bandwidth(line.account.downloadBandwidth, value);
                    break;
                case 'T':
                    bandwidth(line.account.uploadBandwidth, value);
                    break;
                case 'u':
                    line.user(value, system);
                    break;
                case 'y':
                    line.sessions(value);
                    break;
                case 'z':
                    line.timeWindow(value);
                    break;
                case 'C':
                    line.maxConcurrentLogins = concurrentLogins(value);
                    break;
                case 'M':
                    line.totalHashMemoryBytes = hashMemory(value);
                    break;
                default:
                    // 'h' and getopt's '?': the usage text ends the command at once
                    line.usageRequested = true;
                    line.optionError = scanner.error();
                    return line;
            }
        }
        return line;
    }

    /**
     * A value that goes into the passwd line verbatim. pure-pw writes CR and LF as they are, which splits the
     * line and can forge a second account line; refused here.
     */
    static String singleLine(int letter, String value) throws PwFailure {
        if (hasLineBreak(value)) {
            throw new PwFailure(PwExitCodes.BAD_OPTION, "The value of -" + (char) letter
                    + " must not contain a line break (CR, LF or NUL)");
        }
        return value;
    }

    static boolean hasLineBreak(String value) {
        return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0;
    }

    /**
     * An IP list is written verbatim (spec/passwd.md §1.1): a ':' (an IPv6 address) would shift every later
     * field of the line, so it is refused instead of written as pure-pw does.
     */
    private static String addressList(int letter, String value) throws PwFailure {
        singleLine(letter, value);
        if (value.indexOf(':') >= 0) {
            throw new PwFailure(PwExitCodes.BAD_OPTION, "The value of -" + (char) letter
                    + " must not contain ':' (the passwd file has no room for IPv6 addresses)");
        }
        return value;
    }

    // spec/passwd.md §1.2: trailing slashes go, then /./ marks the chroot
    private static String home(String value, boolean chroot) throws PwFailure {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0) {
            throw new PwFailure(PwExitCodes.BAD_OPTION, "home directory is missing");
        }
        return (value.substring(0, end) + (chroot ? "/./" : "")).replace(':', '_');
    }

    private void user(String value, SystemAccounts system) throws PwFailure {
        if (account.uid > 0) {
            throw new PwFailure(PwExitCodes.BAD_OPTION, "You already gave an uid");
        }
        long uid = system.uidOf(value);
        if (uid >= 0) {
            account.uid = uid;
            if (account.gid <= 0) {
                account.gid = system.primaryGidOf(value);
            }
        } else {
            account.uid = CNumbers.strtoul32(value);
        }
    }

    private void group(String value, SystemAccounts system) throws PwFailure {
        // pure-pw's test: a second -g is only refused while no uid was given
        if (account.gid > 0 && account.uid <= 0) {
            throw new PwFailure(PwExitCodes.BAD_OPTION, "You already gave a gid");
        }
        long gid = system.gidOf(value);
        account.gid = gid >= 0 ? gid : CNumbers.strtoul32(value);
    }

    private static void quota(AccountChanges.NumberChange field, String value, long unit) {
        if (value.isEmpty()) {
            field.edit = AccountChanges.Edit.CLEAR;
        } else {
            field.set(CNumbers.strtoul(value) * unit);
        }
    }

    private static void ratio(AccountChanges.NumberChange field, String value, String refusal) throws PwFailure {
        if (value.isEmpty()) {
            field.edit = AccountChanges.Edit.CLEAR;
            return;
        }
        long ratio = CNumbers.strtoul32(value);
        if (ratio < 1) {
            throw new PwFailure(PwExitCodes.BAD_OPTION, refusal);
        }
        field.set(ratio);
    }

    // spec/passwd.md §4: KB/s times 1024; 0 changes nothing (but still overwrites the value, as in pure-pw)
    private static void bandwidth(AccountChanges.NumberChange field, String value) {
        if (value.isEmpty()) {
            field.edit = AccountChanges.Edit.CLEAR;
            return;
        }
        long kilobytes = CNumbers.strtoul(value);
        field.value = kilobytes;
        if (kilobytes > 0) {
            field.set(kilobytes * 1024);
        }
    }

    private void sessions(String value) {
        long sessions = CNumbers.strtoul32(value);
        if (sessions == 0) {
            account.maxSessions.edit = AccountChanges.Edit.CLEAR;
            account.maxSessions.value = 0;
        } else {
            account.maxSessions.set(sessions);
        }
    }

    private void timeWindow(String value) throws PwFailure {
        long[] window = PasswdEntry.purePwTimeWindow(value);
        if (window != null) {
            account.timeEdit = AccountChanges.Edit.SET;
            account.timeBegin = window[0];
            account.timeEnd = window[1];
        } else if (!value.isEmpty()) {
            throw new PwFailure(PwExitCodes.BAD_OPTION,
                    "Time should be given as hhmm-hhmm\nExample : 0900-1800 (9 am to 6 pm)");
        } else {
            account.timeEdit = AccountChanges.Edit.CLEAR;
        }
    }

    private static long concurrentLogins(String value) throws PwFailure {
        long logins = CNumbers.strtoul(value);
        if (logins < 1) {
            throw new PwFailure(PwExitCodes.BAD_OPTION, "number of concurrent logins must be at least 1");
        }
        return logins;
    }

    /**
     * -M in MiB. pure-pw 1.0.50 compares the MiB number itself with the 8192-byte minimum, refusing every
     * value below 8192 MiB (spec/hashes.md §4.1 "Known quirk"); here the minimum applies to the bytes.
     */
    private static long hashMemory(String value) throws PwFailure {
        long megabytes = CNumbers.strtoul(value);
        long bytes = Long.compareUnsigned(megabytes, Long.MAX_VALUE >>> 20) > 0 ? Long.MAX_VALUE : megabytes << 20;
        if (bytes < Argon2Hasher.MIN_MEMORY_BYTES) {
            throw new PwFailure(PwExitCodes.BAD_OPTION, "memory reserved for password hashing is too low");
        }
        return bytes;
    }
}
