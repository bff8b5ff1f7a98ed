package org.plugftpd.core.impl.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.impl.ServerFtpStatistics;
import org.plugftpd.auth.api.Account;
import org.plugftpd.auth.api.AuthResult;
import org.plugftpd.auth.api.ClientInfo;
import org.plugftpd.auth.api.LoginRequest;
import org.plugftpd.core.impl.control.ControlLineFilter;
import org.plugftpd.core.impl.control.LogSafe;
import org.plugftpd.core.impl.fs.FileNamePolicy;
import org.plugftpd.core.impl.limits.AccountLimits;
import org.plugftpd.core.impl.server.ServerSettings;
import org.plugftpd.core.impl.session.LiveSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USER and PASS as Pure-FTPd answers them (spec/server-behaviour.md §3): anonymous logs in at USER,
 * virtual users go through the auth chain at PASS, then the account's limits, its jail and the
 * reply lines. A failed login is answered after a delay without holding a worker thread.
 */
final class LoginCommands {
    private static final Logger LOG = LoggerFactory.getLogger(LoginCommands.class);
    /** The name anonymous sessions are recorded under (spec/server-behaviour.md §3). */
    static final String ANONYMOUS_ACCOUNT = "ftp";
    private static final int MAX_PASSWORD = 512;

    private final EngineContext engine;
    private final ScheduledExecutorService timer;

    LoginCommands(EngineContext engine, ScheduledExecutorService timer) {
        this.engine = engine;
        this.timer = timer;
    }

    AbstractCommand user() {
        return new AbstractCommand() {
            @Override
            public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException {
                onUser(session, context, request);
            }
        };
    }

    AbstractCommand pass() {
        return new AbstractCommand() {
            @Override
            public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException {
                onPass(session, context, request);
            }
        };
    }

    private void onUser(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        session.resetState();
        String name = request.getArgument();
        if (session.isLoggedIn()) {
            session.write(new PureReply(530, "You're already logged in"));
            return;
        }
        if (name == null || name.isEmpty()) {
            session.write(new PureReply(530, "Please tell me who you are"));
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("ftp") || lower.equals("anonymous")) {
            ServerSettings settings = engine.settings();
            if (!settings.anonymous()) {
                session.write(new PureReply(530, "This is a private system - No anonymous login"));
                return;
            }
            Account account = Account.builder(ANONYMOUS_ACCOUNT)
                    .home(settings.anonymousRoot().toAbsolutePath().toString()).build();
            completeLogin(session, context, account, true);
            return;
        }
        session.setUserArgument(name);
        session.write(new PureReply(331, "User " + FileNamePolicy.printable(name) + " OK. Password required"));
    }

    private void onPass(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        session.resetState();
        if (session.isLoggedIn()) {
            SessionUser user = (SessionUser) session.getUser();
            session.write(user.anonymous() ? new PureReply(230, "Any password will work")
                    : new PureReply(530, "You're already logged in"));
            return;
        }
        String name = session.getUserArgument();
        if (name == null) {
            session.write(new PureReply(530, "Please tell me who you are"));
            return;
        }
        String password = request.getArgument() == null ? "" : request.getArgument();
        if (password.length() >= MAX_PASSWORD) {
            session.write(new PureReply(530, "Line too long"));
            return;
        }
        ClientInfo client = new ClientInfo(EngineContext.remote(session), EngineContext.local(session),
                session.isSecure());
        LoginRequest login = new LoginRequest(name, password.toCharArray(), client);
        AuthResult result;
        try {
            result = engine.auth().authenticate(login);
        } finally {
            login.wipe();
        }
        if (result.outcome() == AuthResult.Outcome.UNAVAILABLE) {
            LOG.warn("{}: login of [{}] not possible now: {}", session.getRemoteAddress(),
                    LogSafe.text(name), LogSafe.text(result.reason()));
            session.setUserArgument(null);
            session.write(new PureReply(421, result.reason()));
            session.closeOnFlush();
            return;
        }
        Account account = result.account().orElse(null);
        String refusal = result.reason();
        if (account != null && !AccountLimits.addressesAllow(account, client.remote().getAddress(),
                client.local().getAddress())) {
            refusal = "address not allowed for this account";
            account = null;
        } else if (account != null && !AccountLimits.timeAllows(account, LocalTime.now())) {
            refusal = "outside the account's time window";
            account = null;
        }
        if (account == null) {
            engine.guards().loginFailed(client.remote(), name, result.outcome() != AuthResult.Outcome.NOT_MINE
                    && !"unknown login".equals(result.reason()));
            refuse(session, name, refusal);
            return;
        }
        engine.guards().loginSucceeded(client.remote(), name);
        completeLogin(session, context, account, false);
    }

