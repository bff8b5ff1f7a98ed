package org.plugftpd.core.impl.gogo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.plugftpd.core.impl.auth.AuthChain;
import org.plugftpd.core.impl.events.EventDispatcher;
import org.plugftpd.core.impl.events.LaneFigures;
import org.plugftpd.core.impl.who.HostNames;
import org.plugftpd.core.impl.who.WhoOptions;
import org.plugftpd.core.impl.who.WhoReport;
import org.plugftpd.core.impl.who.WhoUsageException;
import org.plugftpd.quota.api.QuotaService;
import org.plugftpd.server.api.FtpServerStatus;
import org.plugftpd.session.api.SessionInfo;
import org.plugftpd.session.api.SessionRegistry;

/**
 * Gogo commands of scope {@code ftp}: {@code status}, {@code who} (pure-ftpwho's outputs) and
 * {@code kick}. Thin: the work is in the scoreboard and the who formatters. Thread-safe.
 */
@Component(service = FtpCommands.class, property = {
    "osgi.command.scope=ftp",
    "osgi.command.function=status",
    "osgi.command.function=who",
    "osgi.command.function=kick"
})
public final class FtpCommands {

    private final SessionRegistry sessions;
    private final AuthChain auth;
    private final EventDispatcher events;
    private final List<ServiceReference<QuotaService>> quotas = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile FtpServerStatus server;

    @Reference
    private org.plugftpd.core.impl.service.FeatureServices features;

    @Activate
    public FtpCommands(@Reference SessionRegistry sessions, @Reference AuthChain auth,
            @Reference EventDispatcher events) {
        this.sessions = sessions;
        this.auth = auth;
        this.events = events;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addQuota(ServiceReference<QuotaService> ref) {
        quotas.add(ref);
    }

    void removeQuota(ServiceReference<QuotaService> ref) {
        quotas.remove(ref);
    }

    @Descriptor("version, listeners, sessions, bound feature services and event queue figures")
    public void status() {
        StringBuilder out = new StringBuilder();
        FtpServerStatus s = server;
        if (s == null) {
            out.append("plugftpd: FTP server not running (see the log for the reason)\n");
        } else {
            Duration up = Duration.between(s.startedAt(), Instant.now());
            out.append("plugftpd ").append(s.version()).append('\n');
            out.append(String.format("started:   %s (up %d:%02d:%02d)%n", s.startedAt(), up.toHours(),
                    up.toMinutesPart(), up.toSecondsPart()));
            for (var a : s.listeners()) {
                out.append("listening: ").append(a.getAddress().getHostAddress()).append(':').append(a.getPort())
                        .append('\n');
            }
        }
        List<SessionInfo> all = sessions.sessions();
        long loggedIn = all.stream().filter(i -> !"?".equals(i.login())).count();
        long busy = all.stream().filter(i -> i.state() != SessionInfo.State.IDLE).count();
        out.append(String.format("sessions:  %d open, %d logged in, %d transferring%n", all.size(), loggedIn, busy));
        out.append("services:\n");
        List<String> lines = new java.util.ArrayList<>(auth.describeChain());
        for (ServiceReference<QuotaService> q : quotas) {
            Bundle b = q.getBundle();
            lines.add("QuotaService " + (b == null ? "?" : b.getSymbolicName() + " " + b.getVersion()));
        }
        for (LaneFigures lane : events.lanes()) {
            lines.add(String.format("%s%s: delivered %d, backlog %d, dropped %d, failures %d", lane.description(),
                    lane.present() ? "" : " (away, events kept)", lane.delivered(), lane.backlog(), lane.dropped(),
                    lane.failures()));
        }
        features.figures().forEach(f -> lines.add(f.line()));
        if (lines.isEmpty()) {
            out.append("  (none: no authenticator, logins get 530)\n");
        }
        for (String l : lines) {
            out.append("  ").append(l).append('\n');
        }
        out.append(String.format("events:    %d queued, %d delivered, %d dropped, %d failed%n", events.queued(),
                events.delivered(), events.dropped(), events.failed()));
        print(out.toString());
    }

    @Descriptor("live sessions, with pure-ftpwho's options: -v verbose, -w HTML, -W HTML table, -x XML, "
            + "-s shell, -p plist, -n/-H numeric hosts, -c CGI, -h help")
    public void who(@Descriptor("pure-ftpwho options") String... options) {
        WhoOptions parsed;
        try {
            parsed = WhoOptions.parse(options);
        } catch (WhoUsageException e) {
            throw new IllegalArgumentException(e.messageWithHelp());
        }
        print(WhoReport.render(sessions.sessions(), Instant.now(), parsed, HostNames.reverseDns()));
    }

    @Descriptor("closes a session at once (the PID column of ftp:who)")
    public String kick(@Descriptor("session id (the PID column of ftp:who)") String id) {
        long session = sessionId(id);
        if (!sessions.kick(session)) {
            throw new IllegalArgumentException("no session " + session + " (ftp:who lists them)");
        }
        // returned, not printed: Gogo writes it to the calling session
        return "session " + session + " closed";
    }

    /** The id ftp:kick was given, or a usage message a person can act on. */
    static long sessionId(String id) {
        String text = id == null ? "" : id.trim();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9') && text.length() < 19) {
            return Long.parseLong(text);
        }
        throw new IllegalArgumentException("usage: ftp:kick <id>, the number in the PID column of ftp:who ("
                + (text.isEmpty() ? "no id given" : "'" + text + "' is not one") + ")");
    }

    private static void print(String text) {
        // Gogo routes System.out to the calling session; bytes as pure-ftpwho writes them
        PrintStream out = System.out;
        out.write(text.getBytes(StandardCharsets.UTF_8), 0, text.getBytes(StandardCharsets.UTF_8).length);
        out.flush();
    }
}
