package org.plugftpd.core.impl.control;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control connection's first filter, on MINA's I/O thread, before the ordered executor:
 * decodes command lines with {@link ControlLineDecoder}, tells the engine about an ABOR the moment
 * it arrives, and keeps every session within its {@link ControlLimits} (input paused while too
 * many lines wait for their commands or too many reply bytes wait for the client; closed past the
 * hard output bound, or when a line, the login or the draining of replies takes too long — see
 * {@link #sweep}). Lines go down the chain as {@code String}s, bad ones as {@link ControlSignal}s;
 * {@link ControlHandlerAdapter} reports each one done. Thread-safe; one instance per listener.
 */
public final class ControlLineFilter extends IoFilterAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ControlLineFilter.class);
    private static final AttributeKey STATE = new AttributeKey(ControlLineFilter.class, "state");

    private final Supplier<ControlLimits> limits;
    private final ControlEvents events;
    private final ClientLogLimiter warnings;
    private final LongSupplier nanos;

    public ControlLineFilter(Supplier<ControlLimits> limits, ControlEvents events, ClientLogLimiter warnings) {
        this(limits, events, warnings, System::nanoTime);
    }

    ControlLineFilter(Supplier<ControlLimits> limits, ControlEvents events, ClientLogLimiter warnings,
            LongSupplier nanos) {
        this.limits = limits;
        this.events = events;
        this.warnings = warnings;
        this.nanos = nanos;
    }

    /**
     * From now on (or no longer) lines of this session are dropped unread, both those still to
     * come and those already waiting for their command: a refused connection, input pipelined
     * behind a failed login while its {@code 530} is pending.
     */
    public static void discardInput(IoSession session, boolean discard) {
        ControlState state = state(session);
        if (state != null) {
            state.discarding = discard;
        }
    }

    /** True when the lines of this session are to be dropped rather than executed. */
    public static boolean discarding(IoSession session) {
        ControlState state = state(session);
        return state == null || state.discarding || state.expired || session.isClosing() || !session.isConnected();
    }

    private static ControlState state(IoSession session) {
        return (ControlState) session.getAttribute(STATE);
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession session) throws Exception {
        session.setAttribute(STATE, new ControlState(limits.get().maxLine(), nanos.getAsLong()));
        next.sessionCreated(session);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        ControlState state = state(session);
        if (state != null) {
            state.discarding = true;
        }
        next.sessionClosed(session);
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        ControlState state = state(session);
        if (!(message instanceof IoBuffer) || state == null) {
            next.messageReceived(session, message);
            return;
        }
        IoBuffer in = (IoBuffer) message;
        boolean[] ended = {false};
        state.decoder.decode(in.buf(), new ControlLineDecoder.Sink() {
            @Override
            public void line(String line) {
                ended[0] = true;
                if (state.discarding || state.expired) {
                    return;
                }
                if (isAbort(line)) {
                    // the ordered executor is busy with the transfer this ABOR is meant to stop
                    events.abortRequested(session);
                }
                pass(next, session, state, line);
            }

            @Override
            public void undecodable(int length) {
                ended[0] = true;
                if (state.discarding || state.expired) {
                    return;
                }
                warn(session, "{}: command line of {} bytes is not valid UTF-8; answered 501", client(session),
                        length);
                events.protocolError(session, "undecodable command line");
                pass(next, session, state, ControlSignal.UNDECODABLE);
            }

            @Override
            public void tooLong(int limit) {
                ended[0] = true;
                if (state.discarding || state.expired) {
                    return;
                }
                warn(session, "{}: command line longer than {} bytes; answered 500 and closing", client(session),
                        limit);
                events.protocolError(session, "command line too long");
                pass(next, session, state, ControlSignal.TOO_LONG);
                // nothing after it is read or run; the 500 closes the connection
                state.discarding = true;
            }
        });
        // the line time limit runs from the first byte of the line still unfinished
        if (!state.decoder.inLine()) {
            state.lineStartNanos = 0;
        } else if (ended[0] || state.lineStartNanos == 0) {
            state.lineStartNanos = nanos.getAsLong();
        }
    }

    private void pass(NextFilter next, IoSession session, ControlState state, Object line) {
        if (state.linesInFlight.incrementAndGet() >= limits.get().maxLinesInFlight()) {
            state.hold(session, ControlState.HOLD_INPUT_BACKLOG);
        }
        next.messageReceived(session, line);
    }

    /** A line handed down by this filter has been dealt with (run, answered or dropped). */
    public static void lineDone(IoSession session, int maxLinesInFlight) {
        ControlState state = state(session);
        if (state != null && state.linesInFlight.decrementAndGet() <= maxLinesInFlight / 2) {
            state.release(session, ControlState.HOLD_INPUT_BACKLOG);
        }
    }

    /** The current limit on lines waiting for their command. */
    public int maxLinesInFlight() {
        return limits.get().maxLinesInFlight();
    }

    static boolean isAbort(String line) {
        String command = line.trim();
        int space = command.indexOf(' ');
        if (space >= 0) {
            command = command.substring(0, space);
        }
        return command.toUpperCase(Locale.ROOT).equals("ABOR");
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        next.filterWrite(session, request);
        ControlState state = state(session);
        if (state == null || state.expired) {
            return;
        }
        ControlLimits l = limits.get();
        long pending = session.getScheduledWriteBytes();
        if (pending > l.outputHardBound()) {
            expire(session, state, null, "{}: {} bytes of replies wait for a client that does not read them; closing",
                    pending);
        } else if (pending > l.outputSoftBound() && !state.holding(ControlState.HOLD_OUTPUT_BACKLOG)) {
            state.outputFullSinceNanos = nanos.getAsLong();
            state.hold(session, ControlState.HOLD_OUTPUT_BACKLOG);
        }
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest message) throws Exception {
        ControlState state = state(session);
        if (state != null && state.holding(ControlState.HOLD_OUTPUT_BACKLOG)
                && session.getScheduledWriteBytes() <= limits.get().outputSoftBound() / 2) {
            state.outputFullSinceNanos = 0;
            state.release(session, ControlState.HOLD_OUTPUT_BACKLOG);
        }
        next.messageSent(session, message);
    }

    /**
     * Closes the sessions that overran a deadline: a line begun and not finished within the
     * line time limit, no login within the login limit, replies not drained within the line limit.
     * Called every second or so by the listener's timer.
     */
    public void sweep(Collection<IoSession> sessions) {
        long now = nanos.getAsLong();
        ControlLimits l = limits.get();
        long line = TimeUnit.MILLISECONDS.toNanos(l.lineTimeoutMillis());
        long login = TimeUnit.MILLISECONDS.toNanos(l.loginTimeoutMillis());
        for (IoSession session : sessions) {
            ControlState state = state(session);
            if (state == null || state.expired || session.isClosing()) {
                continue;
            }
            long started = state.lineStartNanos;
            long full = state.outputFullSinceNanos;
            if (full != 0 && now - full > line) {
                expire(session, state, null, "{}: replies not read for {} ms; closing", l.lineTimeoutMillis());
            } else if (started != 0 && now - started > line && !state.holding(ControlState.HOLD_INPUT_BACKLOG)) {
                // (while input is held back the line cannot finish: that is the server's doing)
                expire(session, state, new DefaultFtpReply(421, "Timeout - try typing a little faster next time"),
                        "{}: command line not finished within {} ms; closing", l.lineTimeoutMillis());
            } else if (now - state.openedNanos > login && !events.loggedIn(session)) {
                expire(session, state, new DefaultFtpReply(421, "Timeout - no login within "
                        + TimeUnit.MILLISECONDS.toSeconds(l.loginTimeoutMillis()) + " seconds"),
                        "{}: no login within {} ms; closing", l.loginTimeoutMillis());
            }
        }
    }

    private void expire(IoSession session, ControlState state, DefaultFtpReply reply, String format, Object detail) {
        state.expired = true;
        state.discarding = true;
        warn(session, format, client(session), detail);
        events.protocolError(session, "deadline or bound exceeded");
        if (reply != null) {
            session.write(reply);
            session.closeOnFlush();
        } else {
            session.closeNow();
        }
    }

    private void warn(IoSession session, String format, Object... args) {
        InetAddress address = address(session);
        if (address == null) {
            LOG.warn(format, args);
        } else {
            warnings.warn(LOG, address, format, args);
        }
    }

    private static InetAddress address(IoSession session) {
        SocketAddress remote = session.getRemoteAddress();
        return remote instanceof InetSocketAddress ? ((InetSocketAddress) remote).getAddress() : null;
    }

    private static String client(IoSession session) {
        SocketAddress remote = session.getRemoteAddress();
        return remote == null ? "client" : remote.toString();
    }
}
