package org.plugftpd.core.impl.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

import org.apache.ftpserver.DataConnectionConfiguration;
import org.apache.ftpserver.FtpServerConfigurationException;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.listener.nio.AbstractListener;
import org.apache.ftpserver.listener.nio.FtpHandlerAdapter;
import org.apache.ftpserver.listener.nio.FtpLoggingFilter;
import org.apache.ftpserver.listener.nio.FtpServerProtocolCodecFactory;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.filter.logging.MdcInjectionFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * The control-connection listener. Unlike FtpServer's NioListener it turns Nagle off (the stock
 * engine stalls ~45 ms per transfer on delayed ACKs), keeps sessions alive when it stops accepting
 * (so a rebind for a new port does not drop anyone), and uses plugftpd's handler. Plain FTP only.
 * Start/stop are synchronized; everything else is thread-safe.
 */
final class TunedListener extends AbstractListener {
    private final EngineContext engine;
    private NioSocketAcceptor acceptor;
    private FtpServerContext context;
    private InetSocketAddress bound;
    private volatile boolean suspended;

    TunedListener(String address, int port, DataConnectionConfiguration data, int idleSeconds, EngineContext engine) {
        super(address.isEmpty() ? null : address, port, false, null, data, idleSeconds, null);
        this.engine = engine;
    }

    @Override
    public synchronized void start(FtpServerContext context) {
        if (acceptor != null) {
            throw new IllegalStateException("listener already started");
        }
        NioSocketAcceptor a = new NioSocketAcceptor(Runtime.getRuntime().availableProcessors());
        a.setReuseAddress(true);
        a.setCloseOnDeactivation(false);
        a.getSessionConfig().setTcpNoDelay(true);
        a.getSessionConfig().setReadBufferSize(2048);
        a.getSessionConfig().setIdleTime(IdleStatus.BOTH_IDLE, getIdleTimeout());
        MdcInjectionFilter mdc = new MdcInjectionFilter();
        a.getFilterChain().addLast("mdcFilter", mdc);
        a.getFilterChain().addLast("threadPool", new ExecutorFilter(context.getThreadPoolExecutor()));
        a.getFilterChain().addLast("codec", new ProtocolCodecFilter(new FtpServerProtocolCodecFactory()));
        a.getFilterChain().addLast("mdcFilter2", mdc);
        a.getFilterChain().addLast("logger", new FtpLoggingFilter());
        PlugFtpHandler handler = new PlugFtpHandler(engine);
        handler.init(context, this);
        a.setHandler(new FtpHandlerAdapter(context, handler));
        InetSocketAddress address = getServerAddress() == null ? new InetSocketAddress(getPort())
                : new InetSocketAddress(getServerAddress(), getPort());
        try {
            a.bind(address);
        } catch (IOException e) {
            a.dispose();
            throw new FtpServerConfigurationException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        acceptor = a;
        this.context = context;
        bound = a.getLocalAddress();
        setPort(bound.getPort());
    }

    /** The address actually bound (with the real port when 0 was asked). */
    synchronized InetSocketAddress boundAddress() {
        return bound;
    }

    @Override
    public synchronized void stop() {
        if (acceptor != null) {
            acceptor.unbind();
            for (IoSession s : acceptor.getManagedSessions().values()) {
                s.closeNow();
            }
            acceptor.dispose();
            acceptor = null;
        }
    }

    @Override
    public synchronized boolean isStopped() {
        return acceptor == null;
    }

    /** Stops accepting; open sessions carry on. */
    @Override
    public synchronized void suspend() {
        if (acceptor != null && !suspended) {
            acceptor.unbind();
            suspended = true;
        }
    }

    @Override
    public synchronized void resume() {
        if (acceptor != null && suspended) {
            try {
                acceptor.bind(bound);
                suspended = false;
            } catch (IOException e) {
                throw new FtpServerConfigurationException("cannot listen again on " + bound, e);
            }
        }
    }

    @Override
    public boolean isSuspended() {
        return suspended;
    }

    @Override
    public synchronized Set<FtpIoSession> getActiveSessions() {
        Set<FtpIoSession> sessions = new HashSet<>();
        if (acceptor != null) {
            for (IoSession s : acceptor.getManagedSessions().values()) {
                sessions.add(new FtpIoSession(s, context));
            }
        }
        return sessions;
    }

    /** Open control connections on this listener. */
    synchronized int sessionCount() {
        return acceptor == null ? 0 : acceptor.getManagedSessionCount();
    }
}
