package org.plugftpd.auth.puredb.format;

import java.util.Objects;

import org.plugftpd.auth.api.Account;

/**
 * A parsed account line: the stored password hash (field 2, still to be verified) and every
 * per-user setting. Immutable.
 */
public final class VirtualUser {

    private final String passwordHash;
    private final Account account;

    public VirtualUser(String passwordHash, Account account) {
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.account = Objects.requireNonNull(account, "account");
    }

    public String login() {
        return account.login();
    }

    /** Field 2 as stored (see spec/hashes.md); never empty. */
    public String passwordHash() {
        return passwordHash;
    }

    public Account account() {
        return account;
    }

    @Override
    public String toString() {
        return "VirtualUser[" + account + "]";
    }
}
