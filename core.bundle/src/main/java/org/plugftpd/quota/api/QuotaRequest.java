package org.plugftpd.quota.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

import org.plugftpd.auth.api.Account;

/**
 * One change of usage as the quota sees it, asked before it happens: the operation, whose it is,
 * the root of the account's jail (where {@code .ftpquota} lives), the file as the client named it
 * inside the jail and where it is on disk, and the sizes of what is already there. Immutable;
 * build one with {@link #builder(QuotaOperation, Account, Path)}. Sizes are {@code -1} when absent.
 */
public final class QuotaRequest {
    private final QuotaOperation operation;
    private final Account account;
    private final Path root;
    private final String path;
    private final Path storedPath;
    private final String targetPath;
    private final long existingSize;
    private final long replacedSize;
    private final long restartOffset;
    private final long declaredSize;
    private final InetSocketAddress client;

    private QuotaRequest(Builder b) {
        this.operation = b.operation;
        this.account = b.account;
        this.root = b.root;
        this.path = Objects.requireNonNull(b.path, "path");
        this.storedPath = b.storedPath;
        this.targetPath = b.targetPath;
        this.existingSize = b.existingSize;
        this.replacedSize = b.replacedSize;
        this.restartOffset = b.restartOffset;
        this.declaredSize = b.declaredSize;
        this.client = b.client;
    }

    public static Builder builder(QuotaOperation operation, Account account, Path root) {
        return new Builder(operation, account, root);
    }

    public QuotaOperation operation() { return operation; }
    public Account account() { return account; }
    /** The top of the account's jail on disk. */
    public Path root() { return root; }
    /** The file or directory inside the jail, e.g. {@code /sub/a.txt}; the source of a rename. */
    public String path() { return path; }
    /** Where {@link #path()} is on disk, for logs; null when unknown. Never open it: the core does. */
    public Path storedPath() { return storedPath; }
    /** The destination inside the jail of RENAME, MOVE and RENAME_OVER, else null. */
    public String targetPath() { return targetPath; }
    /**
     * Bytes of the file {@link #path()} names before the operation: the file overwritten, appended
     * to, resumed, deleted or renamed; -1 when there is none (a new file, a directory).
     */
    public long existingSize() { return existingSize; }
    /** Bytes of the existing destination a RENAME_OVER replaces, else -1. */
    public long replacedSize() { return replacedSize; }
    /** Where UPLOAD_RESUME starts writing (the file is cut there first), else 0. */
    public long restartOffset() { return restartOffset; }
    /** The size the client announced with ALLO before an upload, else -1. */
    public long declaredSize() { return declaredSize; }
    /** The client's address, or null. */
    public InetSocketAddress client() { return client; }

    @Override
    public String toString() {
        return operation + " " + path + (targetPath == null ? "" : " -> " + targetPath) + " by " + account.login();
    }

    /** Builds a {@link QuotaRequest}; not thread-safe. */
    public static final class Builder {
        private final QuotaOperation operation;
        private final Account account;
        private final Path root;
        private String path;
        private Path storedPath;
        private String targetPath;
        private long existingSize = -1;
        private long replacedSize = -1;
        private long restartOffset;
        private long declaredSize = -1;
        private InetSocketAddress client;

        private Builder(QuotaOperation operation, Account account, Path root) {
            this.operation = Objects.requireNonNull(operation, "operation");
            this.account = Objects.requireNonNull(account, "account");
            this.root = Objects.requireNonNull(root, "root");
        }

        public Builder path(String virtualPath) { this.path = virtualPath; return this; }
        public Builder storedPath(Path onDisk) { this.storedPath = onDisk; return this; }
        public Builder targetPath(String virtualPath) { this.targetPath = virtualPath; return this; }
        public Builder existingSize(long bytes) { this.existingSize = bytes; return this; }
        public Builder replacedSize(long bytes) { this.replacedSize = bytes; return this; }
        public Builder restartOffset(long offset) { this.restartOffset = offset; return this; }
        public Builder declaredSize(long bytes) { this.declaredSize = bytes; return this; }
        public Builder client(InetSocketAddress address) { this.client = address; return this; }

        public QuotaRequest build() {
            return new QuotaRequest(this);
        }
    }
}
