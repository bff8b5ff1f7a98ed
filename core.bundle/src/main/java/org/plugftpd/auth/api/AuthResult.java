package org.plugftpd.auth.api;

import java.util.Objects;
import java.util.Optional;

/** An authenticator's answer: accepted (with the account), rejected, or not mine. */
public final class AuthResult {

    /** The three possible answers. */
    public enum Outcome {
        /** The password matched; {@link #account()} is present. */
        ACCEPTED,
        /** This authenticator owns the login and refuses it; the chain stops here. */
        REJECTED,
        /** This authenticator does not know the login; the next one decides. */
        NOT_MINE
    }

    private static final AuthResult NOT_MINE = new AuthResult(Outcome.NOT_MINE, null, "unknown login");

    private final Outcome outcome;
    private final Account account;
    private final String reason;

    private AuthResult(Outcome outcome, Account account, String reason) {
        this.outcome = outcome;
        this.account = account;
        this.reason = reason;
    }

    public static AuthResult accepted(Account account) {
        return new AuthResult(Outcome.ACCEPTED, Objects.requireNonNull(account, "account"), null);
    }

    /** @param reason for the server log only; the client always sees Pure-FTPd's generic reply */
    public static AuthResult rejected(String reason) {
        return new AuthResult(Outcome.REJECTED, null, reason);
    }

    public static AuthResult notMine() {
        return NOT_MINE;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Optional<Account> account() {
        return Optional.ofNullable(account);
    }

    /** Why it was rejected (log text), or null. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return outcome + (account != null ? " " + account.login() : "") + (reason != null ? " (" + reason + ")" : "");
    }
}
