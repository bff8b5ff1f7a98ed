package org.plugftpd.defender.score;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.StringJoiner;

/**
 * The recent record of one address block: scored offences within the window (a sliding window of
 * marks with a running sum) and the times of its latest connections (for bursts). Bounded: marks
 * carry at least one point each and the tally is cleared at a ban, so there are fewer marks than
 * the threshold; connections keep at most one more than the burst limit. Guarded by the
 * {@link Defender}'s lock.
 */
final class Tally {
    private record Mark(Instant at, Offence offence, int points) {
    }

    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    private final ArrayDeque<Instant> connections = new ArrayDeque<>();
    private final int[] counts = new int[Offence.values().length];
    private int score;

    /** Adds an offence of {@code points} (> 0) at {@code now}; returns the score within the window. */
    int add(Instant now, Offence offence, int points, Duration window) {
        forgetBefore(now.minus(window));
        marks.addLast(new Mark(now, offence, points));
        counts[offence.ordinal()]++;
        score += points;
        return score;
    }

    /** Counts a connection; true when it is beyond {@code limit} connections within {@code window}. */
    boolean connected(Instant now, int limit, Duration window) {
        Instant horizon = now.minus(window);
        while (!connections.isEmpty() && !connections.peekFirst().isAfter(horizon)) {
            connections.pollFirst();
        }
        connections.addLast(now);
        while (connections.size() > limit + 1) {
            connections.pollFirst();
        }
        return connections.size() > limit;
    }

    /** True when nothing in it can count any more (safe to drop). */
    boolean idle(Instant now, Duration window, Duration burstWindow) {
        forgetBefore(now.minus(window));
        Instant last = connections.peekLast();
        return marks.isEmpty() && (last == null || !last.isAfter(now.minus(burstWindow)));
    }

    /** "score 16 in 300 s: 12 failed logins, 2 unknown users". */
    String describe(Duration window) {
        StringJoiner what = new StringJoiner(", ");
        for (Offence o : Offence.values()) {
            if (counts[o.ordinal()] > 0) {
                what.add(o.count(counts[o.ordinal()]));
            }
        }
        return "score " + score + " in " + window.toSeconds() + " s: " + what;
    }

    private void forgetBefore(Instant horizon) {
        while (!marks.isEmpty() && !marks.peekFirst().at().isAfter(horizon)) {
            Mark m = marks.pollFirst();
            counts[m.offence().ordinal()]--;
            score -= m.points();
        }
    }
}
