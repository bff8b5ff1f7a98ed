package org.plugftpd.core.impl.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.apache.ftpserver.ftplet.DataType;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.impl.DefaultFtpSession;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.usermanager.impl.TransferRateRequest;

/**
 * One open, unencrypted data connection. {@link #channel()} is the blocking socket for zero-copy
 * transfers ({@code FileChannel.transferTo/transferFrom}); the stream methods serve what cannot go
 * that way: TYPE A line ends, MODE Z, an account's bandwidth limit, listings. The stream methods
 * close the connection when they are done, so the client sees the end of the data before the
 * closing reply. Used by one transfer thread; {@link #close()} may come from any thread (ABOR) and
 * ends a blocked read, write or throttle pause at once.
 */
public final class PlainDataConnection implements ChannelDataConnection {
    private static final int BLOCK = 64 * 1024;

    private final SocketChannel channel;
    private final FtpIoSession session;
    private final boolean zip;
    private final DataPolicy policy;
    private final CountDownLatch closed = new CountDownLatch(1);

    PlainDataConnection(SocketChannel channel, FtpIoSession session, boolean zip, DataPolicy policy) {
        this.channel = channel;
        this.session = session;
        this.zip = zip;
        this.policy = policy;
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    /**
     * True when the bytes on {@link #channel()} are the file's bytes as they are: no MODE Z. (TYPE A
     * and bandwidth limits are the caller's to check; TLS never reaches this class.)
     */
    public boolean raw() {
        return !zip;
    }

    @Override
    public long transferToClient(FtpSession ftpSession, InputStream in) throws IOException {
        try {
            Throttle throttle = new Throttle(rate(ftpSession == null ? null : ftpSession.getUser(), false), System.nanoTime());
            AsciiLineEnds ascii = session.getDataType() == DataType.ASCII ? AsciiLineEnds.toClient() : null;
            byte[] buf = new byte[throttle.blockSize(BLOCK)];
            byte[] converted = ascii == null ? null : new byte[AsciiLineEnds.maxOutput(buf.length)];
            OutputStream deflate = zip ? new DeflaterOutputStream(Channels.newOutputStream(channel), true) : null;
            long moved = 0;
            int n;
            while (true) {
                pause(throttle, moved);
                n = in.read(buf);
                if (n < 0) {
                    break;
                }
                byte[] out = buf;
                int len = n;
                if (ascii != null) {
                    out = converted;
                    len = ascii.convert(buf, n, converted);
                }
                if (deflate != null) {
                    deflate.write(out, 0, len);
                } else {
                    writeFully(out, len);
                }
                moved += n;
                progressed(ftpSession, n, true);
            }
            if (deflate != null) {
                deflate.close();
            }
            return moved;
        } finally {
            close();
        }
    }

    @Override
    public long transferFromClient(FtpSession ftpSession, OutputStream out) throws IOException {
        try {
            Throttle throttle = new Throttle(rate(ftpSession == null ? null : ftpSession.getUser(), true), System.nanoTime());
            AsciiLineEnds ascii = session.getDataType() == DataType.ASCII ? AsciiLineEnds.fromClient() : null;
            byte[] buf = new byte[throttle.blockSize(BLOCK)];
            byte[] converted = ascii == null ? null : new byte[AsciiLineEnds.maxOutput(buf.length)];
            // the socket adaptor's stream honours SO_TIMEOUT: a client that stops sending is dropped
            channel.socket().setSoTimeout(policy.timeoutMillis());
            InputStream in = channel.socket().getInputStream();
            if (zip) {
                in = new InflaterInputStream(in);
            }
            long moved = 0;
            int n;
            while (true) {
                pause(throttle, moved);
                n = in.read(buf);
                if (n < 0) {
                    break;
                }
                if (ascii != null) {
                    out.write(converted, 0, ascii.convert(buf, n, converted));
                } else {
                    out.write(buf, 0, n);
                }
                moved += n;
                progressed(ftpSession, n, false);
            }
            return moved;
        } finally {
            close();
        }
    }

    @Override
    public void transferToClient(FtpSession ftpSession, String text) throws IOException {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (zip) {
                try (OutputStream deflate = new DeflaterOutputStream(Channels.newOutputStream(channel), true)) {
                    deflate.write(bytes);
                }
            } else {
                writeFully(bytes, bytes.length);
            }
            progressed(ftpSession, bytes.length, true);
        } finally {
            close();
        }
    }

    /** Closes the socket; a transfer blocked on it ends with an exception at once. Any thread; idempotent. */
    public void close() {
        closed.countDown();
        try {
            channel.close();
        } catch (IOException e) {
            // going anyway
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    InetAddress channelAddress() {
        try {
            return ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private void writeFully(byte[] bytes, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, len);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Waits out the throttle; a close meanwhile ends the wait and the transfer. */
    private void pause(Throttle throttle, long moved) throws IOException {
        long delay = throttle.delayNanos(moved, System.nanoTime());
        if (delay <= 0) {
            return;
        }
        try {
            if (closed.await(delay, TimeUnit.NANOSECONDS)) {
                throw new AsynchronousCloseException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsynchronousCloseException();
        }
    }

    private void progressed(FtpSession ftpSession, int n, boolean written) {
        if (ftpSession instanceof DefaultFtpSession) {
            if (written) {
                ((DefaultFtpSession) ftpSession).increaseWrittenDataBytes(n);
            } else {
                ((DefaultFtpSession) ftpSession).increaseReadDataBytes(n);
            }
        }
        session.updateLastAccessTime();
    }

    /** The account's limit in bytes per second as the user object grants it (0 = none). */
    private static long rate(User user, boolean upload) {
        if (user == null) {
            return 0;
        }
        Object granted = user.authorize(new TransferRateRequest());
        if (!(granted instanceof TransferRateRequest)) {
            return 0;
        }
        TransferRateRequest request = (TransferRateRequest) granted;
        return upload ? request.getMaxUploadRate() : request.getMaxDownloadRate();
    }
}
