package org.plugftpd.transfer.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One finished transfer: who, what, how much, how long, and how it ended. Immutable. */
public final class TransferEvent {

    /** Which way the bytes went. */
    public enum Direction { UPLOAD, DOWNLOAD }

    /** How the transfer ended. */
    public enum Status {
        /** All bytes moved and the reply was 226. */
        COMPLETED,
        /** The data connection broke, the client aborted, or the disk refused. */
        ABORTED,
        /** Nothing was moved: missing file, refused permission, no data connection. */
        FAILED
    }

    private final long sessionId;
    private final Direction direction;
    private final Status status;
    private final Instant start;
    private final Duration duration;
    private final long bytes;
    private final long restartOffset;
    private final InetSocketAddress client;
    private final InetSocketAddress local;
    private final String login;
    private final boolean anonymous;
    private final String requestedPath;
    private final String storedPath;
    private final Instant sessionStart;
    private final boolean ascii;

    private TransferEvent(Builder b) {
        this.sessionId = b.sessionId;
        this.direction = Objects.requireNonNull(b.direction, "direction");
        this.status = Objects.requireNonNull(b.status, "status");
        this.start = Objects.requireNonNull(b.start, "start");
        this.duration = Objects.requireNonNull(b.duration, "duration");
        this.bytes = b.bytes;
        this.restartOffset = b.restartOffset;
        this.client = b.client;
        this.local = b.local;
        this.login = b.login;
        this.anonymous = b.anonymous;
        this.requestedPath = b.requestedPath;
        this.storedPath = b.storedPath;
        this.sessionStart = b.sessionStart != null ? b.sessionStart : this.start;
        this.ascii = b.ascii;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long sessionId() { return sessionId; }
    public Direction direction() { return direction; }
    public Status status() { return status; }
    /** When the data started to move (or the attempt began, for failures). */
    public Instant start() { return start; }
    public Duration duration() { return duration; }
    /** Bytes moved over the data connection by this transfer (not counting a restart offset). */
    public long bytes() { return bytes; }
    public long restartOffset() { return restartOffset; }
    public InetSocketAddress client() { return client; }
    public InetSocketAddress local() { return local; }
    /** The account name ({@code ftp} for anonymous sessions, as Pure-FTPd logs it). */
    public String login() { return login; }
    public boolean anonymous() { return anonymous; }
    /** The path as the client named it in the command. */
    public String requestedPath() { return requestedPath; }
    /** The absolute path on the server's disk, or null when the name did not resolve. */
    public String storedPath() { return storedPath; }
    /** When the control connection was accepted (Pure-FTPd's stats log keys sessions by it); the transfer start if unknown. */
    public Instant sessionStart() { return sessionStart; }
    /** The transfer ran in ASCII mode (TYPE A); false for binary (TYPE I), the default. */
    public boolean ascii() { return ascii; }

    @Override
    public String toString() {
        return direction + " " + status + " " + bytes + "B " + login + " " + storedPath;
    }

    /** Collects an event's fields. */
    public static final class Builder {
        private long sessionId;
        private Direction direction;
        private Status status;
        private Instant start;
        private Duration duration = Duration.ZERO;
        private long bytes;
        private long restartOffset;
        private InetSocketAddress client;
        private InetSocketAddress local;
        private String login;
        private boolean anonymous;
        private String requestedPath;
        private String storedPath;
        private Instant sessionStart;
        private boolean ascii;

        public Builder sessionId(long v) { sessionId = v; return this; }
        public Builder direction(Direction v) { direction = v; return this; }
        public Builder status(Status v) { status = v; return this; }
        public Builder start(Instant v) { start = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder bytes(long v) { bytes = v; return this; }
        public Builder restartOffset(long v) { restartOffset = v; return this; }
        public Builder client(InetSocketAddress v) { client = v; return this; }
        public Builder local(InetSocketAddress v) { local = v; return this; }
        public Builder login(String v) { login = v; return this; }
        public Builder anonymous(boolean v) { anonymous = v; return this; }
        public Builder requestedPath(String v) { requestedPath = v; return this; }
        public Builder storedPath(String v) { storedPath = v; return this; }
        public Builder sessionStart(Instant v) { sessionStart = v; return this; }
        public Builder ascii(boolean v) { ascii = v; return this; }

        public TransferEvent build() {
            return new TransferEvent(this);
        }
    }
}
