package org.plugftpd.core.impl.control;

import org.apache.mina.core.session.IoSession;

/**
 * What the control layer tells the engine above it and asks it. Called on MINA's I/O threads and
 * the timer thread: implementations return at once and never throw.
 */
public interface ControlEvents {
    /** An ABOR line was just decoded, before earlier commands have finished: stop the running transfer. */
    void abortRequested(IoSession session);

    /** The client sent something the protocol does not allow ({@code what} holds no client bytes). */
    void protocolError(IoSession session, String what);

    /** True once the session has logged in (the login time limit no longer applies). */
    boolean loggedIn(IoSession session);
}
