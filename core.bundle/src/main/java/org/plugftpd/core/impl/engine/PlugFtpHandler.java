package org.plugftpd.core.impl.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.DefaultFtpHandler;
import org.apache.ftpserver.impl.FtpHandler;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.listener.Listener;
import org.apache.mina.core.session.IdleStatus;
import org.plugftpd.core.impl.control.ClientLogLimiter;
import org.plugftpd.core.impl.control.ControlLineFilter;
import org.plugftpd.core.impl.server.ServerSettings;
import org.plugftpd.core.impl.session.LiveSession;
import org.plugftpd.core.impl.session.SessionTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FtpServer's connection handler with plugftpd's connection admission (max clients, max per
 * address), Pure-FTPd's greeting, the scoreboard entry of each connection, and a quiet close for
 * protocol garbage. Everything else is FtpServer's default handler. Thread-safe.
 */
final class PlugFtpHandler implements FtpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PlugFtpHandler.class);
    private static final ClientLogLimiter WARNINGS = new ClientLogLimiter(10);

    private final DefaultFtpHandler delegate = new DefaultFtpHandler();
    private final EngineContext engine;

    PlugFtpHandler(EngineContext engine) {
        this.engine = engine;
    }

    @Override
    public void init(FtpServerContext context, Listener listener) {
        delegate.init(context, listener);
    }

    @Override
    public void sessionCreated(FtpIoSession session) throws Exception {
        delegate.sessionCreated(session);
        // plugftpd's data connections (core/impl/data) in place of FtpServer's IODataConnectionFactory
        org.plugftpd.core.impl.data.DataConnections.install(session);
    }

    @Override
    public void sessionOpened(FtpIoSession session) throws Exception {
        ServerSettings settings = engine.settings();
        SessionTable table = engine.sessions();
        InetSocketAddress remote = EngineContext.remote(session);
        // a required feature service (e.g. quota) absent: no session may run unaccounted
        FtpReply refusal = engine.services().admissionRefusal()
                .or(() -> engine.guards().admit(remote)).map(text -> (FtpReply) new PureReply(421, text)).orElse(null);
        LiveSession live = null;
        synchronized (table) {
            int total = table.count();
            int fromThere = table.countFrom(remote.getAddress());
            if (refusal != null) {
                // refused by a guard (banned address): no slot taken
            } else if (total >= settings.maxClients()) {
                refusal = new PureReply(421, settings.maxClients() + " users (the maximum) are already logged in, sorry");
            } else if (settings.maxClientsPerIp() > 0 && fromThere >= settings.maxClientsPerIp()) {
                refusal = new PureReply(421, "Too many connections (" + fromThere + ") from this IP");
            } else {
                live = table.open(remote, EngineContext.local(session), () -> session.closeNow(),
                        () -> session.isConnected());
            }
        }
        if (refusal != null) {
            // whatever the client sent along with its connect is never run (a USER would find no session)
            ControlLineFilter.discardInput(session, true);
            WARNINGS.warn(LOG, remote.getAddress(), "{} refused: {}", remote, refusal.getMessage());
            session.write(refusal);
            session.closeOnFlush();
            return;
        }
        EngineContext.attach(session, live);
        live.secure(session.isSecure());
        session.updateLastAccessTime();
        session.write(greeting(settings, table.count(), EngineContext.local(session).getPort()));
    }

    /** spec/server-behaviour.md §2, in Pure-FTPd's order. */
    private static FtpReply greeting(ServerSettings settings, int userNumber, int port) {
        List<String> lines = new ArrayList<>();
        if (!settings.banner().isEmpty()) {
            lines.add("--------- " + settings.banner() + " ----------");
        }
        lines.add("You are user number " + userNumber + " of " + settings.maxClients() + " allowed.");
        LocalTime now = LocalTime.now();
        lines.add(String.format("Local time is now %02d:%02d. Server port: %d.", now.getHour(), now.getMinute(), port));
        if (!settings.anonymous()) {
            lines.add("This is a private system - No anonymous login");
        }
        int idle = settings.idleTimeout();
        lines.add(idle >= 120
                ? "You will be disconnected after " + idle / 60 + " minutes of inactivity."
                : "You will be disconnected after " + idle + " seconds of inactivity.");
        return new PureReply(220, lines);
    }

    @Override
    public void sessionClosed(FtpIoSession session) throws Exception {
        try {
            delegate.sessionClosed(session);
        } finally {
            LiveSession live = EngineContext.live(session);
            if (live != null) {
                engine.sessions().closed(live);
                engine.events().publish(live.ended(java.time.Instant.now()));
            }
        }
    }

    @Override
    public void exceptionCaught(FtpIoSession session, Throwable cause) throws Exception {
        InetSocketAddress remote = EngineContext.remote(session);
        if (cause instanceof IOException) {
            // the client went away; nothing to tell it
            LOG.info("{}: connection lost ({})", remote, cause.toString());
        } else {
            // one line per event, a bounded number per client: a fuzzer must not fill the disk
            WARNINGS.warn(LOG, remote.getAddress(), "{}: {}; closing", remote, cause.toString());
            LOG.debug("{}: closing after", remote, cause);
        }
        session.closeNow();
    }

    @Override
    public void messageReceived(FtpIoSession session, FtpRequest request) throws Exception {
        if (EngineContext.live(session) == null) {
            // a refused connection: never runs a command
            return;
        }
        delegate.messageReceived(session, request);
        LiveSession live = EngineContext.live(session);
        if (live != null) {
            // AUTH TLS puts the control connection under TLS while the session runs
            live.secure(session.isSecure());
        }
    }

    @Override
    public void sessionIdle(FtpIoSession session, IdleStatus status) throws Exception {
        // a long transfer leaves the control connection quiet: that is not idleness
        if (!isTransferring(session)) {
            LiveSession live = EngineContext.live(session);
            if (live != null) {
                live.ending(org.plugftpd.session.api.SessionEndedEvent.Reason.TIMEOUT);
            }
            session.write(new PureReply(421, "Timeout - try typing a little faster next time"));
            session.closeOnFlush();
        }
    }

    private static boolean isTransferring(FtpIoSession session) {
        LiveSession live = EngineContext.live(session);
        return live != null && live.snapshot().state() != org.plugftpd.session.api.SessionInfo.State.IDLE;
    }

    @Override
    public void messageSent(FtpIoSession session, FtpReply reply) throws Exception {
        delegate.messageSent(session, reply);
    }
}
