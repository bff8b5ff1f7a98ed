package org.plugftpd.core.impl.who;

import java.util.List;

/**
 * The {@code -s} format for scripts: one line of 12 {@code |}-separated fields per session, no
 * header (spec/ftpwho.md §4.4). Immutable, thread-safe.
 */
final class WhoShellFormatter implements WhoFormatter {

    @Override
    public String format(List<WhoEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (WhoEntry entry : entries) {
            out.append(entry.pid).append('|')
                    .append(WhoEscaping.shell(entry.account)).append('|')
                    .append(entry.sinceSeconds).append('|')
                    .append(WhoEscaping.shell(entry.stateLabel)).append('|')
                    .append(WhoEscaping.shell(entry.file)).append('|')
                    .append(WhoEscaping.shell(entry.host)).append('|')
                    .append(WhoEscaping.shell(entry.localHost)).append('|')
                    .append(WhoEscaping.shell(entry.localPort)).append('|')
                    .append(entry.currentBytes / 1024).append('|')
                    .append(entry.totalBytes / 1024).append('|')
                    .append(entry.percent()).append('|')
                    .append(entry.kilobytesPerSecond()).append('\n');
        }
        return out.toString();
    }
}
