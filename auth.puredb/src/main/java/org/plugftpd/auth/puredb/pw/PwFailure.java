package org.plugftpd.auth.puredb.pw;

/**
 * A pure-pw command that stops with a message for standard error and an exit code (spec/passwd.md §4 "Exit
 * codes"). The message is a byte string and may span lines; it is printed followed by LF.
 * Immutable.
 */
final class PwFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    PwFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
