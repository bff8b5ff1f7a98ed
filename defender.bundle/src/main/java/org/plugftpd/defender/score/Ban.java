package org.plugftpd.defender.score;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.plugftpd.defender.net.AddressBlock;

/**
 * A ban of a block of addresses from {@code since} until {@code until}; {@code number} counts the
 * bans of this block not yet forgotten (the first is 1), which is what makes the next one longer.
 * An expired ban is still remembered for that count until the rules' forget time has passed.
 */
public record Ban(AddressBlock block, Instant since, Instant until, int number, String reason) {

    public Ban {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
        if (number < 1) {
            throw new IllegalArgumentException("number: " + number + " (bans count from 1)");
        }
    }

    public boolean active(Instant now) {
        return now.isBefore(until);
    }

    /** How long the ban was made for. */
    public Duration length() {
        return Duration.between(since, until);
    }
}
