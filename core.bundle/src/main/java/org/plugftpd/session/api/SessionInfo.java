package org.plugftpd.session.api;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one session, the fields of Pure-FTPd's scoreboard record (spec/ftpwho.md §1.1),
 * plus the local address and port the client reached and the TLS state of its connections.
 * Immutable; built with {@link #builder()}.
 */
public final class SessionInfo {

    /** What the session is doing. */
    public enum State { IDLE, DOWNLOAD, UPLOAD }

    private final long id;
    private final String login;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final State state;
    private final String file;
    private final long restartOffset;
    private final long totalSize;
    private final long currentSize;
    private final Instant sessionStart;
    private final Instant transferStart;
    private final boolean secure;
    private final TlsInfo controlTls;
    private final TlsInfo dataTls;

    /** @deprecated twelve positional arguments; use {@link #builder()}, which also sets the TLS state */
    @Deprecated
    public SessionInfo(long id, String login, InetSocketAddress remote, InetSocketAddress local, State state,
            String file, long restartOffset, long totalSize, long currentSize, Instant sessionStart,
            Instant transferStart, boolean secure) {
        this.id = id;
        this.login = login;
        this.remote = Objects.requireNonNull(remote, "remote");
        this.local = Objects.requireNonNull(local, "local");
        this.state = Objects.requireNonNull(state, "state");
        this.file = file == null ? "" : file;
        this.restartOffset = restartOffset;
        this.totalSize = totalSize;
        this.currentSize = currentSize;
        this.sessionStart = Objects.requireNonNull(sessionStart, "sessionStart");
        this.transferStart = transferStart == null ? sessionStart : transferStart;
        this.secure = secure;
        this.controlTls = null;
        this.dataTls = null;
    }

    private SessionInfo(Builder b) {
        this.id = b.id;
        this.login = b.login;
        this.remote = Objects.requireNonNull(b.remote, "remote");
        this.local = Objects.requireNonNull(b.local, "local");
        this.state = Objects.requireNonNull(b.state, "state");
        this.file = b.file == null ? "" : b.file;
        this.restartOffset = b.restartOffset;
        this.totalSize = b.totalSize;
        this.currentSize = b.currentSize;
        this.sessionStart = Objects.requireNonNull(b.sessionStart, "sessionStart");
        this.transferStart = b.transferStart == null ? b.sessionStart : b.transferStart;
        this.controlTls = b.controlTls;
        this.dataTls = b.dataTls;
        this.secure = b.secure || b.controlTls != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Unique while the server runs; shown where pure-ftpwho shows the pid. */
    public long id() { return id; }
    /** The account name, {@code ?} before login (as the scoreboard has it). */
    public String login() { return login == null ? "?" : login; }
    public InetSocketAddress remote() { return remote; }
    /** The server's address and port this client connected to (the listener it reached). */
    public InetSocketAddress local() { return local; }
    public State state() { return state; }
    /** File of the current transfer as the client named it; empty when idle. */
    public String file() { return file; }
    public long restartOffset() { return restartOffset; }
    /** Downloads: the file's size; uploads: the bytes received so far. */
    public long totalSize() { return totalSize; }
    /** Bytes done so far, including the restart offset. */
    public long currentSize() { return currentSize; }
    public Instant sessionStart() { return sessionStart; }
    /** Start of the current transfer (the session start before the first one). */
    public Instant transferStart() { return transferStart; }
    /** The control connection runs under TLS (implicit FTPS or after AUTH TLS). */
    public boolean secure() { return secure; }
    /** The control connection's TLS state; empty while it is plain text. */
    public Optional<TlsInfo> controlTls() { return Optional.ofNullable(controlTls); }
    /** The TLS state of the session's latest data connection; empty when it was plain (or none yet). */
    public Optional<TlsInfo> dataTls() { return Optional.ofNullable(dataTls); }

    @Override
    public String toString() {
        return "Session[" + id + " " + login() + " " + state + (file.isEmpty() ? "" : " " + file) + "]";
    }

    /** Collects a snapshot's fields; remote, local, state and sessionStart are required. */
    public static final class Builder {
        private long id;
        private String login;
        private InetSocketAddress remote;
        private InetSocketAddress local;
        private State state = State.IDLE;
        private String file;
        private long restartOffset;
        private long totalSize;
        private long currentSize;
        private Instant sessionStart;
        private Instant transferStart;
        private boolean secure;
        private TlsInfo controlTls;
        private TlsInfo dataTls;

        private Builder() {
        }

        public Builder id(long v) { id = v; return this; }
        /** The account name; null before login. */
        public Builder login(String v) { login = v; return this; }
        public Builder remote(InetSocketAddress v) { remote = v; return this; }
        public Builder local(InetSocketAddress v) { local = v; return this; }
        public Builder state(State v) { state = v; return this; }
        public Builder file(String v) { file = v; return this; }
        public Builder restartOffset(long v) { restartOffset = v; return this; }
        public Builder totalSize(long v) { totalSize = v; return this; }
        public Builder currentSize(long v) { currentSize = v; return this; }
        public Builder sessionStart(Instant v) { sessionStart = v; return this; }
        public Builder transferStart(Instant v) { transferStart = v; return this; }
        /** Control connection under TLS; implied by a {@link #controlTls} state. */
        public Builder secure(boolean v) { secure = v; return this; }
        public Builder controlTls(TlsInfo v) { controlTls = v; return this; }
        public Builder dataTls(TlsInfo v) { dataTls = v; return this; }

        public SessionInfo build() {
            return new SessionInfo(this);
        }
    }
}
