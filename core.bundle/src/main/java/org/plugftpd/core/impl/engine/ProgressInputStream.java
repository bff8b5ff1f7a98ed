package org.plugftpd.core.impl.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.plugftpd.core.impl.session.LiveSession;

/** Counts download bytes into the scoreboard. Used by one thread. */
final class ProgressInputStream extends FilterInputStream {
    private final LiveSession live;
    private final long offset;
    private long read;

    ProgressInputStream(InputStream in, LiveSession live, long offset) {
        super(in);
        this.live = live;
        this.offset = offset;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        live.progress(offset + read);
    }

    long bytesRead() {
        return read;
    }
}
