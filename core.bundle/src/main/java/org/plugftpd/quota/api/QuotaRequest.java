package org.plugftpd.quota.api;

import java.nio.file.Path;
import java.util.Objects;

import org.plugftpd.auth.api.Account;

/**
 * One write as the quota sees it: whose, the root of the account's jail (where {@code .ftpquota}
 * lives) and the file, with its size before the operation (-1 when it did not exist).
 */
public final class QuotaRequest {
    private final Account account;
    private final Path root;
    private final Path file;
    private final long existingSize;

    public QuotaRequest(Account account, Path root, Path file, long existingSize) {
        this.account = Objects.requireNonNull(account, "account");
        this.root = Objects.requireNonNull(root, "root");
        this.file = Objects.requireNonNull(file, "file");
        this.existingSize = existingSize;
    }

    public Account account() {
        return account;
    }

    public Path root() {
        return root;
    }

    public Path file() {
        return file;
    }

    public long existingSize() {
        return existingSize;
    }
}
