package org.plugftpd.core.impl.session;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

/**
 * ABOR's window: an ABOR read after a transfer command started but before its data connection
 * was armed is kept and stops the transfer the moment it is armed (the client may send ABOR as
 * soon as it reads the 150, which the transfer writes before it opens its data connection).
 */
public class LiveSessionAbortTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.2", 21);

    private final LiveSession live = new SessionTable().open(CLIENT, SERVER, () -> { });
    private final AtomicInteger fired = new AtomicInteger();

    @Test
    public void anAborBeforeTheTransferIsArmedFiresWhenItIsArmed() {
        live.transferCommandStarted();
        assertTrue(live.abortTransfer());
        assertEquals(0, fired.get());
        live.abortableBy(fired::incrementAndGet);
        assertEquals(1, fired.get());
        live.abortableBy(null);
        live.transferCommandEnded();
        assertEquals(1, fired.get());
    }

    @Test
    public void anAborDuringAnArmedTransferFiresAtOnce() {
        live.transferCommandStarted();
        live.abortableBy(fired::incrementAndGet);
        assertTrue(live.abortTransfer());
        assertEquals(1, fired.get());
    }

    @Test
    public void anAborWithNoTransferCommandRunningIsNotKeptForTheNextOne() {
        assertFalse(live.abortTransfer());
        live.transferCommandStarted();
        live.abortableBy(fired::incrementAndGet);
        assertEquals(0, fired.get());
    }

    @Test
    public void anAborKeptForACommandThatNeverArmedDoesNotReachTheNextCommand() {
        live.transferCommandStarted();
        assertTrue(live.abortTransfer());
        // e.g. the data connection could not be opened: 425, no transfer
        live.transferCommandEnded();
        live.transferCommandStarted();
        live.abortableBy(fired::incrementAndGet);
        assertEquals(0, fired.get());
    }
}
