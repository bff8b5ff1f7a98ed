package org.plugftpd.session.api;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one session, the fields of Pure-FTPd's scoreboard record (spec/ftpwho.md §1.1).
 * Immutable.
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
    }

    /** Unique while the server runs; shown where pure-ftpwho shows the pid. */
    public long id() { return id; }
    /** The account name, {@code ?} before login (as the scoreboard has it). */
    public String login() { return login == null ? "?" : login; }
    public InetSocketAddress remote() { return remote; }
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
    public boolean secure() { return secure; }

    @Override
    public String toString() {
        return "Session[" + id + " " + login() + " " + state + (file.isEmpty() ? "" : " " + file) + "]";
    }
}
