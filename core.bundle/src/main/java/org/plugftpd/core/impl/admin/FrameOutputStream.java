package org.plugftpd.core.impl.admin;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns what a command writes into {@link AdminFrame}s of one type ('O' or 'E') on the connection.
 * Buffers up to one chunk; {@link #flush()} sends what is buffered. Thread-safe: frames of both
 * streams of a connection are written under the connection's lock, so they never interleave.
 */
final class FrameOutputStream extends OutputStream {

    private static final int CHUNK = 8192;

    private final byte type;
    private final OutputStream connection;
    private final Object connectionLock;
    private final byte[] buffer = new byte[CHUNK];
    private int count;

    FrameOutputStream(byte type, OutputStream connection, Object connectionLock) {
        this.type = type;
        this.connection = connection;
        this.connectionLock = connectionLock;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (count == buffer.length) {
            flush();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length) throws IOException {
        while (length > 0) {
            if (count == buffer.length) {
                flush();
            }
            int n = Math.min(length, buffer.length - count);
            System.arraycopy(data, offset, buffer, count, n);
            count += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (count == 0) {
            return;
        }
        synchronized (connectionLock) {
            AdminFrame.write(connection, type, buffer, 0, count);
        }
        count = 0;
    }
}
