package org.plugftpd.upload.veto.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An upload about to start: the account, the file as the client named it inside its jail and
 * where it will be on disk, how it is written, the size announced with ALLO (-1 when none), the
 * client, and whether the control and data connections are TLS. Immutable; build one with
 * {@link #builder(String, String)}.
 */
public final class UploadRequest {

    /** How the upload writes the file. */
    public enum Mode {
        /** STOR of a new name. */
        NEW,
        /** STOR over an existing file. */
        OVERWRITE,
        /** APPE. */
        APPEND,
        /** REST n + STOR. */
        RESUME,
        /** STOU (the server chose the name). */
        UNIQUE
    }

    private final String login;
    private final String path;
    private final Path storedPath;
    private final Mode mode;
    private final long existingSize;
    private final long restartOffset;
    private final long declaredSize;
    private final boolean anonymous;
    private final InetSocketAddress client;
    private final InetSocketAddress local;
    private final boolean secureControl;
    private final boolean secureData;

    private UploadRequest(Builder b) {
        this.login = b.login;
        this.path = b.path;
        this.storedPath = b.storedPath;
        this.mode = b.mode;
        this.existingSize = b.existingSize;
        this.restartOffset = b.restartOffset;
        this.declaredSize = b.declaredSize;
        this.anonymous = b.anonymous;
        this.client = b.client;
        this.local = b.local;
        this.secureControl = b.secureControl;
        this.secureData = b.secureData;
    }

    /** @param login the account name; @param path the file inside the jail, e.g. {@code /in/a.txt} */
    public static Builder builder(String login, String path) {
        return new Builder(login, path);
    }

    public String login() { return login; }
    public String path() { return path; }
    /** Where the file will be on disk, for logs and decisions; the core does the writing. Null when unknown. */
    public Path storedPath() { return storedPath; }
    public Mode mode() { return mode; }
    /** Bytes of the existing file, -1 when there is none. */
    public long existingSize() { return existingSize; }
    /** Where a RESUME starts writing, else 0. */
    public long restartOffset() { return restartOffset; }
    /** The size announced with ALLO, -1 when the client gave none. */
    public long declaredSize() { return declaredSize; }
    public boolean anonymous() { return anonymous; }
    /** The client's address, or null. */
    public InetSocketAddress client() { return client; }
    /** The server address and port the client reached, or null. */
    public InetSocketAddress local() { return local; }
    /** Whether the control connection is TLS. */
    public boolean secureControl() { return secureControl; }
    /** Whether the data connection will be TLS (PROT P). */
    public boolean secureData() { return secureData; }

    @Override
    public String toString() {
        return mode + " " + path + " by " + login + (declaredSize >= 0 ? " (" + declaredSize + " bytes announced)" : "");
    }

    /** Builds an {@link UploadRequest}; not thread-safe. */
    public static final class Builder {
        private final String login;
        private final String path;
        private Path storedPath;
        private Mode mode = Mode.NEW;
        private long existingSize = -1;
        private long restartOffset;
        private long declaredSize = -1;
        private boolean anonymous;
        private InetSocketAddress client;
        private InetSocketAddress local;
        private boolean secureControl;
        private boolean secureData;

        private Builder(String login, String path) {
            this.login = Objects.requireNonNull(login, "login");
            this.path = Objects.requireNonNull(path, "path");
        }

        public Builder storedPath(Path onDisk) { this.storedPath = onDisk; return this; }
        public Builder mode(Mode how) { this.mode = Objects.requireNonNull(how, "mode"); return this; }
        public Builder existingSize(long bytes) { this.existingSize = bytes; return this; }
        public Builder restartOffset(long offset) { this.restartOffset = offset; return this; }
        public Builder declaredSize(long bytes) { this.declaredSize = bytes; return this; }
        public Builder anonymous(boolean anon) { this.anonymous = anon; return this; }
        public Builder client(InetSocketAddress address) { this.client = address; return this; }
        public Builder local(InetSocketAddress address) { this.local = address; return this; }
        public Builder secureControl(boolean tls) { this.secureControl = tls; return this; }
        public Builder secureData(boolean tls) { this.secureData = tls; return this; }

        public UploadRequest build() {
            return new UploadRequest(this);
        }
    }
}
