package org.plugftpd.altlog.format;

import java.time.Instant;

import org.plugftpd.transfer.api.TransferEvent;

/**
 * One of Pure-FTPd's alternative log formats (spec/altlog.md): turns a transfer into the exact
 * bytes of its line. Plain Java, stateless, thread-safe. Stub: the format engineer completes it.
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

    /** The format for a configuration value (case-insensitive); IllegalArgumentException naming it otherwise. */
    static AltLogFormat named(String name) {
        throw new UnsupportedOperationException("TODO format engineer");
    }
}
