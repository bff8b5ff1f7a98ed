package org.plugftpd.auth.api;

import java.util.Objects;
import java.util.Optional;

/** An authenticator's answer: accepted (with the account), rejected, not mine, or unavailable. */
public final class AuthResult {

    /** The three possible answers. */
    public enum Outcome {
        /** The password matched; {@link #account()} is present. */
        ACCEPTED,
        /** This authenticator owns the login and refuses it; the chain stops here. */
        REJECTED,
        /** This authenticator does not know the login; the next one decides. */
        NOT_MINE,
        /**
         * This authenticator cannot decide now (overloaded, its database unreadable); the chain
         * stops, the client gets {@code 421} with {@link #reason()} and is disconnected.
         */
        UNAVAILABLE
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

    /** @param message the text of the {@code 421} reply the client gets before it is disconnected */
    public static AuthResult unavailable(String message) {
        return new AuthResult(Outcome.UNAVAILABLE, null, Objects.requireNonNull(message, "message"));
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

    /** Why it was rejected (log text), the 421 text when unavailable, or null. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return outcome + (account != null ? " " + account.login() : "") + (reason != null ? " (" + reason + ")" : "");
    }
}
