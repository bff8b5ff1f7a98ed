package org.plugftpd.core.impl.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.FtpSession;

/**
 * Moves one transfer's bytes between a file and the data connection, in chunks, telling a
 * callback after each one (scoreboard progress; for uploads the quota, which may stop it). Plain
 * binary unthrottled transfers go straight between the channels: downloads with
 * {@code FileChannel.transferTo} (sendfile), uploads through one reused direct buffer per thread
 * (the JDK's {@code transferFrom} from a socket copies through a heap buffer it allocates per
 * call, so a reused direct buffer does the same copy with fewer system calls and no garbage).
 * Anything else (TLS, ASCII, a bandwidth limit) goes through FtpServer's data connection streams.
 * An ABOR closes the data socket under it: the blocked read or write fails at once.
 * Each instance is used by one thread for one transfer.
 */
final class ByteMover {
    static final long SEND_CHUNK = 1L << 20;
    static final int RECEIVE_BUFFER = 128 * 1024;
    private static final ThreadLocal<ByteBuffer> BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(RECEIVE_BUFFER));

    private long bytes;
    private boolean stopped;
    private IOException storageError;
    private boolean zeroCopy;

    /** Bytes moved over the data connection (and written to or read from the file). */
    long bytes() { return bytes; }
    /** The callback asked to stop (uploads: the quota). */
    boolean stopped() { return stopped; }
    /** The file, not the network, failed (full disk, I/O error); null otherwise. */
    IOException storageError() { return storageError; }
    /** The transfer went straight between the channels. */
    boolean zeroCopy() { return zeroCopy; }

    /** File from its current position to the client; {@code progress} gets the bytes sent so far. */
    void download(FileChannel file, DataConnection data, FtpSession session, WritableByteChannel direct,
            LongConsumer progress) throws IOException {
        if (direct != null) {
            zeroCopy = true;
            long position = file.position();
            long end = file.size();
            while (position < end) {
                long n = file.transferTo(position, Math.min(SEND_CHUNK, end - position), direct);
                if (n <= 0) {
                    // a blocking socket sends something or fails; zero means the file shrank under us
                    end = Math.min(end, file.size());
                    if (position >= end) {
                        break;
                    }
                    continue;
                }
                position += n;
                bytes += n;
                progress.accept(bytes);
            }
            return;
        }
        data.transferToClient(session, new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n;
                try {
                    n = file.read(ByteBuffer.wrap(b, off, len));
                } catch (IOException e) {
                    storageError = e;
                    throw e;
                }
                if (n > 0) {
                    bytes += n;
                    progress.accept(bytes);
                }
                return n;
            }
        });
    }

    /**
     * Client to the file from its current position until the client closes the data connection,
     * or {@code afterChunk} (given the bytes written so far) answers true: then {@link #stopped()}.
     */
    void upload(FileChannel file, DataConnection data, FtpSession session, ReadableByteChannel direct,
            LongPredicate afterChunk) throws IOException {
        if (direct != null) {
            zeroCopy = true;
            ByteBuffer buffer = BUFFER.get();
            while (true) {
                buffer.clear();
                int n = direct.read(buffer);
                if (n < 0) {
                    return;
                }
                buffer.flip();
                try {
                    while (buffer.hasRemaining()) {
                        file.write(buffer);
                    }
                } catch (IOException e) {
                    storageError = e;
                    throw e;
                }
                bytes += n;
                if (n > 0 && afterChunk.test(bytes)) {
                    stopped = true;
                    return;
                }
            }
        }
        try {
            data.transferFromClient(session, new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (stopped) {
                        throw new StopRequested();
                    }
                    ByteBuffer chunk = ByteBuffer.wrap(b, off, len);
                    try {
                        while (chunk.hasRemaining()) {
                            file.write(chunk);
                        }
                    } catch (IOException e) {
                        storageError = e;
                        throw e;
                    }
                    bytes += len;
                    if (len > 0 && afterChunk.test(bytes)) {
                        stopped = true;
                        throw new StopRequested();
                    }
                }
            });
        } catch (IOException e) {
            if (!stopped) {
                throw e;
            }
        }
    }

    /** Ends FtpServer's copy loop when the quota says stop; never reaches a client. */
    private static final class StopRequested extends IOException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("stopped by the quota");
        }
    }
}
