package org.plugftpd.core.impl.who;

import java.util.List;

/**
 * The ASCII table, pure-ftpwho's default and {@code -v} output (spec/ftpwho.md §4.1).
 * Immutable, thread-safe.
 */
final class WhoTextFormatter implements WhoFormatter {

    private static final String SEPARATOR =
            "+------+---------+-------+------+-------------------------------------------+\n";
    private static final String TITLES =
            "| PID  |  Login  |For/Spd| What |                 File/IP                   |\n";
    private static final String VERBOSE_TITLES =
            "| PID  |  Login  |For/Spd| What |     File/Remote IP/Size(Kb)/Local IP      |\n";
    private static final String CONTINUATION = "|  ''  |    ''   |";
    private static final String DETAIL_PREFIX = "|  ''  |    ''   |       |      | ";
    private static final String NO_SPEED = "   ''  |";
    private static final String NO_PERCENT = "  ''  |";
    private static final String[] RATE_UNITS = {"b/s", "K/s", "M/s", "G/s"};

    private final boolean verbose;

    WhoTextFormatter(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public String format(List<WhoEntry> entries) {
        StringBuilder out = new StringBuilder();
        out.append('\n').append(SEPARATOR).append(verbose ? VERBOSE_TITLES : TITLES).append(SEPARATOR);
        for (WhoEntry entry : entries) {
            appendEntry(out, entry);
        }
        return out.append('\n').toString();
    }

    private void appendEntry(StringBuilder out, WhoEntry entry) {
        // Hours are not wrapped at 24 (§4.1), so a long session widens the cell.
        out.append('|').append(PrintfPadding.right(entry.pid, 5)).append(" | ")
                .append(PrintfPadding.left(entry.account, 8)).append("| ")
                .append(PrintfPadding.twoDigits(entry.sinceSeconds / 3600)).append(':')
                .append(PrintfPadding.twoDigits((entry.sinceSeconds / 60) % 60)).append(" | ")
                .append(entry.stateLabel).append(" | ")
                .append(PrintfPadding.left(entry.file, 42)).append("|\n");
        out.append(CONTINUATION).append(speedCell(entry)).append(percentCell(entry))
                .append(" ->").append(PrintfPadding.rightTruncated(entry.host, 39)).append(" |\n");
        if (verbose) {
            appendVerboseLines(out, entry);
        }
        out.append(SEPARATOR);
    }

    private static void appendVerboseLines(StringBuilder out, WhoEntry entry) {
        if (entry.currentBytes > 0) {
            if (entry.totalBytes > 0) {
                out.append(DETAIL_PREFIX).append("Total size:").append(PrintfPadding.right(entry.totalBytes / 1024, 9))
                        .append(" Transferred:").append(PrintfPadding.right(entry.currentBytes / 1024, 9))
                        .append(" |\n");
            } else {
                out.append(DETAIL_PREFIX).append("Transferred: ")
                        .append(PrintfPadding.left(entry.currentBytes / 1024, 29)).append(" |\n");
            }
        }
        out.append(DETAIL_PREFIX).append("<-").append(PrintfPadding.rightTruncated(entry.localHost, 33))
                .append(':').append(PrintfPadding.leftTruncated(entry.localPort, 5)).append(" |\n");
    }

    /** spec/ftpwho.md §4.1: only for a running, non-resumed part measured over at least a second. */
    private static String speedCell(WhoEntry entry) {
        if (entry.currentBytes <= 0 || entry.currentBytes <= entry.restartOffset || entry.transferSeconds <= 0) {
            return NO_SPEED;
        }
        long rate = (entry.currentBytes - entry.restartOffset) / entry.transferSeconds;
        for (String unit : RATE_UNITS) {
            if (rate < 1024) {
                return PrintfPadding.right(rate, 4) + unit + "|";
            }
            rate /= 1024;
        }
        return NO_SPEED;
    }

    /** spec/ftpwho.md §3: the text table leaves the percentage out until something new arrived. */
    private static String percentCell(WhoEntry entry) {
        int percent = entry.currentBytes > entry.restartOffset ? entry.percent() : 0;
        return percent > 0 ? " " + PrintfPadding.right(percent, 3) + "% |" : NO_PERCENT;
    }
}
