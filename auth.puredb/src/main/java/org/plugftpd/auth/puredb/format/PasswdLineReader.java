package org.plugftpd.auth.puredb.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a passwd file the way pure-pw does: {@code fgets} into a {@code LINE_MAX} (2048) buffer
 * with limit {@code LINE_MAX - 1}, so at most 2046 bytes at a time (spec/puredb.md §5.2). Either
 * splits longer lines into pieces, as mkdb does, or returns them flagged as too long.
 * <p>One reader per pass over one stream; not thread-safe. Memory stays bounded whatever the line length.
 */
public final class PasswdLineReader {

    /** Bytes one fgets call returns at most on Linux/glibc ({@code LINE_MAX} 2048, limit 2047, minus the NUL). */
    public static final int MAX_LINE_LENGTH = 2046;

    private final InputStream in;
    private final boolean splitLongLines;
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] piece = new byte[MAX_LINE_LENGTH];
    private int bufferEnd;
    private int bufferPosition;
    private boolean endOfInput;
    private int physicalLine = 1;

    /**
     * @param splitLongLines true: every piece of a long line is a line of its own (mkdb);
     *                       false: a long line is returned once, flagged {@link PasswdLine#tooLong()}
     */
    public PasswdLineReader(InputStream in, boolean splitLongLines) {
        this.in = in;
        this.splitLongLines = splitLongLines;
    }

    /** The next line, or null at the end of the input. */
    public PasswdLine next() throws IOException {
        int startLine = physicalLine;
        int length = 0;
        boolean newline = false;
        while (length < MAX_LINE_LENGTH) {
            int b = read();
            if (b < 0) {
                break;
            }
            piece[length++] = (byte) b;
            if (b == '\n') {
                newline = true;
                physicalLine++;
                break;
            }
        }
        if (length == 0) {
            return null;
        }
        if (newline || splitLongLines || length < MAX_LINE_LENGTH) {
            return PasswdLine.of(startLine, piece, length, false);
        }
        // a full buffer without a newline: is there more of this physical line than its end (LF, CRLF)?
        int b = read();
        if (b == '\r') {
            b = read();
            if (b < 0 || b == '\n') {
                physicalLine += b < 0 ? 0 : 1;
                return PasswdLine.of(startLine, piece, length, false);
            }
        } else if (b < 0 || b == '\n') {
            physicalLine += b < 0 ? 0 : 1;
            return PasswdLine.of(startLine, piece, length, false);
        }
        while (b >= 0 && b != '\n') {
            b = read();
        }
        if (b == '\n') {
            physicalLine++;
        }
        return PasswdLine.of(startLine, piece, length, true);
    }

    private int read() throws IOException {
        while (bufferPosition == bufferEnd) {
            if (endOfInput) {
                return -1;
            }
            int n = in.read(buffer);
            if (n < 0) {
                endOfInput = true;
                return -1;
            }
            bufferEnd = n;
            bufferPosition = 0;
        }
        return buffer[bufferPosition++] & 0xff;
    }
}
