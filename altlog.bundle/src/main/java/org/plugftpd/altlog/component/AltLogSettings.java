package org.plugftpd.altlog.component;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.plugftpd.altlog.format.AltLogFormat;

/**
 * The checked values of one {@link AltLogConfig}; {@link #of} names the first bad key, so a broken
 * configuration is refused whole. Immutable.
 */
final class AltLogSettings {
    final AltLogFormat format;
    final Path file;
    final boolean resolveHosts;
    final int backlogLines;

    private AltLogSettings(AltLogFormat format, Path file, boolean resolveHosts, int backlogLines) {
        this.format = format;
        this.file = file;
        this.resolveHosts = resolveHosts;
        this.backlogLines = backlogLines;
    }

    /** @throws IllegalArgumentException whose message names the key and the bad value */
    static AltLogSettings of(String format, String file, boolean resolveHosts, int backlogLines, Path home) {
        if (format == null || format.isBlank()) {
            throw new IllegalArgumentException("format: missing (clf, xferlog, w3c or stats)");
        }
        AltLogFormat f;
        try {
            f = AltLogFormat.named(format.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format: '" + format + "' is not clf, xferlog, w3c or stats", e);
        }
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("file: missing (e.g. log/xferlog)");
        }
        String trimmed = file.trim();
        if (trimmed.indexOf('\0') >= 0 || trimmed.endsWith("/")) {
            throw new IllegalArgumentException("file: '" + file + "' is not a file path");
        }
        Path p;
        try {
            p = Paths.get(trimmed);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("file: '" + file + "' is not a valid path", e);
        }
        if (!p.isAbsolute()) {
            p = home.resolve(p);
        }
        if (backlogLines < 0 || backlogLines > 1_000_000) {
            throw new IllegalArgumentException("backlogLines: " + backlogLines + " must be between 0 and 1000000");
        }
        return new AltLogSettings(f, p.normalize(), resolveHosts, backlogLines);
    }

    /** The folder relative paths are resolved against, as the rest of plugftpd does. */
    static Path home() {
        String home = System.getProperty("plugftpd.home");
        return Paths.get(home == null || home.isBlank() ? System.getProperty("user.dir") : home);
    }

    @Override
    public String toString() {
        return format.name() + " to " + file;
    }
}
