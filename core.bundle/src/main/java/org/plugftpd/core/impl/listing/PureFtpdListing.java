package org.plugftpd.core.impl.listing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import org.plugftpd.core.impl.fs.FileNamePolicy;

/**
 * Pure-FTPd's listing lines (spec/server-behaviour.md §5): the {@code ls -l} style line of LIST and
 * STAT, and the facts line of MLSD and MLST. Plain appends, no formatting engine, since a listing
 * of ten thousand entries goes through here per request. Immutable; one per listing, as it holds
 * the moment that decides between a clock time and a year.
 */
public final class PureFtpdListing {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    // §5: younger than this (or in the future) shows HH:MM, older shows the year
    private static final long RECENT_SECONDS = 180L * 24 * 60 * 60;
    private static final long WIDE_SIZE = 10_000_000_000L;

    private final long nowSeconds;
    private final ZoneRules zone;

    public PureFtpdListing(Instant now, ZoneId zone) {
        this.nowSeconds = now.getEpochSecond();
        this.zone = zone.getRules();
    }

    /** Regular files, directories and symlinks are listed; devices, FIFOs and sockets are not. */
    public static boolean isListed(EntryFacts f) {
        return f.isRegularFile() || f.isDirectory() || f.isSymbolicLink();
    }

    /** One LIST line, CRLF included: {@code %s %4u %-10d %-10d %10llu %s %2d %s %s[ -> target]}. */
    public void appendLong(StringBuilder sb, EntryFacts f) {
        appendMode(sb, f.mode());
        sb.append(' ');
        padLeft(sb, f.links(), 4);
        sb.append(' ');
        // virtual users: owner and group are shown as numbers
        padRight(sb, f.uid(), 10);
        sb.append(' ');
        padRight(sb, f.gid(), 10);
        sb.append(' ');
        padLeft(sb, f.size(), f.size() >= WIDE_SIZE ? 18 : 10);
        sb.append(' ');
        long seconds = Math.floorDiv(f.modifiedMillis(), 1000);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, zone.getOffset(Instant.ofEpochSecond(seconds)));
        sb.append(MONTHS[t.getMonthValue() - 1]).append(' ');
        padLeft(sb, t.getDayOfMonth(), 2);
        sb.append(' ');
        if (nowSeconds - seconds <= RECENT_SECONDS) {
            twoDigits(sb, t.getHour());
            sb.append(':');
            twoDigits(sb, t.getMinute());
        } else {
            padLeft(sb, t.getYear(), 5);
        }
        sb.append(' ').append(f.name());
        if (f.isSymbolicLink()) {
            sb.append(" -> ").append(FileNamePolicy.printable(f.linkTarget()));
        }
        sb.append("\r\n");
    }

    /**
     * One MLSD/MLST facts line without line end: {@code type=…;siz(e|d)=…;modify=…;UNIX.mode=…;
     * [UNIX.uid=…;UNIX.gid=…;]unique=…; name}. {@code type} null means worked out from the mode.
     */
    public static void appendFacts(StringBuilder sb, EntryFacts f, String type, boolean withOwner) {
        sb.append("type=").append(type != null ? type : typeOf(f)).append(';');
        sb.append(f.isDirectory() ? "sizd=" : "size=").append(f.size()).append(';');
        sb.append("modify=");
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(f.modifiedMillis(), 1000), 0, ZoneOffset.UTC);
        padZero(sb, t.getYear(), 4);
        twoDigits(sb, t.getMonthValue());
        twoDigits(sb, t.getDayOfMonth());
        twoDigits(sb, t.getHour());
        twoDigits(sb, t.getMinute());
        twoDigits(sb, t.getSecond());
        sb.append(";UNIX.mode=0").append(Integer.toOctalString(f.mode() & 07777)).append(';');
        if (withOwner) {
            sb.append("UNIX.uid=").append(f.uid()).append(";UNIX.gid=").append(f.gid()).append(';');
        }
        sb.append("unique=").append(Long.toHexString(f.device())).append('g').append(Long.toHexString(f.inode()));
        sb.append("; ").append(f.name());
    }

    /** MLSD's type fact; a symlink shows its target when that cannot break the facts syntax. */
    public static String typeOf(EntryFacts f) {
        if (f.isDirectory()) {
            return "dir";
        }
        if (f.isRegularFile()) {
            return "file";
        }
        if (f.isSymbolicLink()) {
            String target = f.linkTarget();
            boolean clean = target != null && !target.equals("..") && target.indexOf(';') < 0
                    && !FileNamePolicy.hasControlCharacter(target);
            return clean ? "OS.unix=slink:" + target : "OS.unix=symlink";
        }
        return "unknown";
    }

    public static void appendMode(StringBuilder sb, int mode) {
        int type = mode & EntryFacts.TYPE_MASK;
        sb.append(type == EntryFacts.DIRECTORY ? 'd' : type == EntryFacts.SYMLINK ? 'l' : '-');
        sb.append((mode & 0400) != 0 ? 'r' : '-');
        sb.append((mode & 0200) != 0 ? 'w' : '-');
        sb.append(special(mode & 0100, mode & 04000, 's'));
        sb.append((mode & 040) != 0 ? 'r' : '-');
        sb.append((mode & 020) != 0 ? 'w' : '-');
        sb.append(special(mode & 010, mode & 02000, 's'));
        sb.append((mode & 04) != 0 ? 'r' : '-');
        sb.append((mode & 02) != 0 ? 'w' : '-');
        sb.append(special(mode & 01, mode & 01000, 't'));
    }

    private static char special(int execute, int flag, char letter) {
        if (flag != 0) {
            return execute != 0 ? letter : Character.toUpperCase(letter);
        }
        return execute != 0 ? 'x' : '-';
    }

    private static void padLeft(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append(' ');
        }
        sb.append(digits);
    }

    private static void padRight(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        sb.append(digits);
        for (int i = digits.length(); i < width; i++) {
            sb.append(' ');
        }
    }

    private static void padZero(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }

    private static void twoDigits(StringBuilder sb, int value) {
        sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
