package org.plugftpd.core.impl.data;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.apache.ftpserver.DataConnectionException;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.ServerDataConnectionFactory;

/**
 * The data connection of one session, in place of FtpServer's {@code IODataConnectionFactory}:
 * at most one passive listener (a new PASV closes the previous one) or one active target, turned
 * into a {@link PlainDataConnection} when a transfer command asks. Answers {@link #getInetAddress()}
 * null while neither PASV nor PORT was given since the last transfer, so a transfer command can
 * answer {@code 425 No data connection} before its {@code 150}.
 * Thread-safe: {@link #closeDataConnection()} may come from any thread and ends a waiting accept or
 * a running transfer at once.
 */
final class SessionDataConnections implements ServerDataConnectionFactory {
    private final FtpIoSession session;
    private final DataListenerConfiguration config;
    private PassiveListener passive;
    private InetSocketAddress active;
    private PlainDataConnection open;
    private SocketChannel connecting;
    /** Bumped by every close, so a connection that arrives after one is not kept. */
    private long generation;
    private long requestTime;
    private boolean secure;
    private boolean zip;
    private boolean passiveOnly;

    SessionDataConnections(FtpIoSession session, DataListenerConfiguration config) {
        this.session = session;
        this.config = config;
    }

    /**
     * PASV/EPSV: closes what the session had and listens on a fresh passive port of the control
     * connection's local address; returns the address the client must connect to (before any
     * external address is substituted). Fails at once with Pure-FTPd's 425 when every port is busy.
     */
    InetSocketAddress openPassive() throws DataUnavailableException {
        closeDataConnection();
        DataPolicy policy = config.policy();
        InetAddress local = localAddress();
        PassiveListener listener;
        try {
            listener = PassiveListener.open(local, config.pool(), policy, config::listenerClosed);
        } catch (IOException e) {
            throw new DataUnavailableException(425, "Unable to open a passive connection", e);
        }
        if (listener == null) {
            throw new DataUnavailableException(425, "All reserved TCP ports are busy");
        }
        config.listenerOpened();
        synchronized (this) {
            passive = listener;
            requestTime = System.currentTimeMillis();
        }
        // reclaimed when nobody asks for the connection in time (the transfer command cancels this)
        try {
            listener.reclaimWith(config.timer().schedule(listener::close, policy.timeoutMillis(), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the engine is stopping: the session's end closes the listener
        }
        return listener.address();
    }

    /** PORT/EPRT, already checked: the next transfer connects there. */
    @Override
    public void initActiveDataConnection(InetSocketAddress address) {
        closeDataConnection();
        synchronized (this) {
            active = address;
            requestTime = System.currentTimeMillis();
        }
    }

    @Override
    public InetSocketAddress initPassiveDataConnection() throws DataConnectionException {
        try {
            return openPassive();
        } catch (DataUnavailableException e) {
            throw new DataConnectionException(e.getMessage());
        }
    }

    /**
     * Takes the passive client's connection or connects to the active target, each within the
     * data-connection timeout. Throws {@link DataUnavailableException} with Pure-FTPd's reply when
     * there is none.
     */
    @Override
    public PlainDataConnection openConnection() throws DataUnavailableException {
        PassiveListener listener;
        InetSocketAddress target;
        boolean zipped;
        long generation;
        synchronized (this) {
            if (secure) {
                // TLS data connections (PROT P) are not served yet: never fall back to plain text
                throw new DataUnavailableException(425, "Can't create the data socket");
            }
            listener = passive;
            target = active;
            zipped = zip;
            generation = this.generation;
        }
        DataPolicy policy = config.policy();
        SocketChannel channel;
        if (listener != null) {
            InetAddress expected = policy.addressCheck() ? remoteAddress() : null;
            try {
                channel = listener.accept(expected, policy.timeoutMillis(), String.valueOf(session.getRemoteAddress()));
            } catch (IOException e) {
                throw new DataUnavailableException(425, "No data connection", e);
            }
            try {
                SocketTuning.connected(channel, policy);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new DataUnavailableException(425, "No data connection", e);
            }
        } else if (target != null) {
            channel = ActiveConnector.open(localAddress(), policy);
            synchronized (this) {
                if (generation != this.generation) {
                    closeQuietly(channel);
                    throw new DataUnavailableException(425, "No data connection");
                }
                // so that ABOR or the session's end can stop a connect that hangs
                connecting = channel;
            }
            ActiveConnector.connect(channel, target, policy);
        } else {
            throw new DataUnavailableException(425, "No data connection");
        }
        // TLS goes here: wrap the channel in an SSLEngine (or an SSLSocket over channel.socket()) when secure
        PlainDataConnection connection = new PlainDataConnection(channel, session, zipped, policy);
        synchronized (this) {
            connecting = null;
            if (generation == this.generation) {
                open = connection;
                passive = null;
                active = null;
                return connection;
            }
        }
        // closed (ABOR, the session's end) while we waited
        connection.close();
        throw new DataUnavailableException(425, "No data connection");
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // going anyway
        }
    }

    /** Closes the listener, the target and the open connection, from any thread; idempotent. */
    @Override
    public void closeDataConnection() {
        PassiveListener listener;
        PlainDataConnection connection;
        SocketChannel pending;
        synchronized (this) {
            listener = passive;
            connection = open;
            pending = connecting;
            passive = null;
            open = null;
            active = null;
            connecting = null;
            requestTime = 0;
            generation++;
        }
        if (listener != null) {
            listener.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (pending != null) {
            closeQuietly(pending);
        }
    }

    @Override
    public void dispose() {
        closeDataConnection();
    }

    /** EPSV ALL: from now on PORT and EPRT are refused (RFC 2428). */
    synchronized void passiveOnly() {
        passiveOnly = true;
    }

    synchronized boolean isPassiveOnly() {
        return passiveOnly;
    }

    /** True while a passive listener of this session is open. */
    synchronized boolean listening() {
        return passive != null && !passive.isClosed();
    }

    DataPolicy policy() {
        return config.policy();
    }

    DataListenerConfiguration configuration() {
        return config;
    }

    InetAddress remoteAddress() {
        return ((InetSocketAddress) session.getRemoteAddress()).getAddress();
    }

    InetAddress localAddress() {
        return ((InetSocketAddress) session.getLocalAddress()).getAddress();
    }

    @Override
    public synchronized boolean isTimeout(long currTime) {
        return requestTime != 0 && open == null && currTime - requestTime >= config.policy().timeoutMillis();
    }

    /** The passive listener's or the active target's address; null when neither is prepared. */
    @Override
    public synchronized InetAddress getInetAddress() {
        if (passive != null && !passive.isClosed()) {
            return passive.address().getAddress();
        }
        if (active != null) {
            return active.getAddress();
        }
        return open != null ? open.channelAddress() : null;
    }

    @Override
    public synchronized int getPort() {
        if (passive != null) {
            return passive.address().getPort();
        }
        return active != null ? active.getPort() : 0;
    }

    @Override
    public synchronized void setSecure(boolean secure) {
        this.secure = secure;
    }

    @Override
    public synchronized boolean isSecure() {
        return secure;
    }

    @Override
    public void setServerControlAddress(InetAddress serverControlAddress) {
        // passive listeners bind the control connection's own local address, read from the session
    }

    @Override
    public synchronized void setZipMode(boolean zip) {
        this.zip = zip;
    }

    @Override
    public synchronized boolean isZipMode() {
        return zip;
    }
}
