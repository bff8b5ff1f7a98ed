package org.plugftpd.altlog.format;

import java.time.Instant;

import org.plugftpd.transfer.api.TransferEvent;

/**
 * ftpStats log, Pure-FTPd's {@code stats} (spec/altlog.md §5).
 * Immutable; thread-safe.
 */
public final class StatsFormat implements AltLogFormat {

    @Override
    public String name() {
        return "stats";
    }

    /**
     * The line with the transfer's own start standing in for the session start (the event does not
     * carry the session's); the {@code .id} part, the session id, stays the same for the whole session.
     */
    @Override
    public byte[] line(TransferEvent event, String host) {
        return line(event, host, event.start());
    }

    /**
     * The line with Pure-FTPd's session key {@code <sessionStart hex>.<sessionId hex>}.
     *
     * @param sessionStart when the client connected; only whole seconds are written
     */
    public byte[] line(TransferEvent event, String host, Instant sessionStart) {
        if (!TransferFields.logged(event)) {
            return new byte[0];
        }
        return new LineBuilder()
                .number(TransferFields.lineTime(event).getEpochSecond()).ascii(' ')
                .ascii(Long.toHexString(sessionStart.getEpochSecond())).ascii('.')
                .ascii(Long.toHexString(event.sessionId())).ascii(' ')
                .bytes(TransferFields.accountOrDash(event)).ascii(' ').ascii(TransferFields.host(host)).ascii(' ')
                .ascii(event.direction() == TransferEvent.Direction.UPLOAD ? 'U' : 'D').ascii(' ')
                .number(event.bytes()).ascii(' ').number(TransferFields.roundedSeconds(event.duration())).ascii(' ')
                // spec/altlog.md §5 writes the name raw; plugftpd turns control bytes into '_' so that a
                // newline in a name can never split or forge a line (spaces and UTF-8 stay raw)
                .bytes(TransferFields.controlsToUnderscore(TransferFields.storedPathBytes(event)))
                .ascii('\n').toBytes();
    }

    @Override
    public byte[] header(Instant created) {
        return new byte[0];
    }
}
