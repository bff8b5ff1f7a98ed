package org.plugftpd.core.impl.who;

/**
 * An {@code ftp:who} argument that pure-ftpwho's option set does not know; the message names it,
 * {@link #messageWithHelp()} adds the usage text. Immutable.
 */
public final class WhoUsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final char option;

    WhoUsageException(char option) {
        // Same shape as getopt's diagnostic, so scripts that grep for it keep working.
        super(WhoOptions.COMMAND_NAME + ": invalid option -- '" + option + "'");
        this.option = option;
    }

    /** The option character that was not recognised. */
    public char option() {
        return option;
    }

    /** The error line followed by the help text, what pure-ftpwho shows for a bad option. */
    public String messageWithHelp() {
        return getMessage() + "\n" + WhoOptions.helpText();
    }
}
