package org.plugftpd.core.impl.engine;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import org.plugftpd.core.impl.session.LiveSession;

/**
 * Counts upload bytes into the scoreboard and remembers whether the disk (not the network) failed,
 * so the reply can tell "write error" from "transfer aborted". Used by one thread.
 */
final class ProgressOutputStream extends FilterOutputStream {
    private final LiveSession live;
    private final long offset;
    private long written;
    private IOException diskError;

    ProgressOutputStream(OutputStream out, LiveSession live, long offset) {
        super(out);
        this.live = live;
        this.offset = offset;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            diskError = e;
            throw e;
        }
        written += len;
        live.progress(offset + written);
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            diskError = e;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            diskError = e;
            throw e;
        }
    }

    long written() {
        return written;
    }

    /** The storage failure that ended the upload, or null. */
    IOException diskError() {
        return diskError;
    }
}
