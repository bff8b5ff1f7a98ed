package org.plugftpd.upload.api;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A completed upload: the file where it landed, its size and permissions, and the account that
 * sent it (uid/gid as the account carries them, {@code -1} when unknown). Immutable; built with
 * {@link #builder()} (the positional constructor stays for existing callers).
 */
public final class UploadEvent {
    private final long sessionId;
    private final Path file;
    private final long size;
    private final int permissions;
    private final String login;
    private final long uid;
    private final long gid;
    private final InetAddress client;

    public UploadEvent(long sessionId, Path file, long size, int permissions, String login, long uid, long gid,
            InetAddress client) {
        this.sessionId = sessionId;
        this.file = Objects.requireNonNull(file, "file");
        this.size = size;
        this.permissions = permissions;
        this.login = Objects.requireNonNull(login, "login");
        this.uid = uid;
        this.gid = gid;
        this.client = client;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long sessionId() { return sessionId; }
    /** Absolute path of the stored file. */
    public Path file() { return file; }
    public long size() { return size; }
    /** Unix permission bits, e.g. {@code 0644}. */
    public int permissions() { return permissions; }
    public String login() { return login; }
    public long uid() { return uid; }
    public long gid() { return gid; }
    public InetAddress client() { return client; }

    @Override
    public String toString() {
        return "upload " + file + " (" + size + "B) by " + login;
    }

    /** Collects an event's fields; file and login are required. */
    public static final class Builder {
        private long sessionId;
        private Path file;
        private long size;
        private int permissions = 0644;
        private String login;
        private long uid = -1;
        private long gid = -1;
        private InetAddress client;

        private Builder() {
        }

        public Builder sessionId(long v) { sessionId = v; return this; }
        public Builder file(Path v) { file = v; return this; }
        public Builder size(long v) { size = v; return this; }
        public Builder permissions(int v) { permissions = v; return this; }
        public Builder login(String v) { login = v; return this; }
        public Builder uid(long v) { uid = v; return this; }
        public Builder gid(long v) { gid = v; return this; }
        public Builder client(InetAddress v) { client = v; return this; }

        public UploadEvent build() {
            return new UploadEvent(sessionId, file, size, permissions, login, uid, gid, client);
        }
    }
}
