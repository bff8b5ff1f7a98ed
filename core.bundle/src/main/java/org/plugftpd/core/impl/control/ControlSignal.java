package org.plugftpd.core.impl.control;

/**
 * A bad line, passed down the filter chain in place of the line so that its reply keeps its
 * place among the replies to the lines around it.
 */
public enum ControlSignal {
    /** A line whose bytes are not valid in the session's charset: {@code 501}, the session goes on. */
    UNDECODABLE,
    /** A line longer than the limit: {@code 500} and the connection is closed. */
    TOO_LONG
}
