package org.plugftpd.defender.score;

/** What a client did that counts against its address. */
public enum Offence {
    /** A login of a known account was refused (wrong password, address or time not allowed). */
    LOGIN_FAILED("failed login", "failed logins"),
    /** A login named an account no authenticator knows: a scan of user names. */
    UNKNOWN_USER("unknown user", "unknown users"),
    /** A malformed or over-long command line, bytes that are not text. */
    PROTOCOL_ERROR("protocol error", "protocol errors"),
    /** A connection beyond the burst limit (too many connections in the burst window). */
    CONNECTION_BURST("connection in a burst", "connections in a burst");

    private final String one;
    private final String many;

    Offence(String one, String many) {
        this.one = one;
        this.many = many;
    }

    /** "1 failed login", "12 failed logins". */
    public String count(int n) {
        return n + " " + (n == 1 ? one : many);
    }
}
