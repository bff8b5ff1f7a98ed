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
import org.plugftpd.core.impl.service.FeatureServices;

/**
 * What plugftpd's commands need besides FtpServer's own context: the current settings (they
 * change live), the auth chain, the scoreboard, the event queue and the feature services (quota,
 * upload vetoes, their failure policy). Thread-safe: every getter reads a volatile or a
 * thread-safe service.
 */
public final class EngineContext {
    private static final String LIVE_SESSION = "plugftpd.live";

    private final Supplier<ServerSettings> settings;
    private final AuthChain auth;
    private final SessionTable sessions;
    private final EventDispatcher events;
    private final FeatureServices services;
    private final GuardChain guards;

    public EngineContext(Supplier<ServerSettings> settings, AuthChain auth, SessionTable sessions,
            EventDispatcher events, FeatureServices services, GuardChain guards) {
        this.guards = guards;
        this.settings = settings;
        this.auth = auth;
        this.sessions = sessions;
        this.events = events;
        this.services = services;
    }

    public ServerSettings settings() {
        return settings.get();
    }

    AuthChain auth() {
        return auth;
    }

    public SessionTable sessions() {
        return sessions;
    }

    public EventDispatcher events() {
        return events;
    }

    /** Quota, upload vetoes and the policy for their failures. */
    public FeatureServices services() {
        return services;
    }

    GuardChain guards() {
        return guards;
    }

    static void attach(FtpIoSession session, LiveSession live) {
        session.setAttribute(LIVE_SESSION, live);
    }

    public static LiveSession live(FtpIoSession session) {
        return (LiveSession) session.getAttribute(LIVE_SESSION);
    }

    public static InetSocketAddress remote(FtpIoSession session) {
        return (InetSocketAddress) session.getRemoteAddress();
    }

    public static InetSocketAddress local(FtpIoSession session) {
        return (InetSocketAddress) session.getLocalAddress();
    }
}
