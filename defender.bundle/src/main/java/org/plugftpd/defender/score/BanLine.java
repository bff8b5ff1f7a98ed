package org.plugftpd.defender.score;

/**
 * The one log line of a new ban, made for fail2ban and its kind: fixed words, the address, the
 * length in seconds, the reason in parentheses, e.g.
 * {@code plugftpd defender: banned 203.0.113.7 for 1800 s (score 16 in 300 s: 12 failed logins, 2 unknown users)}.
 * Filter: {@code plugftpd defender: banned <HOST> for \d+ s \(}.
 */
public final class BanLine {
    public static final String PREFIX = "plugftpd defender: banned ";

    private BanLine() {
    }

    /** @param address the address that made the ban (see {@link BanListener#banned}) */
    public static String of(String address, Ban ban) {
        StringBuilder why = new StringBuilder(ban.reason());
        if (ban.number() > 1) {
            why.append("; ban ").append(ban.number());
        }
        String block = ban.block().toString();
        if (!block.equals(address)) {
            why.append("; block ").append(block);
        }
        return PREFIX + address + " for " + ban.length().toSeconds() + " s (" + why + ")";
    }
}
