package org.plugftpd.core.impl.who;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@code ftp:who} was asked to print, parsed from pure-ftpwho's command line
 * (spec/ftpwho.md §3, getopt string {@code CchHnpsvwWx}). Immutable, thread-safe.
 */
public final class WhoOptions {

    /** Name used in diagnostics and in the help text. */
    static final String COMMAND_NAME = "ftp:who";

    /** The output families of spec/ftpwho.md §4. */
    public enum Format { TEXT, HTML, XML, SHELL, PLIST }

    private static final WhoOptions DEFAULTS =
            new WhoOptions(Format.TEXT, false, false, false, false, false);

    private final Format format;
    private final boolean verbose;
    private final boolean numericHosts;
    private final boolean htmlWithoutPage;
    private final boolean cgi;
    private final boolean helpRequested;

    private WhoOptions(Format format, boolean verbose, boolean numericHosts, boolean htmlWithoutPage,
            boolean cgi, boolean helpRequested) {
        this.format = format;
        this.verbose = verbose;
        this.numericHosts = numericHosts;
        this.htmlWithoutPage = htmlWithoutPage;
        this.cgi = cgi;
        this.helpRequested = helpRequested;
    }

    /** No arguments: the plain text table with reverse DNS. */
    public static WhoOptions defaults() {
        return DEFAULTS;
    }

    /** Parses arguments as pure-ftpwho does when not run as a CGI program. */
    public static WhoOptions parse(String... args) {
        return parse(false, Arrays.asList(args));
    }

    /**
     * Parses arguments the way pure-ftpwho's getopt loop does: options may be bundled
     * ({@code -vH}), later format options replace earlier ones, {@code --} ends the options and
     * other words are ignored.
     *
     * @param cgiEnvironment true where pure-ftpwho would see {@code GATEWAY_INTERFACE} set: HTML
     *        with the Content-Type line and the full page becomes the default (§3)
     * @throws WhoUsageException at the first option letter outside {@code CchHnpsvwWx}
     */
    public static WhoOptions parse(boolean cgiEnvironment, List<String> args) {
        Objects.requireNonNull(args, "args");
        Format format = cgiEnvironment ? Format.HTML : Format.TEXT;
        boolean verbose = false;
        boolean numericHosts = false;
        boolean htmlWithoutPage = false;
        boolean cgi = cgiEnvironment;
        for (String arg : args) {
            if (arg == null) {
                continue;
            }
            if ("--".equals(arg)) {
                break;
            }
            // glibc getopt permutes: words that are not options ("x", "-") are skipped, not fatal.
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                continue;
            }
            for (int i = 1; i < arg.length(); i++) {
                char option = arg.charAt(i);
                switch (option) {
                    case 'h':
                        // pure-ftpwho prints its help and exits as soon as it meets -h.
                        return new WhoOptions(format, verbose, numericHosts, htmlWithoutPage, cgi, true);
                    case 'H':
                    case 'n':
                        numericHosts = true;
                        break;
                    // spec/ftpwho.md §3: -c/-C imply -W, which implies -w; the flags stick even if a
                    // later option picks another format.
                    case 'c':
                    case 'C':
                        cgi = true;
                        htmlWithoutPage = true;
                        format = Format.HTML;
                        break;
                    case 'W':
                        htmlWithoutPage = true;
                        format = Format.HTML;
                        break;
                    case 'w':
                        format = Format.HTML;
                        break;
                    case 'p':
                        format = Format.PLIST;
                        break;
                    case 's':
                        format = Format.SHELL;
                        break;
                    case 'x':
                        format = Format.XML;
                        break;
                    // -v is a flag read by the text table only, it does not select a format.
                    case 'v':
                        verbose = true;
                        break;
                    default:
                        throw new WhoUsageException(option);
                }
            }
        }
        return new WhoOptions(format, verbose, numericHosts, htmlWithoutPage, cgi, false);
    }

    /** The usage text printed for {@code -h} and after an unknown option. */
    public static String helpText() {
        return "\n"
                + "Usage: " + COMMAND_NAME + " [-c|-C] [-h] [-H|-n] [-p] [-s] [-v] [-w] [-W] [-x]\n"
                + "\n"
                + "Lists the open FTP sessions, like pure-ftpwho.\n"
                + "\n"
                + "-c, -C : CGI output: a Content-Type line, then an HTML table\n"
                + "-h     : show this help\n"
                + "-H, -n : show numeric addresses, do not look up host names\n"
                + "-p     : Apple property list (plist)\n"
                + "-s     : one line per session, fields separated by |, for shell scripts\n"
                + "-v     : text table with sizes and the local address\n"
                + "-w     : complete XHTML page\n"
                + "-W     : HTML table without the page around it\n"
                + "-x     : XML document\n"
                + "\n";
    }

    public Format format() {
        return format;
    }

    /** {@code -v}: extra size and local-address lines in the text table (§4.1). */
    public boolean verbose() {
        return verbose;
    }

    /** {@code -H}/{@code -n}: addresses are printed numerically, no reverse DNS. */
    public boolean numericHosts() {
        return numericHosts;
    }

    /** {@code -W}/{@code -c}: the HTML table only, without the XHTML page prologue and end. */
    public boolean htmlWithoutPage() {
        return htmlWithoutPage;
    }

    /** {@code -c}/{@code -C} or a CGI environment: HTML preceded by a Content-Type header. */
    public boolean cgi() {
        return cgi;
    }

    /** {@code -h}: print {@link #helpText()} instead of the sessions. */
    public boolean helpRequested() {
        return helpRequested;
    }

    @Override
    public String toString() {
        return "WhoOptions[" + format + (verbose ? " verbose" : "") + (numericHosts ? " numeric" : "")
                + (htmlWithoutPage ? " no-page" : "") + (cgi ? " cgi" : "") + (helpRequested ? " help" : "")
                + "]";
    }
}
