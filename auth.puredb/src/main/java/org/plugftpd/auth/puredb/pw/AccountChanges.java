package org.plugftpd.auth.puredb.pw;

/**
 * The account fields given on a pure-pw command line (spec/passwd.md §4), and how they make a new entry
 * (useradd) or change a stored one (usermod, passwd). Byte strings, C number semantics.
 * Mutable, filled by {@link PwCommandLine} and used by one command; not thread-safe.
 */
final class AccountChanges {
    /** What an option did to one optional number. */
    enum Edit {
        /** Option not given (or given as 0 where pure-pw ignores 0): keep. */
        KEEP,
        /** Option given with a value. */
        SET,
        /** Option given as '' (or -y 0): make the field empty, i.e. unlimited. */
        CLEAR
    }

    /** One optional number of the command line: the edit and the value as pure-pw computed it. */
    static final class NumberChange {
        Edit edit = Edit.KEEP;
        long value;

        void set(long newValue) {
            edit = Edit.SET;
            value = newValue;
        }

        /** The field of a new account: empty unless a value was given. */
        Long forNewAccount() {
            return edit == Edit.SET ? value : null;
        }

        /** The field after usermod: the stored one unless this option was given. */
        Long applyTo(Long stored) {
            switch (edit) {
                case SET:
                    return value;
                case CLEAR:
                    return null;
                default:
                    return stored;
            }
        }
    }

    String login;
    /** 0 = not given (uid 0 is refused anyway). */
    long uid;
    long gid;
    String gecos;
    String home;
    final NumberChange uploadBandwidth = new NumberChange();
    final NumberChange downloadBandwidth = new NumberChange();
    final NumberChange uploadRatio = new NumberChange();
    final NumberChange downloadRatio = new NumberChange();
    final NumberChange maxSessions = new NumberChange();
    final NumberChange filesQuota = new NumberChange();
    final NumberChange sizeQuota = new NumberChange();
    String allowLocalIps;
    String denyLocalIps;
    String allowClientIps;
    String denyClientIps;
    Edit timeEdit = Edit.KEEP;
    long timeBegin;
    long timeEnd;

    /**
     * useradd's line. Unlike pure-pw 1.0.50, an option given as '' (or -y 0) leaves its field empty instead
     * of writing 0, 0-0 or an uninitialised value (spec/passwd.md §4, "Quirk").
     */
    PasswdEntry newAccount(String passwordHash) {
        PasswdEntry entry = new PasswdEntry();
        entry.login = login;
        entry.password = passwordHash;
        entry.uid = uid;
        entry.gid = gid;
        entry.gecos = gecos == null ? "" : gecos;
        entry.home = home;
        entry.uploadBandwidth = uploadBandwidth.forNewAccount();
        entry.downloadBandwidth = downloadBandwidth.forNewAccount();
        entry.uploadRatio = uploadRatio.forNewAccount();
        entry.downloadRatio = downloadRatio.forNewAccount();
        entry.maxSessions = maxSessions.forNewAccount();
        entry.filesQuota = filesQuota.forNewAccount();
        entry.sizeQuota = sizeQuota.forNewAccount();
        entry.allowLocalIps = allowLocalIps;
        entry.denyLocalIps = denyLocalIps;
        entry.allowClientIps = allowClientIps;
        entry.denyClientIps = denyClientIps;
        entry.timeWindow = timeEdit == Edit.SET ? new long[] {timeBegin, timeEnd} : null;
        return entry;
    }

    /**
     * usermod's line: the stored entry with only the given options changed (uid and gid only when above 0),
     * and the new hash when there is one (passwd).
     */
    PasswdEntry applyTo(PasswdEntry stored, String newPasswordHash) {
        PasswdEntry entry = new PasswdEntry();
        entry.login = stored.login;
        entry.password = newPasswordHash != null ? newPasswordHash : stored.password;
        entry.uid = uid > 0 ? uid : stored.uid;
        entry.gid = gid > 0 ? gid : stored.gid;
        entry.gecos = gecos != null ? gecos : stored.gecos;
        entry.home = home != null ? home : stored.home;
        entry.uploadBandwidth = uploadBandwidth.applyTo(stored.uploadBandwidth);
        entry.downloadBandwidth = downloadBandwidth.applyTo(stored.downloadBandwidth);
        entry.uploadRatio = uploadRatio.applyTo(stored.uploadRatio);
        entry.downloadRatio = downloadRatio.applyTo(stored.downloadRatio);
        entry.maxSessions = maxSessions.applyTo(stored.maxSessions);
        entry.filesQuota = filesQuota.applyTo(stored.filesQuota);
        entry.sizeQuota = sizeQuota.applyTo(stored.sizeQuota);
        entry.allowLocalIps = allowLocalIps != null ? allowLocalIps : stored.allowLocalIps;
        entry.denyLocalIps = denyLocalIps != null ? denyLocalIps : stored.denyLocalIps;
        entry.allowClientIps = allowClientIps != null ? allowClientIps : stored.allowClientIps;
        entry.denyClientIps = denyClientIps != null ? denyClientIps : stored.denyClientIps;
        switch (timeEdit) {
            case SET:
                entry.timeWindow = new long[] {timeBegin, timeEnd};
                break;
            case CLEAR:
                entry.timeWindow = null;
                break;
            default:
                entry.timeWindow = stored.timeWindow;
        }
        return entry;
    }
}