    private void refuse(FtpIoSession session, String name, String reason) {
        session.setUserArgument(null);
        session.increaseFailedLogins();
        int failures = session.getFailedLogins();
        ServerSettings settings = engine.settings();
        LOG.info("{}: login of [{}] refused: {}", session.getRemoteAddress(), LogSafe.text(name), reason);
        boolean drop = failures >= settings.maxLoginFailures();
        // whatever the client pipelined behind this PASS is dropped unread until the 530 is out
        // (and for good when it is the last try): a failed login buys no further verifications
        ControlLineFilter.discardInput(session, true);
        Runnable answer = () -> {
            if (drop) {
                session.write(new PureReply(530, "Login authentication failed"));
                session.closeOnFlush();
            } else {
                // before the reply: a client that answers the 530 at once must be heard
                ControlLineFilter.discardInput(session, false);
                session.write(new PureReply(530, "Login authentication failed"));
            }
        };
        int delay = settings.loginFailureDelay();
        if (delay <= 0) {
            answer.run();
            return;
        }
        // the delay must not hold a worker thread: answer later from the timer
        timer.schedule(answer, delay, TimeUnit.MILLISECONDS);
    }

    private void completeLogin(FtpIoSession session, FtpServerContext context, Account account, boolean anonymous) {
        ServerSettings settings = engine.settings();
        LiveSession live = EngineContext.live(session);
        int limit = account.maxSessions() != Account.UNSET ? account.maxSessions() : settings.maxSessionsPerUser();
        if (limit > 0 && engine.sessions().countLogins(account.login(), live) >= limit) {
            session.write(new PureReply(421, "I can't accept more than " + limit + " connections as the same user"));
            session.closeOnFlush();
            return;
        }
        Path root;
        String start;
        boolean writable;
        if (anonymous) {
            root = settings.anonymousRoot();
            start = "/";
            writable = !settings.anonymousReadOnly();
        } else {
            root = Paths.get(account.chrootRoot());
            start = account.startDirectory();
            writable = true;
        }
        if (!prepareHome(root, start, settings.createHome() && !anonymous)) {
            LOG.warn("{}: home of [{}] not available: {}", session.getRemoteAddress(), LogSafe.text(account.login()),
                    LogSafe.text(root.toString()));
            session.write(new PureReply(421, "Home directory not available - aborting"));
            session.closeOnFlush();
            return;
        }
        SessionUser user = new SessionUser(account, anonymous, root, start, writable, settings.idleTimeout());
        FileSystemView view;
        try {
            view = context.getFileSystemManager().createFileSystemView(user);
        } catch (FtpException e) {
            LOG.warn("{}: home of [{}] not usable: {}", session.getRemoteAddress(), LogSafe.text(account.login()),
                    LogSafe.text(e.getMessage()));
            session.write(new PureReply(421, "Home directory not available - aborting"));
            session.closeOnFlush();
            return;
        }
        session.setUser(user);
        session.setUserArgument(null);
        session.setMaxIdleTime(settings.idleTimeout());
        session.setLogin(view);
        ((ServerFtpStatistics) context.getFtpStatistics()).setLogin(session);
        live.loggedIn(account.login());
        LOG.info("{}: [{}] logged in", session.getRemoteAddress(), LogSafe.text(account.login()));

        List<String> lines = new ArrayList<>();
        if (anonymous) {
            lines.add("Anonymous user logged in");
        } else {
            if (account.uploadBandwidth() > 0 || account.downloadBandwidth() > 0) {
                lines.add("Your bandwidth usage is restricted");
            }
            lines.add(account.chrooted() ? "OK. Current directory is " + start
                    : "OK. Current restricted directory is /");
        }
        session.write(new PureReply(230, lines));
    }

    /** The jail must be a directory; a virtual user's may be created on first login (Pure-FTPd -j). */
    private static boolean prepareHome(Path root, String start, boolean create) {
        Path startDir = root.resolve(start.substring(1));
        if (Files.isDirectory(startDir)) {
            return true;
        }
        if (!create) {
            return false;
        }
        try {
            Files.createDirectories(startDir);
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
