package org.plugftpd.auth.puredb.pw;

import java.io.IOException;
import java.io.InputStream;

/**
 * Lines read the way pure-pw reads them: {@code fgets} into a LINE_MAX (2048) buffer with a limit of 2047, so
 * a piece ends after LF or after 2046 bytes (a longer physical line becomes several pieces, spec/passwd.md §1);
 * then {@code strip_lf} cuts at the first CR and the first LF, and C stops at the first NUL.
 * Reads the stream byte by byte, never past the piece it returns (stdin stays usable); not thread-safe.
 */
final class CLineReader {
    static final int MAX_PIECE_BYTES = 2046;

    private final InputStream in;

    CLineReader(InputStream in) {
        this.in = in;
    }

    /** The next piece as a byte string (its LF included), or null at end of input with nothing read. */
    String nextPiece() throws IOException {
        StringBuilder piece = new StringBuilder(128);
        while (piece.length() < MAX_PIECE_BYTES) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            piece.append((char) b);
            if (b == '\n') {
                break;
            }
        }
        return piece.length() == 0 ? null : piece.toString();
    }

    /** The piece as C code sees it after strip_lf: up to the first CR, LF or NUL. */
    static String cString(String piece) {
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return piece.substring(0, i);
            }
        }
        return piece;
    }
}
