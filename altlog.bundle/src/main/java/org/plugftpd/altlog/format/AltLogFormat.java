package org.plugftpd.altlog.format;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import org.plugftpd.transfer.api.TransferEvent;

/**
 * One of Pure-FTPd's alternative log formats (spec/altlog.md): turns a transfer into the exact
 * bytes of its line. Plain Java; every implementation is immutable and thread-safe.
 */
public interface AltLogFormat {

    /** The format's name in the configuration: clf, xferlog, w3c or stats. */
    String name();

    /**
     * The whole line for {@code event}, terminated by its line end; empty when Pure-FTPd writes
     * nothing for it.
     *
     * @param host the client's host as Pure-FTPd prints it (numeric or resolved, already sanitised)
     */
    byte[] line(TransferEvent event, String host);

    /** Bytes written once when the log file is created (W3C's header), empty for the others. */
    byte[] header(Instant created);

    /**
     * The format for a configuration value (case-insensitive); IllegalArgumentException naming it otherwise.
     * CLF and xferlog print local time in the JVM's default zone as it is now, as Pure-FTPd uses its TZ.
     */
    static AltLogFormat named(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (key) {
            case "clf":
                return new ClfFormat(ZoneId.systemDefault());
            case "xferlog":
                return new XferlogFormat(ZoneId.systemDefault());
            case "w3c":
                return new W3cFormat();
            case "stats":
                return new StatsFormat();
            default:
                throw new IllegalArgumentException("altlog format \"" + name
                        + "\" is unknown: expected clf, xferlog, w3c or stats");
        }
    }
}
