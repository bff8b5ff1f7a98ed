package org.plugftpd.core.impl.who;

import java.util.List;

/**
 * The {@code -p} Apple property list: an array of one dictionary per session
 * (spec/ftpwho.md §4.5). Immutable, thread-safe.
 */
final class WhoPlistFormatter implements WhoFormatter {

    private static final String START = "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n"
            + "<!DOCTYPE plist PUBLIC \"-//Apple Computer//DTD PLIST 1.0//EN\""
            + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
            + "<plist version=\"1.0\">\n"
            + "<dict>\n"
            + "\t<key>user-info</key>\n"
            + "\t<array>\n";
    private static final String END = "\t</array>\n</dict>\n</plist>\n";

    @Override
    public String format(List<WhoEntry> entries) {
        StringBuilder out = new StringBuilder(START);
        for (WhoEntry entry : entries) {
            out.append("\t\t<dict>\n");
            pair(out, "pid", Long.toString(entry.pid));
            pair(out, "account", WhoEscaping.markup(entry.account));
            pair(out, "time", Long.toString(entry.sinceSeconds));
            pair(out, "state", entry.stateLabel);
            pair(out, "file", WhoEscaping.markup(entry.file));
            pair(out, "host", WhoEscaping.markup(entry.host));
            pair(out, "localhost", WhoEscaping.markup(entry.localHost));
            pair(out, "localport", entry.localPort);
            if (entry.currentBytes > 0) {
                pair(out, "resume", Long.toString(entry.restartOffset));
                pair(out, "current_size", Long.toString(entry.currentBytes));
                if (entry.totalBytes > 0) {
                    pair(out, "total_size", Long.toString(entry.totalBytes));
                    pair(out, "percentage", Integer.toString(entry.percent()));
                }
                pair(out, "bandwidth", Long.toString(entry.bytesPerSecond()));
            } else {
                // spec/ftpwho.md §4.5: with nothing transferred, all five keys are present but empty.
                for (String key : new String[] {"resume", "current_size", "total_size", "percentage", "bandwidth"}) {
                    pair(out, key, "");
                }
            }
            out.append("\t\t</dict>\n");
        }
        return out.append(END).toString();
    }

    private static void pair(StringBuilder out, String key, String escapedValue) {
        out.append("\t\t\t<key>").append(key).append("</key>\n")
                .append("\t\t\t<string>").append(escapedValue).append("</string>\n");
    }
}
