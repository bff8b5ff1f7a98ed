package org.plugftpd.core.impl.who;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.plugftpd.session.api.SessionInfo;

/**
 * Entry point of {@code ftp:who}: renders sessions exactly as pure-ftpwho 1.0.50 prints its
 * scoreboard (spec/ftpwho.md §3–§4). Encoded as UTF-8, the result is the bytes pure-ftpwho would
 * write for a server that stored the client's (UTF-8) names. Stateless, thread-safe.
 */
public final class WhoReport {

    private WhoReport() {
    }

    /**
     * @param sessions in the order to print them (pure-ftpwho prints in directory order)
     * @param now the moment "since" and the transfer rates are measured against
     * @param options parsed arguments; with {@code -h} the help text is returned
     * @param resolver reverse DNS for addresses, unused with {@code -H}; a null or empty answer, or
     *        an exception, falls back to the numeric address (§3). Use {@link HostNames#reverseDns()}
     *        in production.
     */
    public static String render(List<SessionInfo> sessions, Instant now, WhoOptions options,
            Function<InetAddress, String> resolver) {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(resolver, "resolver");
        if (options.helpRequested()) {
            return WhoOptions.helpText();
        }
        Function<InetAddress, String> lookup = HostNames.oncePerAddress(resolver);
        List<WhoEntry> entries = new ArrayList<>(sessions.size());
        for (SessionInfo session : sessions) {
            entries.add(WhoEntry.of(session, now, options.numericHosts(), lookup));
        }
        return formatterFor(options).format(entries);
    }

    private static WhoFormatter formatterFor(WhoOptions options) {
        switch (options.format()) {
            case HTML:
                return new WhoHtmlFormatter(!options.htmlWithoutPage(), options.cgi());
            case XML:
                return new WhoXmlFormatter();
            case SHELL:
                return new WhoShellFormatter();
            case PLIST:
                return new WhoPlistFormatter();
            case TEXT:
            default:
                return new WhoTextFormatter(options.verbose());
        }
    }
}
