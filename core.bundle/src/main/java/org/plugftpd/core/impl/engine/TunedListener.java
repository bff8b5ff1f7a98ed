package org.plugftpd.core.impl.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.ftpserver.DataConnectionConfiguration;
import org.apache.ftpserver.FtpServerConfigurationException;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.listener.nio.AbstractListener;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.filter.logging.MdcInjectionFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.plugftpd.core.impl.control.ClientLogLimiter;
import org.plugftpd.core.impl.control.ControlEvents;
import org.plugftpd.core.impl.control.ControlHandlerAdapter;
import org.plugftpd.core.impl.control.ControlLimits;
import org.plugftpd.core.impl.control.ControlLineFilter;
import org.plugftpd.core.impl.control.ReplyEncoding;
import org.plugftpd.core.impl.server.ServerSettings;
import org.plugftpd.core.impl.session.LiveSession;

/**
 * The control-connection listener. Unlike FtpServer's NioListener it turns Nagle off (the stock
 * engine stalls ~45 ms per transfer on delayed ACKs), keeps sessions alive when it stops accepting
 * (so a rebind for a new port does not drop anyone), and uses plugftpd's handler and control
 * layer: command lines are decoded on the I/O thread by {@link ControlLineFilter} (ABOR reaches
 * the running transfer at once; bad lines cannot wedge the session), then run in order on
 * FtpServer's ordered executor. A timer sweeps the sessions for overrun deadlines. Plain FTP only.
 * Start/stop are synchronized; everything else is thread-safe.
 */
final class TunedListener extends AbstractListener {
    private static final ClientLogLimiter WARNINGS = new ClientLogLimiter(10);

    private final EngineContext engine;
    private final ScheduledExecutorService timer;
    private NioSocketAcceptor acceptor;
    private ScheduledFuture<?> sweeper;
    private FtpServerContext context;
    private InetSocketAddress bound;
    private volatile boolean suspended;

    TunedListener(String address, int port, DataConnectionConfiguration data, int idleSeconds, EngineContext engine,
            ScheduledExecutorService timer) {
        super(address.isEmpty() ? null : address, port, false, null, data, idleSeconds, null);
        this.engine = engine;
        this.timer = timer;
    }

    static ControlLimits limits(ServerSettings settings) {
        return ControlLimits.of(settings.lineTimeout() * 1000L, settings.loginTimeout() * 1000L);
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
        // RFC 959 §4.1.3: the Synch before ABOR is sent as urgent data; keep it in the stream
        a.getSessionConfig().setOobInline(true);
        a.getSessionConfig().setReadBufferSize(2048);
        // replies are small: a fixed kernel buffer (no autotuning to megabytes) lets a client that
        // does not read show up in the pending output bound within a few replies
        a.getSessionConfig().setSendBufferSize(64 * 1024);
        // what one read can put in flight at once (the decoder runs over the whole buffer)
        a.getSessionConfig().setMaxReadBufferSize(8192);
        a.getSessionConfig().setIdleTime(IdleStatus.BOTH_IDLE, getIdleTimeout());
        ControlLineFilter lines = new ControlLineFilter(() -> limits(engine.settings()), events(context), WARNINGS);
        MdcInjectionFilter mdc = new MdcInjectionFilter();
        a.getFilterChain().addLast("mdcFilter", mdc);
        // before the executor: an ABOR must be seen while the executor runs the transfer it stops
        a.getFilterChain().addLast("controlLines", lines);
        a.getFilterChain().addLast("threadPool", new ExecutorFilter(context.getThreadPoolExecutor()));
        a.getFilterChain().addLast("replies", new ProtocolCodecFilter(new ReplyEncoding()));
        a.getFilterChain().addLast("mdcFilter2", mdc);
        PlugFtpHandler handler = new PlugFtpHandler(engine);
        handler.init(context, this);
        a.setHandler(new ControlHandlerAdapter(context, handler, lines));
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
        sweeper = timer.scheduleWithFixedDelay(() -> sweep(a, lines), 1, 1, TimeUnit.SECONDS);
    }

    private static void sweep(NioSocketAcceptor a, ControlLineFilter lines) {
        try {
            lines.sweep(a.getManagedSessions().values());
        } catch (RuntimeException e) {
            // the timer must keep running for the next sweep
            org.slf4j.LoggerFactory.getLogger(TunedListener.class).warn("control sweep failed: {}", e.toString());
        }
    }

    private ControlEvents events(FtpServerContext context) {
        return new ControlEvents() {
            @Override
            public void abortRequested(IoSession session) {
                LiveSession live = EngineContext.live(new FtpIoSession(session, context));
                if (live != null) {
                    live.abortTransfer();
                }
            }

            @Override
            public void protocolError(IoSession session, String what) {
                if (session.getRemoteAddress() instanceof InetSocketAddress) {
                    engine.guards().protocolError((InetSocketAddress) session.getRemoteAddress(), what);
                }
            }

            @Override
            public boolean loggedIn(IoSession session) {
                return new FtpIoSession(session, context).isLoggedIn();
            }
        };
    }

    /** The address actually bound (with the real port when 0 was asked). */
    synchronized InetSocketAddress boundAddress() {
        return bound;
    }

    @Override
    public synchronized void stop() {
        if (acceptor != null) {
            sweeper.cancel(false);
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
