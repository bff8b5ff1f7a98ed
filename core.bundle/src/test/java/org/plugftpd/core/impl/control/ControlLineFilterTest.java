package org.plugftpd.core.impl.control;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.FilterEvent;
import org.junit.Before;
import org.junit.Test;

public class ControlLineFilterTest {
    private final List<String> seen = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private boolean loggedIn;
    private ControlLimits limits = new ControlLimits(ControlLineDecoder.PURE_FTPD_MAX_LINE, 2000, 5000, 1000, 4000, 4);
    private ControlLineFilter filter;
    private DummySession session;
    private final NextFilter next = new Recorder();

    @Before
    public void setUp() throws Exception {
        filter = new ControlLineFilter(() -> limits, new ControlEvents() {
            @Override
            public void abortRequested(IoSession s) {
                seen.add("abort!");
            }

            @Override
            public void protocolError(IoSession s, String what) {
                seen.add("error: " + what);
            }

            @Override
            public boolean loggedIn(IoSession s) {
                return loggedIn;
            }
        }, new ClientLogLimiter(100), now::get);
        session = new DummySession();
        session.setRemoteAddress(new InetSocketAddress("192.0.2.7", 40000));
        filter.sessionCreated(next, session);
    }

    @Test
    public void abortReachesTheEngineBeforeTheLineIsPassedOn() throws Exception {
        receive("RETR big\r\n\u00ff\u00f4\u00ff\u00f2abor\r\n");
        assertEquals(List.of("line: RETR big", "abort!", "line: abor"), seen);
    }

    @Test
    public void badLinesGoDownAsSignalsInTheirPlace() throws Exception {
        receive("NOOP\r\nSYST \u00c0\u00ae\r\nNOOP\r\n");
        assertEquals(List.of("line: NOOP", "error: undecodable command line", "signal: UNDECODABLE", "line: NOOP"),
                seen);
    }

    @Test
    public void nothingAfterAnOverLongLineIsPassedOn() throws Exception {
        receive("NOOP " + "A".repeat(5000) + "\r\nUSER x\r\n");
        assertEquals(List.of("error: command line too long", "signal: TOO_LONG"), seen);
        assertTrue(ControlLineFilter.discarding(session));
    }

    @Test
    public void discardedInputIsDroppedUntilTheEngineWantsItAgain() throws Exception {
        ControlLineFilter.discardInput(session, true);
        receive("USER a\r\nPASS b\r\n");
        assertEquals(List.of(), seen);
        assertTrue(ControlLineFilter.discarding(session));
        ControlLineFilter.discardInput(session, false);
        receive("USER a\r\n");
        assertEquals(List.of("line: USER a"), seen);
    }

    @Test
    public void tooManyLinesWaitingPausesReadingUntilTheyAreDone() throws Exception {
        receive("NOOP\r\n".repeat(4));
        assertTrue(session.isReadSuspended());
        ControlLineFilter.lineDone(session, limits.maxLinesInFlight());
        assertTrue(session.isReadSuspended());
        ControlLineFilter.lineDone(session, limits.maxLinesInFlight());
        assertFalse(session.isReadSuspended());
    }

    @Test
    public void repliesPastTheSoftBoundPauseReadingUntilTheyDrain() throws Exception {
        session.increaseScheduledWriteBytes(1500);
        filter.filterWrite(next, session, new DefaultWriteRequest(IoBuffer.allocate(1)));
        assertTrue(session.isReadSuspended());
        session.increaseScheduledWriteBytes(-1200);
        filter.messageSent(next, session, new DefaultWriteRequest(IoBuffer.allocate(1)));
        assertFalse(session.isReadSuspended());
        assertFalse(session.isClosing());
    }

    @Test
    public void repliesPastTheHardBoundCloseTheSession() throws Exception {
        session.increaseScheduledWriteBytes(5000);
        filter.filterWrite(next, session, new DefaultWriteRequest(IoBuffer.allocate(1)));
        assertTrue(session.isClosing());
        assertTrue(ControlLineFilter.discarding(session));
    }

    @Test
    public void repliesThatDoNotDrainInTimeCloseTheSession() throws Exception {
        session.increaseScheduledWriteBytes(1500);
        filter.filterWrite(next, session, new DefaultWriteRequest(IoBuffer.allocate(1)));
        filter.sweep(List.of(session));
        assertFalse(session.isClosing());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2001));
        filter.sweep(List.of(session));
        assertTrue(session.isClosing());
    }

    @Test
    public void aLineThatDoesNotFinishInTimeEndsTheSession() throws Exception {
        loggedIn = true;
        receive("NO");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
        receive("O");
        filter.sweep(List.of(session));
        assertFalse(ControlLineFilter.discarding(session));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
        filter.sweep(List.of(session));
        assertTrue(ControlLineFilter.discarding(session));
    }

    @Test
    public void eachLineGetsItsOwnTimeLimit() throws Exception {
        loggedIn = true;
        receive("NOOP\r\nNO");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
        receive("OP\r\nNO");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
        filter.sweep(List.of(session));
        assertFalse(ControlLineFilter.discarding(session));
    }

    @Test
    public void noLoginInTimeEndsTheSession() throws Exception {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(4000));
        filter.sweep(List.of(session));
        assertFalse(ControlLineFilter.discarding(session));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1001));
        filter.sweep(List.of(session));
        assertTrue(ControlLineFilter.discarding(session));
    }

    @Test
    public void aLoggedInSessionHasNoLoginTimeLimit() throws Exception {
        loggedIn = true;
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(60_000));
        filter.sweep(List.of(session));
        assertFalse(ControlLineFilter.discarding(session));
    }

    private void receive(String latin1) throws Exception {
        filter.messageReceived(next, session, IoBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** The rest of the chain: records what reaches it. */
    private final class Recorder implements NextFilter {
        @Override
        public void messageReceived(IoSession s, Object message) {
            seen.add(message instanceof ControlSignal ? "signal: " + message : "line: " + message);
        }

        @Override
        public void sessionCreated(IoSession s) {
        }

        @Override
        public void sessionOpened(IoSession s) {
        }

        @Override
        public void sessionClosed(IoSession s) {
        }

        @Override
        public void sessionIdle(IoSession s, IdleStatus status) {
        }

        @Override
        public void exceptionCaught(IoSession s, Throwable cause) {
        }

        @Override
        public void inputClosed(IoSession s) {
        }

        @Override
        public void messageSent(IoSession s, WriteRequest request) {
        }

        @Override
        public void filterWrite(IoSession s, WriteRequest request) {
        }

        @Override
        public void filterClose(IoSession s) {
        }

        @Override
        public void event(IoSession s, FilterEvent event) {
        }
    }
}
