package org.plugftpd.auth.puredb.ctext;

import java.io.IOException;
import java.io.InputStream;

/**
 * Lines read the way Pure-FTPd's tools read them: {@code fgets} into a {@code LINE_MAX} (2048) buffer with limit
 * {@code LINE_MAX - 1}, so one call returns at most 2046 bytes and ends after a LF or when full (spec/puredb.md
 * §5.2, spec/passwd.md §1); the content then ends at the first CR, LF or NUL ({@code strip_lf}, C strings).
 * <p>A reader buffers ahead and owns its stream for one pass (a file); the static {@link #fgets} reads one byte at
 * a time and never past the line, for a stream that later readers share (stdin). Not thread-safe.
 */
public final class FgetsLineReader {

    /** Bytes one fgets call returns at most on Linux/glibc ({@code LINE_MAX} 2048, limit 2047, minus the NUL). */
    public static final int MAX_PIECE_BYTES = 2046;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] piece = new byte[MAX_PIECE_BYTES];
    private int bufferEnd;
    private int bufferPosition;
    private boolean endOfInput;
    private int physicalLine = 1;

    public FgetsLineReader(InputStream in) {
        this.in = in;
    }

    /**
     * One fgets call on {@code in}: bytes up to and including a LF, at most {@link #MAX_PIECE_BYTES}, nothing read
     * beyond them. The caller owns {@code into} (a password prompt wipes it).
     *
     * @param into at least {@link #MAX_PIECE_BYTES} long
     * @return how many bytes were stored in {@code into}; 0 at the end of the input
     */
    public static int fgets(InputStream in, byte[] into) throws IOException {
        if (into.length < MAX_PIECE_BYTES) {
            throw new IllegalArgumentException("buffer of " + into.length + " bytes, fgets needs " + MAX_PIECE_BYTES);
        }
        return fill(in::read, into);
    }

    private static int fill(ByteSource source, byte[] into) throws IOException {
        int length = 0;
        while (length < MAX_PIECE_BYTES) {
            int b = source.read();
            if (b < 0) {
                break;
            }
            into[length++] = (byte) b;
            if (b == '\n') {
                break;
            }
        }
        return length;
    }

    /**
     * Where C code stops reading what fgets returned: the first CR or LF ({@code strip_lf}) or NUL (C strings).
     *
     * @return the content's length, at most {@code length}
     */
    public static int cStringLength(byte[] raw, int length) {
        int end = 0;
        while (end < length && raw[end] != '\r' && raw[end] != '\n' && raw[end] != 0) {
            end++;
        }
        return end;
    }

    /**
     * The next line as pure-pw reads it (mkdb, list, show, usermod): every fgets piece is a line of its own, so
     * a physical line longer than {@link #MAX_PIECE_BYTES} gives several, all with its line number.
     *
     * @return the piece, or null at the end of the input
     */
    public PasswdLine nextPiece() throws IOException {
        int startLine = physicalLine;
        int length = readPiece();
        return length == 0 ? null : PasswdLine.of(startLine, piece, length, false);
    }

    /**
     * The next physical line, for a reader that refuses what pure-pw would cut (the server's passwd directory):
     * a line longer than {@link #MAX_PIECE_BYTES} (its LF, CRLF or final CR not counted) comes back once, holding
     * its first piece and flagged {@link PasswdLine#tooLong()}; the rest of it is skipped with bounded memory.
     *
     * @return the line, or null at the end of the input
     */
    public PasswdLine nextWholeLine() throws IOException {
        int startLine = physicalLine;
        int length = readPiece();
        if (length == 0) {
            return null;
        }
        if (length < MAX_PIECE_BYTES || piece[length - 1] == '\n') {
            return PasswdLine.of(startLine, piece, length, false);
        }
        // a full piece without a LF: is there more of this physical line than its end (LF, CRLF, CR at the end)?
        int b = read();
        if (b == '\r') {
            b = read();
        }
        if (b < 0 || b == '\n') {
            return PasswdLine.of(startLine, piece, length, false);
        }
        while (b >= 0 && b != '\n') {
            b = read();
        }
        return PasswdLine.of(startLine, piece, length, true);
    }

    private int readPiece() throws IOException {
        int length = fill(this::readBuffered, piece);
        if (length > 0 && piece[length - 1] == '\n') {
            physicalLine++;
        }
        return length;
    }

    private int read() throws IOException {
        int b = readBuffered();
        if (b == '\n') {
            physicalLine++;
        }
        return b;
    }

    private int readBuffered() throws IOException {
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

    /** One byte at a time, -1 at the end: a stream's own read or the reader's buffer. */
    @FunctionalInterface
    private interface ByteSource {
        int read() throws IOException;
    }
}
