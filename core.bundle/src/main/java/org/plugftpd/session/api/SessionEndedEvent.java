package org.plugftpd.session.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One control connection that has ended: the session as it was last (who, from where, to which
 * local address and port, TLS), when and why it ended, and its transfer totals. Immutable; built
 * with {@link #builder()}.
 */
public final class SessionEndedEvent {

    /** What ended the session. */
    public enum Reason {
        /** The client sent QUIT. */
        QUIT,
        /** An administrator closed it (ftp:kick, SessionRegistry.kick). */
        KICKED,
        /** It was idle longer than the server allows. */
        TIMEOUT,
        /** Anything else: the client dropped the connection, a protocol error, the server stopping. */
        CLOSED
    }

    private final SessionInfo session;
    private final Instant end;
    private final Reason reason;
    private final long uploadedBytes;
    private final long downloadedBytes;

    private SessionEndedEvent(Builder b) {
        this.session = Objects.requireNonNull(b.session, "session");
        this.end = Objects.requireNonNull(b.end, "end");
        this.reason = Objects.requireNonNull(b.reason, "reason");
        this.uploadedBytes = b.uploadedBytes;
        this.downloadedBytes = b.downloadedBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The session's last snapshot (id, login, remote and local address, start, TLS). */
    public SessionInfo session() { return session; }
    public Instant end() { return end; }
    public Duration duration() { return Duration.between(session.sessionStart(), end); }
    public Reason reason() { return reason; }
    /** Bytes received by the session's finished uploads. */
    public long uploadedBytes() { return uploadedBytes; }
    /** Bytes sent by the session's finished downloads. */
    public long downloadedBytes() { return downloadedBytes; }

    @Override
    public String toString() {
        return "session " + session.id() + " " + session.login() + " ended (" + reason + ")";
    }

    /** Collects an event's fields. */
    public static final class Builder {
        private SessionInfo session;
        private Instant end;
        private Reason reason = Reason.CLOSED;
        private long uploadedBytes;
        private long downloadedBytes;

        private Builder() {
        }

        public Builder session(SessionInfo v) { session = v; return this; }
        public Builder end(Instant v) { end = v; return this; }
        public Builder reason(Reason v) { reason = v; return this; }
        public Builder uploadedBytes(long v) { uploadedBytes = v; return this; }
        public Builder downloadedBytes(long v) { downloadedBytes = v; return this; }

        public SessionEndedEvent build() {
            return new SessionEndedEvent(this);
        }
    }
}
