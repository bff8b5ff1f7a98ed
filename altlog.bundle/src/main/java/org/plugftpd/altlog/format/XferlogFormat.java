package org.plugftpd.altlog.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

import org.plugftpd.transfer.api.TransferEvent;

/**
 * wu-ftpd style transfer log, Pure-FTPd's {@code xferlog} (spec/altlog.md §7).
 * Immutable; thread-safe.
 */
public final class XferlogFormat implements AltLogFormat {

    private final ZoneId zone;

    /** @param zone the server's local time zone (Pure-FTPd uses the process's TZ) */
    public XferlogFormat(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public String name() {
        return "xferlog";
    }

    @Override
    public byte[] line(TransferEvent event, String host) {
        if (!TransferFields.logged(event) || event.storedPath().isEmpty()) {
            return new byte[0];
        }
        ZonedDateTime t = TransferFields.lineTime(event).atZone(zone);
        return new LineBuilder()
                .ascii(TransferFields.WEEK_DAYS[t.getDayOfWeek().getValue() % 7]).ascii(' ')
                .ascii(TransferFields.MONTHS[t.getMonthValue() - 1]).ascii(' ').padded(t.getDayOfMonth(), 2)
                .ascii(' ').padded(t.getHour(), 2).ascii(':').padded(t.getMinute(), 2).ascii(':')
                .padded(t.getSecond(), 2).ascii(' ').number(t.getYear()).ascii(' ')
                .number(TransferFields.roundedSeconds(event.duration())).ascii(' ')
                .ascii(TransferFields.host(host)).ascii(' ').number(event.bytes()).ascii(' ')
                .bytes(blanksToUnderscore(TransferFields.storedPathBytes(event)))
                // spec/altlog.md §7: the event carries no TYPE; plugftpd transfers are logged as binary
                .ascii(" b _ ").ascii(event.direction() == TransferEvent.Direction.UPLOAD ? 'i' : 'o')
                // spec/altlog.md §7: 1.0.50 writes "r" for real and anonymous sessions alike
                .ascii(" r ").bytes(TransferFields.accountOrDash(event)).ascii(" ftp 1 * c\n").toBytes();
    }

    // spec/altlog.md §7: C isspace (space, \t \n \v \f \r) and control bytes become '_'
    private static byte[] blanksToUnderscore(byte[] name) {
        byte[] out = TransferFields.controlsToUnderscore(name);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == ' ') {
                out[i] = '_';
            }
        }
        return out;
    }

    @Override
    public byte[] header(Instant created) {
        return new byte[0];
    }
}
