package org.plugftpd.auth.puredb.format;

import java.util.Objects;

/**
 * What a user directory says about one login: absent, found (with the parsed account), an
 * invalid record (Pure-FTPd refuses the login), or the database unreadable (Pure-FTPd answers 421). Immutable.
 */
public final class Lookup {

    /** The four answers. */
    public enum Status {
        /** The login is not in this database: the next authenticator decides. */
        ABSENT,
        /** {@link #user()} holds the hash to verify and the account. */
        FOUND,
        /** The login is there but its line is unusable; {@link #reason()} names file, login/line and field. */
        INVALID,
        /** No usable database at all; {@link #reason()} says why. */
        UNREADABLE
    }

    private static final Lookup ABSENT = new Lookup(Status.ABSENT, null, null);

    private final Status status;
    private final VirtualUser user;
    private final String reason;

    private Lookup(Status status, VirtualUser user, String reason) {
        this.status = status;
        this.user = user;
        this.reason = reason;
    }

    public static Lookup absent() {
        return ABSENT;
    }

    public static Lookup found(VirtualUser user) {
        return new Lookup(Status.FOUND, Objects.requireNonNull(user, "user"), null);
    }

    public static Lookup invalid(String reason) {
        return new Lookup(Status.INVALID, null, Objects.requireNonNull(reason, "reason"));
    }

    public static Lookup unreadable(String reason) {
        return new Lookup(Status.UNREADABLE, null, Objects.requireNonNull(reason, "reason"));
    }

    public Status status() {
        return status;
    }

    /** The account when {@link Status#FOUND}, else null. */
    public VirtualUser user() {
        return user;
    }

    /** Why, for INVALID and UNREADABLE (log text naming the file); null otherwise. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return status + (user != null ? " " + user.login() : "") + (reason != null ? " (" + reason + ")" : "");
    }
}
