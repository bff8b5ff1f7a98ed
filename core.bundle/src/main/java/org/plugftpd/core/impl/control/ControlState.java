package org.plugftpd.core.impl.control;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.mina.core.session.IoSession;

/**
 * The control layer's record of one connection: its decoder, the reasons its input is paused,
 * and the times the deadlines are measured from. The decoder is used on the session's I/O thread
 * only; everything else is safe from any thread.
 */
final class ControlState {
    static final int HOLD_INPUT_BACKLOG = 1;
    static final int HOLD_OUTPUT_BACKLOG = 2;

    final ControlLineDecoder decoder;
    final long openedNanos;
    final AtomicInteger linesInFlight = new AtomicInteger();
    /** When the first byte of the unfinished line arrived; 0 when none is unfinished. */
    volatile long lineStartNanos;
    /** When pending output first passed the soft bound; 0 while below it. */
    volatile long outputFullSinceNanos;
    /** Lines are dropped unread: refused connection, failed login being answered, closing. */
    volatile boolean discarding;
    /** A deadline or bound closed the session; nothing more is done for it. */
    volatile boolean expired;
    private int holds;

    ControlState(int maxLine, long now) {
        this.decoder = new ControlLineDecoder(StandardCharsets.UTF_8, maxLine);
        this.openedNanos = now;
    }

    /** Pauses reading for {@code reason}; reading resumes when no reason is left. */
    synchronized void hold(IoSession session, int reason) {
        if (holds == 0) {
            session.suspendRead();
        }
        holds |= reason;
    }

    synchronized void release(IoSession session, int reason) {
        if ((holds & reason) == 0) {
            return;
        }
        holds &= ~reason;
        if (holds == 0 && !session.isClosing()) {
            session.resumeRead();
        }
    }

    synchronized boolean holding(int reason) {
        return (holds & reason) != 0;
    }
}
