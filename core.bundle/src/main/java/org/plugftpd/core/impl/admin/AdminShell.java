package org.plugftpd.core.impl.admin;

/**
 * Runs the command lines of one admin connection, in order, keeping state (variables) between them.
 * Used by one connection thread at a time.
 */
@FunctionalInterface
public interface AdminShell extends AutoCloseable {

    /**
     * Runs one command line; whatever it prints goes to the streams the shell was opened with.
     *
     * @return the exit status (0 for success)
     * @throws Exception when the command fails; the client gets the message and status 1
     */
    int execute(String line) throws Exception;

    @Override
    default void close() {
    }
}
