package org.plugftpd.core.impl.engine;

import java.util.List;

/**
 * A reply framed as Pure-FTPd frames it (spec/server-behaviour.md §1): every line carries the
 * code, {@code code-text} on all but the last, {@code code text} on the last. Immutable.
 */
public final class PureReply extends FramedReply {
    private final List<String> lines;

    public PureReply(int code, List<String> lines) {
        super(code);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs a line");
        }
        this.lines = List.copyOf(lines);
    }

    public PureReply(int code, String line) {
        this(code, List.of(line));
    }

    @Override
    public String getMessage() {
        return String.join("\n", lines);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(getCode()).append(i + 1 < lines.size() ? '-' : ' ');
            sb.append(oneLine(lines.get(i))).append("\r\n");
        }
        return sb.toString();
    }
}
