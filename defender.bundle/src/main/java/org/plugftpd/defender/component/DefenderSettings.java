package org.plugftpd.defender.component;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import org.plugftpd.defender.net.AddressList;
import org.plugftpd.defender.score.DefenderRules;
import org.plugftpd.defender.score.Offence;

/** The checked values of one {@link DefenderConfig}; {@link #of} names the first bad key. Immutable. */
final class DefenderSettings {
    final DefenderRules rules;
    final Path file;

    private DefenderSettings(DefenderRules rules, Path file) {
        this.rules = rules;
        this.file = file;
    }

    /** @throws IllegalArgumentException whose message names the key and the bad value */
    static DefenderSettings of(DefenderConfig c, Path home) {
        AddressList allow = list("allow", c.allow());
        AddressList deny = list("deny", c.deny());
        DefenderRules rules = DefenderRules.builder()
                .points(Offence.LOGIN_FAILED, c.scoreLoginFailed())
                .points(Offence.UNKNOWN_USER, c.scoreUnknownUser())
                .points(Offence.PROTOCOL_ERROR, c.scoreProtocolError())
                .points(Offence.CONNECTION_BURST, c.scoreConnectionBurst())
                .burst(c.burstConnections(), seconds("burstWindow", c.burstWindow()))
                .threshold(c.threshold())
                .window(seconds("window", c.window()))
                .banTime(seconds("banTime", c.banTime()), seconds("banTimeMax", c.banTimeMax()))
                .forgetAfter(seconds("forgetAfter", c.forgetAfter()))
                .allow(allow).deny(deny)
                .ipv6Prefix(c.ipv6Prefix())
                .maxTracked(c.maxTracked())
                .build();
        String f = c.file() == null ? "" : c.file().trim();
        if (f.isEmpty() || f.indexOf('\0') >= 0 || f.endsWith("/")) {
            throw new IllegalArgumentException("file: '" + c.file() + "' is not a file path");
        }
        Path p;
        try {
            p = Paths.get(f);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("file: '" + c.file() + "' is not a valid path", e);
        }
        return new DefenderSettings(rules, (p.isAbsolute() ? p : home.resolve(p)).normalize());
    }

    /** The folder relative paths are resolved against, as the rest of plugftpd does. */
    static Path home() {
        String home = System.getProperty("plugftpd.home");
        return Paths.get(home == null || home.isBlank() ? System.getProperty("user.dir") : home);
    }

    private static AddressList list(String key, String[] entries) {
        try {
            return AddressList.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static Duration seconds(String key, long value) {
        if (value < 0 || value > 100L * 365 * 86400) {
            throw new IllegalArgumentException(key + ": " + value + " is not a number of seconds up to 100 years");
        }
        return Duration.ofSeconds(value);
    }
}
