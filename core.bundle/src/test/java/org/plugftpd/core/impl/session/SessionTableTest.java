package org.plugftpd.core.impl.session;

import static org.junit.Assert.assertEquals;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.Test;

public class SessionTableTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.2", 21);

    @Test
    public void aSessionWhoseConnectionIsGoneLeavesTheTableWithoutACloseEvent() {
        SessionTable table = new SessionTable();
        AtomicBoolean connected = new AtomicBoolean(true);
        table.open(CLIENT, SERVER, () -> { }, connected::get);
        table.open(CLIENT, SERVER, () -> { }, () -> true);
        assertEquals(0, table.reap());
        assertEquals(2, table.count());
        connected.set(false);
        // the first sweep leaves its close event time to arrive
        assertEquals(0, table.reap());
        assertEquals(1, table.reap());
        assertEquals(1, table.count());
        assertEquals(1, table.countFrom(CLIENT.getAddress()));
    }

    @Test
    public void aConnectionTestThatFailsCountsAsGone() {
        SessionTable table = new SessionTable();
        table.open(CLIENT, SERVER, () -> { }, () -> {
            throw new IllegalStateException("disposed");
        });
        table.reap();
        assertEquals(1, table.reap());
        assertEquals(0, table.count());
    }

    @Test
    public void aSessionThatClosesBetweenTwoSweepsIsNotCountedAsLost() {
        SessionTable table = new SessionTable();
        LiveSession s = table.open(CLIENT, SERVER, () -> { }, () -> false);
        assertEquals(0, table.reap());
        table.closed(s);
        assertEquals(0, table.reap());
        assertEquals(0, table.count());
    }

    @Test
    public void aClosedSessionIsNotReapedTwice() {
        SessionTable table = new SessionTable();
        LiveSession s = table.open(CLIENT, SERVER, () -> { }, () -> false);
        table.closed(s);
        assertEquals(0, table.reap());
    }
}
