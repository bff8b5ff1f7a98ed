package org.plugftpd.guard.api;

/** Why a login was refused, as far as a guard needs to know. */
public enum LoginFailure {
    /** An authenticator knew the account and refused it (wrong password, address or time not allowed). */
    KNOWN_ACCOUNT,
    /** No authenticator knew the name: what a scan of user names produces. */
    UNKNOWN_ACCOUNT
}
