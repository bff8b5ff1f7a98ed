package org.plugftpd.core.impl.data;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PASV/EPSV: a socket listening on a passive port for one data connection. No thread waits on
 * it until the transfer command asks for the connection; then the first connection from the
 * expected address is taken and the listener closed at once, so nobody else can connect to that
 * port; connections from any other address are closed and logged. A reclaim task closes a listener
 * nobody asked for within the data-connection timeout. Thread-safe: {@link #close} may come from
 * any thread (a new PASV, ABOR, the session's end, the reclaim timer) and ends a waiting accept.
 */
final class PassiveListener {
    private static final Logger LOG = LoggerFactory.getLogger(PassiveListener.class);

    private final ServerSocketChannel server;
    private final InetSocketAddress address;
    private final PassivePortPool pool;
    private final Runnable onClose;
    private volatile ScheduledFuture<?> reclaim;
    private boolean closed;

    private PassiveListener(ServerSocketChannel server, PassivePortPool pool, Runnable onClose) throws IOException {
        this.server = server;
        this.address = (InetSocketAddress) server.getLocalAddress();
        this.pool = pool;
        this.onClose = onClose;
    }

    /**
     * Binds a listener on {@code local} at a port drawn from {@code pool}; null when every port of
     * the range is busy. {@code onClose} runs once, when it closes.
     */
    static PassiveListener open(InetAddress local, PassivePortPool pool, DataPolicy policy, Runnable onClose)
            throws IOException {
        ServerSocketChannel server = pool.draw(port -> bind(local, port, policy));
        if (server == null) {
            return null;
        }
        try {
            return new PassiveListener(server, pool, onClose);
        } catch (IOException | RuntimeException e) {
            pool.release(((InetSocketAddress) server.getLocalAddress()).getPort());
            server.close();
            throw e;
        }
    }

    private static ServerSocketChannel bind(InetAddress local, int port, DataPolicy policy) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            // TIME_WAIT leftovers of an earlier transfer on this port must not make it look busy
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            SocketTuning.buffers(server, policy);
            server.bind(new InetSocketAddress(local, port), 8);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Where the client must connect. */
    InetSocketAddress address() {
        return address;
    }

    void reclaimWith(ScheduledFuture<?> task) {
        reclaim = task;
    }

    /**
     * Waits up to {@code timeoutMillis} for the connection from {@code expected} (any address when
     * null), closes the listener, and returns the connection in blocking mode.
     */
    SocketChannel accept(InetAddress expected, long timeoutMillis, String who) throws IOException {
        ScheduledFuture<?> task = reclaim;
        if (task != null) {
            // asked for now: the wait below has its own deadline
            task.cancel(false);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int refused = 0;
        try {
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new SocketTimeoutException("no data connection within " + timeoutMillis + " ms");
                }
                // the socket adaptor's accept honours the timeout and ends at once when another thread closes
                server.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                Socket socket = server.socket().accept();
                SocketChannel channel = socket.getChannel();
                InetAddress from = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
                if (expected == null || expected.equals(from)) {
                    return channel;
                }
                refused++;
                // logged once per listener: a flood of strangers must not flood the log
                if (refused == 1) {
                    LOG.warn("{}: data connection to port {} from {} refused (only {} may connect)", who,
                            address.getPort(), from.getHostAddress(), expected.getHostAddress());
                } else {
                    LOG.debug("{}: data connection to port {} from {} refused", who, address.getPort(),
                            from.getHostAddress());
                }
                closeQuietly(channel);
            }
        } finally {
            close();
        }
    }

    /** Stops listening and gives the port back; idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ScheduledFuture<?> task = reclaim;
        if (task != null) {
            task.cancel(false);
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the passive listener on {}: {}", address, e.toString());
        } finally {
            pool.release(address.getPort());
            onClose.run();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // going anyway
        }
    }
}
