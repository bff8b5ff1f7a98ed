package org.plugftpd.core.impl.control;

/**
 * The bounds a control connection lives within. Immutable.
 *
 * @param maxLine bytes a command line may take, terminator included
 * @param lineTimeoutMillis time from a line's first byte to its LF; also the time replies
 *        waiting for a client that does not read may take to drain
 * @param loginTimeoutMillis time from connect to a successful login
 * @param outputSoftBound pending reply bytes past which the client's input is no longer read
 * @param outputHardBound pending reply bytes past which the client is dropped
 * @param maxLinesInFlight decoded lines waiting for their command past which input is no longer read
 */
public record ControlLimits(int maxLine, long lineTimeoutMillis, long loginTimeoutMillis, long outputSoftBound,
        long outputHardBound, int maxLinesInFlight) {

    /** Pending output a session may hold before its input is paused. */
    public static final long DEFAULT_OUTPUT_SOFT_BOUND = 64 * 1024;
    /** Pending output past which a session is closed. */
    public static final long DEFAULT_OUTPUT_HARD_BOUND = 1024 * 1024;
    public static final int DEFAULT_MAX_LINES_IN_FLIGHT = 256;

    public ControlLimits {
        if (maxLine < 2 || lineTimeoutMillis <= 0 || loginTimeoutMillis <= 0 || outputSoftBound <= 0
                || outputHardBound < outputSoftBound || maxLinesInFlight < 2) {
            throw new IllegalArgumentException("inconsistent control limits: " + maxLine + ", " + lineTimeoutMillis
                    + ", " + loginTimeoutMillis + ", " + outputSoftBound + ", " + outputHardBound + ", "
                    + maxLinesInFlight);
        }
    }

    /** Pure-FTPd's line length and this server's output bounds, with the given time limits. */
    public static ControlLimits of(long lineTimeoutMillis, long loginTimeoutMillis) {
        return new ControlLimits(ControlLineDecoder.PURE_FTPD_MAX_LINE, lineTimeoutMillis, loginTimeoutMillis,
                DEFAULT_OUTPUT_SOFT_BOUND, DEFAULT_OUTPUT_HARD_BOUND, DEFAULT_MAX_LINES_IN_FLIGHT);
    }
}
