package org.plugftpd.altlog.format;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.plugftpd.transfer.api.TransferEvent;

/**
 * W3C extended log format, Pure-FTPd's {@code w3c} (spec/altlog.md §6); all times in UTC.
 * Immutable; thread-safe.
 */
public final class W3cFormat implements AltLogFormat {

    /** The software line analysers see; the version is Pure-FTPd's, since the lines are its lines. */
    static final String SOFTWARE = "#Software: Pure-FTPd 1.0.50\n";

    @Override
    public String name() {
        return "w3c";
    }

    @Override
    public byte[] line(TransferEvent event, String host) {
        if (!TransferFields.logged(event)) {
            return new byte[0];
        }
        ZonedDateTime t = TransferFields.lineTime(event).atZone(ZoneOffset.UTC);
        return new LineBuilder()
                .number(t.getYear()).ascii('-').padded(t.getMonthValue(), 2).ascii('-').padded(t.getDayOfMonth(), 2)
                .ascii(' ').padded(t.getHour(), 2).ascii(':').padded(t.getMinute(), 2).ascii(':')
                .padded(t.getSecond(), 2).ascii(' ').ascii(TransferFields.host(host))
                .ascii(event.direction() == TransferEvent.Direction.UPLOAD ? " []created " : " []sent ")
                .bytes(UrlEncoding.encode(TransferFields.storedPathBytes(event)))
                // spec/altlog.md §6: the account is written raw, never replaced by "-"
                .ascii(" 226 ").bytes(TransferFields.account(event)).ascii(' ').number(event.bytes())
                .ascii('\n').toBytes();
    }

    /** The four header lines for a newly created file; {@code #Date} is {@code created} in UTC. */
    @Override
    public byte[] header(Instant created) {
        ZonedDateTime t = Instant.ofEpochSecond(created.getEpochSecond()).atZone(ZoneOffset.UTC);
        return new LineBuilder().ascii(SOFTWARE).ascii("#Version: 1.0\n")
                // spec/altlog.md §6: the header's year is %04d, the records' %d
                .ascii("#Date: ").padded(t.getYear(), 4).ascii('-').padded(t.getMonthValue(), 2).ascii('-')
                .padded(t.getDayOfMonth(), 2).ascii(' ').padded(t.getHour(), 2).ascii(':')
                .padded(t.getMinute(), 2).ascii(':').padded(t.getSecond(), 2).ascii('\n')
                .ascii("#Fields: date time c-ip cs-method cs-uri-stem sc-status cs-username sc-bytes\n")
                .toBytes();
    }
}
