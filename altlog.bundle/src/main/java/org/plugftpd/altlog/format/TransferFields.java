package org.plugftpd.altlog.format;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.plugftpd.transfer.api.TransferEvent;

/**
 * The values every format derives the same way from a transfer (spec/altlog.md §3).
 * Stateless static functions; thread-safe.
 */
final class TransferFields {

    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static final String[] WEEK_DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

    private TransferFields() {
    }

    // spec/altlog.md §3: failed transfers (no data moved) and names realpath() could not resolve give no line
    static boolean logged(TransferEvent event) {
        return event.status() != TransferEvent.Status.FAILED && event.storedPath() != null;
    }

    /** Pure-FTPd stamps a line with time(NULL) when the transfer has ended: start + duration, whole seconds. */
    static Instant lineTime(TransferEvent event) {
        Instant end = event.start().plus(nonNegative(event.duration()));
        return Instant.ofEpochSecond(end.getEpochSecond());
    }

    // spec/altlog.md §3: seconds rounded as (unsigned long)(duration + 0.5)
    static long roundedSeconds(Duration duration) {
        return nonNegative(duration).plusMillis(500).getSeconds();
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * The account as logged: always {@code ftp} for anonymous sessions; {@code null} when unknown.
     * Control bytes become {@code _} so that no account can break a line (Pure-FTPd's command reader
     * never lets them through either).
     */
    static byte[] account(TransferEvent event) {
        String login = event.anonymous() ? "ftp" : event.login();
        if (login == null) {
            return new byte[0];
        }
        return controlsToUnderscore(login.getBytes(StandardCharsets.UTF_8));
    }

    /** The account, or {@code -} when empty (every format but W3C). */
    static byte[] accountOrDash(TransferEvent event) {
        byte[] account = account(event);
        return account.length == 0 ? new byte[] {'-'} : account;
    }

    static byte[] storedPathBytes(TransferEvent event) {
        return event.storedPath().getBytes(StandardCharsets.UTF_8);
    }

    /** The host as the formats print it: sanitised again (idempotent), {@code -} when empty. */
    static String host(String host) {
        return HostNames.forLog(host);
    }

    // Pure-FTPd's ISCTRLCODE: below 0x20 or 0x7f
    static boolean isControl(byte b) {
        return (b & 0xff) < 0x20 || b == 0x7f;
    }

    static byte[] controlsToUnderscore(byte[] in) {
        byte[] out = in.clone();
        for (int i = 0; i < out.length; i++) {
            if (isControl(out[i])) {
                out[i] = '_';
            }
        }
        return out;
    }
}
