package org.plugftpd.defender.gogo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.plugftpd.defender.score.Ban;

/** Prints {@link BanResult}s for a person: one line per ban, fixed columns first. Stateless. */
public final class BanFormatter {
    private BanFormatter() {
    }

    public static String format(BanResult result) {
        if (result instanceof BanResult.Listing l) {
            StringBuilder out = new StringBuilder();
            out.append(l.bans().isEmpty() ? "no bans in force" : l.bans().size() + (l.bans().size() == 1 ? " ban" : " bans")
                    + " in force").append(" (").append(l.tracked()).append(" addresses scored)\n");
            for (Ban b : l.bans()) {
                out.append(line(b, l.now())).append('\n');
            }
            return out.toString();
        }
        if (result instanceof BanResult.Added a) {
            return "banned " + line(a.ban(), a.ban().since()) + "\n";
        }
        BanResult.Removed r = (BanResult.Removed) result;
        StringBuilder out = new StringBuilder();
        for (Ban b : r.lifted()) {
            out.append("lifted the ban of ").append(b.block()).append('\n');
        }
        return out.toString();
    }

    /** {@code 203.0.113.7  until 2026-12-05T00:30:00Z (1800 s left)  ban 1  <reason>}. */
    static String line(Ban b, Instant now) {
        long left = Math.max(0, Duration.between(now, b.until()).toSeconds());
        return String.format("%-20s until %s (%d s left)  ban %d  %s", b.block(), b.until().truncatedTo(ChronoUnit.SECONDS),
                left, b.number(), b.reason());
    }
}
