package org.plugftpd.core.impl.engine;

import java.util.List;

import org.apache.ftpserver.ftplet.FtpReply;

/**
 * A reply framed as Pure-FTPd frames it (spec/server-behaviour.md §1): every line carries the
 * code, {@code code-text} on all but the last, {@code code text} on the last. Immutable.
 */
final class PureReply implements FtpReply {
    private final int code;
    private final List<String> lines;
    private final long sentTime = System.currentTimeMillis();

    PureReply(int code, List<String> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs a line");
        }
        this.code = code;
        this.lines = List.copyOf(lines);
    }

    PureReply(int code, String line) {
        this(code, List.of(line));
    }

    @Override
    public int getCode() {
        return code;
    }

    @Override
    public String getMessage() {
        return String.join("\n", lines);
    }

    @Override
    public long getSentTime() {
        return sentTime;
    }

    @Override
    public boolean isPositive() {
        return code < 400;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i + 1 < lines.size() ? '-' : ' ');
            // a reply line must never carry a raw line break (client-supplied names end up here)
            sb.append(lines.get(i).replace('\r', ' ').replace('\n', ' ')).append("\r\n");
        }
        return sb.toString();
    }
}
