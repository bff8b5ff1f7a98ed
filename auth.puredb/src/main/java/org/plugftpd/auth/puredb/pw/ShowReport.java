package org.plugftpd.auth.puredb.pw;

/**
 * The text of {@code pure-pw show} for one account (spec/passwd.md §4.2): a leading and a trailing empty line,
 * download before upload, bandwidth in KB and size in MB (truncated), a value that is not set printed as 0 with
 * "unlimited", IP lists absent from the line printed as "-", the time window zero-padded, uid and gid names
 * from the system database or "-".
 * Stateless; thread-safe.
 */
final class ShowReport {
    private ShowReport() {
    }

    static String of(PasswdEntry entry, SystemAccounts system) {
        String userName = system.userName(entry.uid);
        String groupName = system.groupName(entry.gid);
        long[] window = entry.timeWindow;
        StringBuilder text = new StringBuilder(700);
        text.append('\n')
                .append("Login              : ").append(entry.login).append('\n')
                .append("Password           : ").append(entry.password).append('\n')
                .append("UID                : ").append(entry.uid).append(" (")
                .append(userName != null ? userName : "-").append(")\n")
                .append("GID                : ").append(entry.gid).append(" (")
                .append(groupName != null ? groupName : "-").append(")\n")
                .append("Directory          : ").append(entry.home).append('\n')
                .append("Full name          : ").append(entry.gecos).append('\n')
                .append("Download bandwidth : ").append(scaled(entry.downloadBandwidth, 1024)).append(" Kb (")
                .append(state(entry.downloadBandwidth)).append(")\n")
                .append("Upload   bandwidth : ").append(scaled(entry.uploadBandwidth, 1024)).append(" Kb (")
                .append(state(entry.uploadBandwidth)).append(")\n")
                .append("Max files          : ").append(scaled(entry.filesQuota, 1)).append(" (")
                .append(state(entry.filesQuota)).append(")\n")
                .append("Max size           : ").append(scaled(entry.sizeQuota, 1024 * 1024)).append(" Mb (")
                .append(state(entry.sizeQuota)).append(")\n")
                .append("Ratio              : ").append(scaled(entry.uploadRatio, 1)).append(':')
                .append(scaled(entry.downloadRatio, 1)).append(" (").append(state(entry.uploadRatio)).append(':')
                .append(state(entry.downloadRatio)).append(")\n")
                .append("Allowed local  IPs : ").append(list(entry.allowLocalIps)).append('\n')
                .append("Denied  local  IPs : ").append(list(entry.denyLocalIps)).append('\n')
                .append("Allowed client IPs : ").append(list(entry.allowClientIps)).append('\n')
                .append("Denied  client IPs : ").append(list(entry.denyClientIps)).append('\n')
                .append("Time restrictions  : ").append(hhmm(window == null ? 0 : window[0])).append('-')
                .append(hhmm(window == null ? 0 : window[1])).append(" (").append(state(window)).append(")\n")
                .append("Max sim sessions   : ").append(scaled(entry.maxSessions, 1)).append(" (")
                .append(state(entry.maxSessions)).append(")\n")
                .append('\n');
        return text.toString();
    }

    private static String scaled(Long value, long divisor) {
        return value == null ? "0" : Long.toUnsignedString(Long.divideUnsigned(value, divisor));
    }

    private static String state(Object value) {
        return value != null ? "enabled" : "unlimited";
    }

    private static String list(String value) {
        return value != null ? value : "-";
    }

    private static String hhmm(long value) {
        String digits = Long.toString(value);
        return "0000".substring(Math.min(4, digits.length())) + digits;
    }
}
