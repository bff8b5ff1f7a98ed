package org.plugftpd.altlog.format;

import static org.junit.Assert.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.Test;

public class HostNamesTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    public void ipv4IsDotted() throws Exception {
        assertEquals("127.0.0.1", HostNames.forLog(ip("127.0.0.1")));
        assertEquals("192.0.2.7", HostNames.forLog(new InetSocketAddress(ip("192.0.2.7"), 2121)));
    }

    @Test
    public void ipv4MappedIpv6IsShownAsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 7};
        assertEquals("192.0.2.7", HostNames.forLog(Inet6Address.getByAddress(null, mapped, -1)));
        assertEquals("192.0.2.7", HostNames.forLog(ip("::ffff:192.0.2.7")));
    }

    @Test
    public void ipv6IsCompressedLikeGetnameinfo() throws Exception {
        assertEquals("::1", HostNames.forLog(ip("::1")));
        assertEquals("2001:db8::1:0:0:1", HostNames.forLog(ip("2001:db8:0:0:1:0:0:1")));
        assertEquals("1:0:0:2::3", HostNames.forLog(ip("1:0:0:2:0:0:0:3")));
        assertEquals("2001:db8::", HostNames.forLog(ip("2001:DB8::")));
        assertEquals("2001:db8:0:1:1:1:1:1", HostNames.forLog(ip("2001:db8:0:1:1:1:1:1")));
        assertEquals("::", HostNames.forLog(ip("::")));
    }

    @Test
    public void ipv6ScopeIsKeptWithItsPercentSanitised() throws Exception {
        byte[] linkLocal = ip("fe80::1").getAddress();
        assertEquals("fe80::1_3", HostNames.forLog(Inet6Address.getByAddress(null, linkLocal, 3)));
    }

    @Test
    public void namesKeepOnlyLettersDigitsDotDashColon() {
        assertEquals("ftp-1.example.com", HostNames.forLog("ftp-1.example.com"));
        // each UTF-8 byte of "ü" is replaced on its own, as Pure-FTPd works on bytes
        assertEquals("bad_host____x", HostNames.forLog("bad host_ü\nx"));
        assertEquals("a_b", HostNames.forLog("a%b"));
    }

    @Test
    public void emptyOrMissingHostIsDash() {
        assertEquals("-", HostNames.forLog(""));
        assertEquals("-", HostNames.forLog((String) null));
        assertEquals("-", HostNames.forLog((InetAddress) null));
        assertEquals("-", HostNames.forLog((InetSocketAddress) null));
        assertEquals("some_name", HostNames.forLog(InetSocketAddress.createUnresolved("some name", 21)));
    }
}
