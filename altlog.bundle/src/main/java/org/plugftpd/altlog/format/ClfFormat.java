package org.plugftpd.altlog.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

import org.plugftpd.transfer.api.TransferEvent;

/**
 * HTTPd common log format, Pure-FTPd's {@code clf} (spec/altlog.md §4).
 * Immutable; thread-safe.
 */
public final class ClfFormat implements AltLogFormat {

    private final ZoneId zone;

    /** @param zone the server's local time zone (Pure-FTPd uses the process's TZ) */
    public ClfFormat(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public String name() {
        return "clf";
    }

    @Override
    public byte[] line(TransferEvent event, String host) {
        if (!TransferFields.logged(event)) {
            return new byte[0];
        }
        ZonedDateTime t = TransferFields.lineTime(event).atZone(zone);
        LineBuilder line = new LineBuilder()
                .ascii(TransferFields.host(host)).ascii(" - ").bytes(TransferFields.accountOrDash(event))
                .ascii(" [").padded(t.getDayOfMonth(), 2).ascii('/').ascii(TransferFields.MONTHS[t.getMonthValue() - 1])
                .ascii('/').number(t.getYear()).ascii(':').padded(t.getHour(), 2).ascii(':')
                .padded(t.getMinute(), 2).ascii(':').padded(t.getSecond(), 2).ascii(' ');
        appendInvertedOffset(line, t.getOffset().getTotalSeconds());
        return line.ascii("] \"").ascii(event.direction() == TransferEvent.Direction.UPLOAD ? "PUT" : "GET")
                .ascii(' ').bytes(UrlEncoding.encode(TransferFields.storedPathBytes(event)))
                .ascii("\" 200 ").number(event.bytes()).ascii('\n').toBytes();
    }

    // spec/altlog.md §4: d = -(gmtoff/60); '+' only when d > 0 — the reverse of Apache's sign
    private static void appendInvertedOffset(LineBuilder line, int offsetSeconds) {
        long d = -((long) offsetSeconds) / 60L;
        char sign = '+';
        if (d <= 0) {
            sign = '-';
            d = -d;
        }
        line.ascii(sign).padded(d / 60, 2).padded(d % 60, 2);
    }

    @Override
    public byte[] header(Instant created) {
        return new byte[0];
    }
}
