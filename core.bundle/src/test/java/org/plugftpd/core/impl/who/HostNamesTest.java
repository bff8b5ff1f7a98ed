package org.plugftpd.core.impl.who;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.Test;

/** Numeric host text as getnameinfo(NI_NUMERICHOST) writes it. */
public class HostNamesTest {

    @Test
    public void ipv4IsDottedQuad() throws UnknownHostException {
        assertEquals("192.0.2.7", HostNames.numeric(InetAddress.getByName("192.0.2.7")));
    }

    @Test
    public void ipv6IsCompressedLowercase() throws UnknownHostException {
        assertEquals("::1", HostNames.numeric(InetAddress.getByName("0:0:0:0:0:0:0:1")));
        assertEquals("::", HostNames.numeric(InetAddress.getByName("0:0:0:0:0:0:0:0")));
        assertEquals("2001:db8::1:0:0:1", HostNames.numeric(InetAddress.getByName("2001:DB8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", HostNames.numeric(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:db8::", HostNames.numeric(InetAddress.getByName("2001:db8::")));
        assertEquals("fe80::1%3", HostNames.numeric(Inet6Address.getByAddress(null,
                InetAddress.getByName("fe80::1").getAddress(), 3)));
    }

    @Test
    public void ipv4MappedAndCompatibleKeepADottedTail() throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[15] = 7;
        // Inet6Address.getByAddress keeps the IPv6 form; InetAddress.getByAddress would make it IPv4.
        assertEquals("::ffff:192.0.0.7", HostNames.numeric(Inet6Address.getByAddress(null, mapped, 0)));
        mapped[10] = 0;
        mapped[11] = 0;
        assertEquals("::192.0.0.7", HostNames.numeric(Inet6Address.getByAddress(null, mapped, 0)));
    }

    @Test
    public void resolverIsSkippedForNumericAndFallsBackWhenItHasNoName() throws UnknownHostException {
        InetAddress address = InetAddress.getByName("192.0.2.7");
        assertEquals("192.0.2.7", HostNames.hostText(address, true, a -> "named"));
        assertEquals("named", HostNames.hostText(address, false, a -> "named"));
        assertEquals("192.0.2.7", HostNames.hostText(address, false, a -> ""));
        assertEquals("192.0.2.7", HostNames.hostText(address, false, a -> null));
    }

    @Test
    public void eachAddressIsResolvedOncePerReport() throws UnknownHostException {
        AtomicInteger calls = new AtomicInteger();
        Function<InetAddress, String> once = HostNames.oncePerAddress(a -> {
            calls.incrementAndGet();
            return null;
        });
        InetAddress address = InetAddress.getByName("192.0.2.7");
        assertNull(once.apply(address));
        assertNull(once.apply(address));
        assertEquals(1, calls.get());
    }
}
