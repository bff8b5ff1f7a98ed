package org.plugftpd.core.impl.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A multi-line reply whose inner lines go out as they are, without the code: {@code code-first},
 * the raw lines, {@code code last}. Pure-FTPd answers MLST, FEAT and STAT with a file this way
 * (vectors/transcript/control-raw.bin). Immutable.
 */
final class RawLinesReply extends FramedReply {
    private final String first;
    private final List<String> raw;
    private final String last;

    RawLinesReply(int code, String first, List<String> raw, String last) {
        super(code);
        this.first = first;
        this.raw = List.copyOf(raw);
        this.last = last;
    }

    @Override
    public String getMessage() {
        List<String> all = new ArrayList<>(raw.size() + 2);
        all.add(first);
        all.addAll(raw);
        all.add(last);
        return String.join("\n", all);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(getCode()).append('-').append(oneLine(first)).append("\r\n");
        for (String line : raw) {
            // RFC 959: an inner line must not look like the closing "code " line
            String text = oneLine(line);
            if (text.length() >= 4 && text.startsWith(Integer.toString(getCode())) && text.charAt(3) == ' ') {
                text = " " + text;
            }
            sb.append(text).append("\r\n");
        }
        sb.append(getCode()).append(' ').append(oneLine(last)).append("\r\n");
        return sb.toString();
    }
}
