package org.plugftpd.core.impl.who;

import java.util.List;

/**
 * The HTML status table: a whole XHTML page ({@code -w}), the bare table ({@code -W}) or CGI
 * output with a Content-Type header ({@code -c}) (spec/ftpwho.md §4.2). Immutable, thread-safe.
 */
final class WhoHtmlFormatter implements WhoFormatter {

    private static final String CGI_HEADER = "Content-Type: text/html\n\n";

    // spec/ftpwho.md §4.2: the page prologue, byte for byte as pure-ftpwho 1.0.50 printed it in
    // vectors/ftpwho/01-active.w.txt.
    private static final String PAGE_START =
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\"\n"
            + "          \"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\">\n"
            + "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\">\n"
            + "<head>\n"
            + " <meta http-equiv=\"Content-Type\"\n"
            + "       content=\"text/html; charset=ISO-8859-15\" />\n"
            + " <title>Pure-FTPd server status</title>\n"
            + " <style type=\"text/css\">\n"
            + "html {\n"
            + " background-color: #369;\n"
            + "}\n"
            + "body {\n"
            + " background-color: #fff;\n"
            + " color: #000;\n"
            + " margin: 12px;\n"
            + " padding: 8px;\n"
            + " border: 2px solid #000;\n"
            + " font-family: \"Trebuchet MS\",Verdana,Geneva,Arial,Helvetica,sans-serif;\n"
            + " font-size: 0.8em;\n"
            + "}\n"
            + "h1 {\n"
            + " text-align: center;\n"
            + " border-bottom: 1px solid #666;\n"
            + " margin: 0.5em 1em;\n"
            + "}\n"
            + "#ftp-status {\n"
            + " text-align: center;\n"
            + "}\n"
            + "table {\n"
            + " margin: 0 auto;\n"
            + "}\n"
            + "thead th {\n"
            + " background-color: #369;\n"
            + " color: #fff;\n"
            + "}\n"
            + "th,td {\n"
            + " padding: 0.1em 0.5em;\n"
            + "}\n"
            + "tr:hover {\n"
            + " background-color: #def;\n"
            + "}\n"
            + " </style>\n"
            + "</head>\n"
            + "<body>\n"
            + "<h1>Pure-FTPd server status</h1>\n";

    private static final String TABLE_START = "<div id=\"ftp-status\">\n"
            + " <table summary=\"Pure-FTPd server status\">\n"
            + "  <thead>\n"
            + "   <tr>\n"
            + "    <th scope=\"col\">PID</th>\n"
            + "    <th scope=\"col\">Account</th>\n"
            + "    <th scope=\"col\">Time</th>\n"
            + "    <th scope=\"col\">State</th>\n"
            + "    <th scope=\"col\" abbr=\"File\">File name</th>\n"
            + "    <th scope=\"col\" abbr=\"Peer\">Remote host</th>\n"
            + "    <th scope=\"col\" abbr=\"Kb\">Kbytes</th>\n"
            + "    <th scope=\"col\" abbr=\"Local\">Local host</th>\n"
            + "   </tr>\n"
            + "  </thead>\n"
            + "  <tbody>\n";

    private static final String TABLE_END = "  </tbody>\n </table>\n</div>\n";
    private static final String PAGE_END = "</body>\n</html>\n";
    private static final String EMPTY_CELL = "&nbsp;";

    private final boolean withPage;
    private final boolean cgi;

    WhoHtmlFormatter(boolean withPage, boolean cgi) {
        this.withPage = withPage;
        this.cgi = cgi;
    }

    @Override
    public String format(List<WhoEntry> entries) {
        StringBuilder out = new StringBuilder();
        if (cgi) {
            out.append(CGI_HEADER);
        }
        if (withPage) {
            out.append(PAGE_START);
        }
        out.append(TABLE_START);
        for (WhoEntry entry : entries) {
            appendRow(out, entry);
        }
        out.append(TABLE_END);
        if (withPage) {
            out.append(PAGE_END);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, WhoEntry entry) {
        out.append("   <tr>\n");
        out.append("    <th scope=\"row\">").append(entry.pid).append("</th>\n");
        cell(out, orEmptyCell(WhoEscaping.markup(entry.account)));
        cell(out, PrintfPadding.twoDigits(entry.sinceSeconds / 3600) + ":"
                + PrintfPadding.twoDigits((entry.sinceSeconds / 60) % 60));
        // The state label is printed as is, its spaces included (" DL ").
        cell(out, entry.stateLabel);
        cell(out, orEmptyCell(WhoEscaping.markup(entry.file)));
        cell(out, WhoEscaping.markup(entry.host));
        cell(out, transferCell(entry));
        cell(out, WhoEscaping.markup(entry.localHost) + ":" + entry.localPort);
        out.append("   </tr>\n");
    }

    /** spec/ftpwho.md §4.2: sizes in KB, then percentage (downloads only) and KB/s. */
    private static String transferCell(WhoEntry entry) {
        if (entry.currentBytes <= 0) {
            return EMPTY_CELL;
        }
        if (entry.totalBytes > 0) {
            return entry.currentBytes / 1024 + "/" + entry.totalBytes / 1024
                    + " (" + entry.percent() + "% - " + entry.kilobytesPerSecond() + " KB/s)";
        }
        return entry.currentBytes / 1024 + " (" + entry.kilobytesPerSecond() + " KB/s)";
    }

    private static String orEmptyCell(String escaped) {
        return escaped.isEmpty() ? EMPTY_CELL : escaped;
    }

    private static void cell(StringBuilder out, String content) {
        out.append("    <td>").append(content).append("</td>\n");
    }
}
