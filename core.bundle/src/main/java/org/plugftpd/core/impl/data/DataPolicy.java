package org.plugftpd.core.impl.data;

/**
 * The knobs of data connections that may change while sessions run (read at each PASV, PORT and
 * transfer): whether a data connection must come from (PASV) or go to (PORT) the control
 * connection's address, how long a passive port waits for its client / an active connect may take /
 * a transfer may stall, and the socket buffer size (0 leaves the kernel's autotuning alone).
 *
 * @param addressCheck    Pure-FTPd's default (no FXP); false allows site-to-site transfers
 * @param timeoutMillis   greater than 0
 * @param socketBuffer    bytes for SO_SNDBUF and SO_RCVBUF, 0 = kernel default
 */
public record DataPolicy(boolean addressCheck, int timeoutMillis, int socketBuffer) {

    public DataPolicy {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("data connection timeout must be positive: " + timeoutMillis);
        }
        if (socketBuffer < 0) {
            throw new IllegalArgumentException("socket buffer must not be negative: " + socketBuffer);
        }
    }
}
