package org.plugftpd.auth.puredb.pw;

/**
 * pure-pw's exit status bits (spec/passwd.md §4 "Exit codes"; with -m the mkdb status is OR-ed in).
 * Constants only.
 */
final class PwExitCodes {
    static final int OK = 0;
    /** Also a refused option value (exit(EXIT_FAILURE) while reading the options). */
    static final int MISSING_LOGIN = 1;
    static final int BAD_OPTION = 1;
    static final int PASSWD_FILE_UNREADABLE = 2;
    /** useradd of an existing login, usermod/userdel/passwd of a missing one, temporary file not creatable. */
    static final int USER_EXISTS_OR_NO_TEMP_FILE = 4;
    static final int PASSWORD_ENTRY = 8;
    static final int CANNOT_FETCH_ACCOUNT = 16;
    static final int ROOT_UID_OR_GID = 32;
    static final int MISSING_HOME = 64;
    static final int UNEXPECTED = 255;

    private PwExitCodes() {
    }
}
