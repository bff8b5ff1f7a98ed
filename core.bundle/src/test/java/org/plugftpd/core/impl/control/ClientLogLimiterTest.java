package org.plugftpd.core.impl.control;

import static org.junit.Assert.assertEquals;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class ClientLogLimiterTest {
    private final AtomicLong now = new AtomicLong();
    private final ClientLogLimiter limiter = new ClientLogLimiter(3, now::get);

    @Test
    public void aClientGetsItsWarningsPerMinuteThenSilence() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        assertEquals(0, limiter.admit(a));
        assertEquals(0, limiter.admit(a));
        assertEquals(1, limiter.admit(a));
        assertEquals(2, limiter.admit(a));
        assertEquals(2, limiter.admit(a));
        now.addAndGet(61_000_000_000L);
        assertEquals(0, limiter.admit(a));
    }

    @Test
    public void clientsAreCountedApart() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        for (int i = 0; i < 5; i++) {
            limiter.admit(a);
        }
        assertEquals(0, limiter.admit(b));
    }
}
