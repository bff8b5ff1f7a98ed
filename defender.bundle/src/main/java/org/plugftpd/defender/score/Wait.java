package org.plugftpd.defender.score;

import java.time.Duration;

/** A remaining time as a person reads it: "45 seconds", "30 minutes", "3 hours" (rounded up). */
final class Wait {
    private Wait() {
    }

    static String text(Duration d) {
        long s = Math.max(1, d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
        if (s < 120) {
            return s + (s == 1 ? " second" : " seconds");
        }
        long m = (s + 59) / 60;
        if (m < 120) {
            return m + " minutes";
        }
        return (m + 59) / 60 + " hours";
    }
}
