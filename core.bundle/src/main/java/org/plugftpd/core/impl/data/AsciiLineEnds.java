package org.plugftpd.core.impl.data;

/**
 * TYPE A line-end conversion, as FtpServer does it: towards the client every LF not already after
 * a CR becomes CRLF; from the client CR, CRLF and a lone LF each become one local line end
 * ({@code \n} here). Remembers the last byte across blocks. One instance per transfer; not
 * thread-safe.
 */
final class AsciiLineEnds {
    private final boolean toClient;
    private byte last;

    private AsciiLineEnds(boolean toClient) {
        this.toClient = toClient;
    }

    static AsciiLineEnds toClient() {
        return new AsciiLineEnds(true);
    }

    static AsciiLineEnds fromClient() {
        return new AsciiLineEnds(false);
    }

    /** Room {@link #convert} may need for {@code n} input bytes. */
    static int maxOutput(int n) {
        return 2 * n;
    }

    /** Converts {@code in[0..n)} into {@code out}; returns the number of bytes written. */
    int convert(byte[] in, int n, byte[] out) {
        int o = 0;
        for (int i = 0; i < n; i++) {
            byte b = in[i];
            if (toClient) {
                if (b == '\n' && last != '\r') {
                    out[o++] = '\r';
                }
                out[o++] = b;
            } else if (b == '\r') {
                out[o++] = '\n';
            } else if (b != '\n' || last != '\r') {
                // a lone LF stays one line end; the LF of a CRLF was written with its CR
                out[o++] = b;
            }
            last = b;
        }
        return o;
    }
}
