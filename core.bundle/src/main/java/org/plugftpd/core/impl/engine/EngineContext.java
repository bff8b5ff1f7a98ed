package org.plugftpd.core.impl.engine;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

import org.apache.ftpserver.impl.FtpIoSession;
import org.plugftpd.core.impl.auth.AuthChain;
import org.plugftpd.core.impl.events.EventDispatcher;
import org.plugftpd.core.impl.guard.GuardChain;
import org.plugftpd.core.impl.server.ServerSettings;
import org.plugftpd.core.impl.session.LiveSession;
import org.plugftpd.core.impl.session.SessionTable;
import org.plugftpd.quota.api.QuotaService;

/**
 * What plugftpd's commands need besides FtpServer's own context: the current settings (they
 * change live), the auth chain, the scoreboard, the event queue and the quota service of the
 * moment. Thread-safe: every getter reads a volatile or a thread-safe service.
 */
public final class EngineContext {
    private static final String LIVE_SESSION = "plugftpd.live";

    private final Supplier<ServerSettings> settings;
    private final AuthChain auth;
    private final SessionTable sessions;
    private final EventDispatcher events;
    private final Supplier<QuotaService> quota;
    private final GuardChain guards;

    public EngineContext(Supplier<ServerSettings> settings, AuthChain auth, SessionTable sessions,
            EventDispatcher events, Supplier<QuotaService> quota, GuardChain guards) {
        this.guards = guards;
        this.settings = settings;
        this.auth = auth;
        this.sessions = sessions;
        this.events = events;
        this.quota = quota;
    }

    ServerSettings settings() {
        return settings.get();
    }

    AuthChain auth() {
        return auth;
    }

    SessionTable sessions() {
        return sessions;
    }

    EventDispatcher events() {
        return events;
    }

    /** The quota service bound right now, or null (no quota). */
    QuotaService quota() {
        return quota.get();
    }

    GuardChain guards() {
        return guards;
    }

    static void attach(FtpIoSession session, LiveSession live) {
        session.setAttribute(LIVE_SESSION, live);
    }

    static LiveSession live(FtpIoSession session) {
        return (LiveSession) session.getAttribute(LIVE_SESSION);
    }

    static InetSocketAddress remote(FtpIoSession session) {
        return (InetSocketAddress) session.getRemoteAddress();
    }

    static InetSocketAddress local(FtpIoSession session) {
        return (InetSocketAddress) session.getLocalAddress();
    }
}
