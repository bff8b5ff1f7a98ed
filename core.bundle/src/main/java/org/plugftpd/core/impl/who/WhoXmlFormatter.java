package org.plugftpd.core.impl.who;

import java.util.List;

/**
 * The {@code -x} XML document: one {@code <client .../>} element per session
 * (spec/ftpwho.md §4.3). Immutable, thread-safe.
 */
final class WhoXmlFormatter implements WhoFormatter {

    @Override
    public String format(List<WhoEntry> entries) {
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<status>\n");
        for (WhoEntry entry : entries) {
            out.append("  <client");
            attribute(out, "pid", Long.toString(entry.pid));
            attribute(out, "account", WhoEscaping.markup(entry.account));
            attribute(out, "time", Long.toString(entry.sinceSeconds));
            // spec/ftpwho.md §4.3: the state is written unescaped, spaces kept (" DL ").
            attribute(out, "state", entry.stateLabel);
            attribute(out, "file", WhoEscaping.markup(entry.file));
            attribute(out, "host", WhoEscaping.markup(entry.host));
            attribute(out, "localhost", WhoEscaping.markup(entry.localHost));
            attribute(out, "localport", entry.localPort);
            // Transfer attributes only while bytes move; total and percentage only for downloads.
            if (entry.currentBytes > 0) {
                attribute(out, "resume", Long.toString(entry.restartOffset));
                attribute(out, "current_size", Long.toString(entry.currentBytes));
                if (entry.totalBytes > 0) {
                    attribute(out, "total_size", Long.toString(entry.totalBytes));
                    attribute(out, "percentage", Integer.toString(entry.percent()));
                }
                attribute(out, "bandwidth", Long.toString(entry.bytesPerSecond()));
            }
            out.append(" />\n");
        }
        return out.append("</status>\n").toString();
    }

    private static void attribute(StringBuilder out, String name, String escapedValue) {
        out.append(' ').append(name).append("=\"").append(escapedValue).append('"');
    }
}
