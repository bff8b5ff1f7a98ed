package org.plugftpd.defender.net;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;

import org.junit.Test;

public class AddressBlockTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    public void ipv4BlocksHoldTheirAddressesOnly() throws Exception {
        AddressBlock b = AddressBlock.parse("192.0.2.0/24");
        assertTrue(b.contains(ip("192.0.2.0")));
        assertTrue(b.contains(ip("192.0.2.255")));
        assertFalse(b.contains(ip("192.0.3.0")));
        assertFalse(b.contains(ip("192.0.1.255")));
        assertEquals("192.0.2.0/24", b.toString());
    }

    @Test
    public void edgePrefixesOfIpv4() throws Exception {
        assertTrue(AddressBlock.parse("0.0.0.0/0").contains(ip("255.255.255.255")));
        AddressBlock one = AddressBlock.parse("198.51.100.7/32");
        assertTrue(one.contains(ip("198.51.100.7")));
        assertFalse(one.contains(ip("198.51.100.6")));
        assertEquals("198.51.100.7", one.toString());
        AddressBlock pair = AddressBlock.parse("198.51.100.6/31");
        assertTrue(pair.contains(ip("198.51.100.7")));
        assertFalse(pair.contains(ip("198.51.100.8")));
        // a prefix that does not end on a byte boundary
        AddressBlock odd = AddressBlock.parse("10.64.0.0/10");
        assertTrue(odd.contains(ip("10.127.255.255")));
        assertFalse(odd.contains(ip("10.128.0.0")));
    }

    @Test
    public void hostBitsAfterThePrefixAreCleared() {
        assertEquals(AddressBlock.parse("10.0.0.0/8"), AddressBlock.parse("10.1.2.3/8"));
        assertEquals("10.0.0.0/8", AddressBlock.parse("10.1.2.3/8").toString());
    }

    @Test
    public void ipv6BlocksAndEdgePrefixes() throws Exception {
        AddressBlock b = AddressBlock.parse("2001:db8:1:2::/64");
        assertTrue(b.contains(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")));
        assertFalse(b.contains(ip("2001:db8:1:3::")));
        assertTrue(AddressBlock.parse("::/0").contains(ip("2001:db8::1")));
        AddressBlock one = AddressBlock.parse("2001:db8::7/128");
        assertTrue(one.contains(ip("2001:db8::7")));
        assertFalse(one.contains(ip("2001:db8::8")));
        assertTrue(AddressBlock.parse("2001:db8::/33").contains(ip("2001:db8:7fff::1")));
        assertFalse(AddressBlock.parse("2001:db8::/33").contains(ip("2001:db8:8000::1")));
    }

    @Test
    public void familiesNeverMatchEachOther() throws Exception {
        assertFalse(AddressBlock.parse("::/0").contains(ip("192.0.2.1")));
        assertFalse(AddressBlock.parse("0.0.0.0/0").contains(ip("2001:db8::1")));
    }

    @Test
    public void anIpv4MappedAddressIsItsIpv4Address() throws Exception {
        AddressBlock mapped = AddressBlock.parse("::ffff:192.0.2.1");
        assertEquals(AddressBlock.parse("192.0.2.1"), mapped);
        assertTrue(AddressBlock.parse("192.0.2.0/24").contains(
                InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 192, 0, 2, 1})));
    }

    @Test
    public void ipv6IsWrittenInItsShortForm() throws Exception {
        assertEquals("2001:db8::1", AddressBlock.of(ip("2001:0db8:0:0:0:0:0:1")).toString());
        assertEquals("2001:db8:0:1:1:1:1:1", AddressBlock.of(ip("2001:db8:0:1:1:1:1:1")).toString());
        assertEquals("2001:0:0:1::1", AddressBlock.of(ip("2001:0:0:1:0:0:0:1")).toString());
        assertEquals("::", AddressBlock.parse("::/0").toString().replace("/0", ""));
        assertEquals("2001:db8:1:2::/64", AddressBlock.of(ip("2001:db8:1:2:3:4:5:6"), 64).toString());
    }

    @Test
    public void coversTellsWhetherABlockLiesInside() {
        assertTrue(AddressBlock.parse("10.0.0.0/8").covers(AddressBlock.parse("10.2.0.0/16")));
        assertFalse(AddressBlock.parse("10.2.0.0/16").covers(AddressBlock.parse("10.0.0.0/8")));
        assertTrue(AddressBlock.parse("2001:db8::/64").covers(AddressBlock.parse("2001:db8::9")));
    }

    @Test
    public void badTextIsRefusedWithTheTextNamedAndNeverLookedUp() {
        for (String bad : new String[] {"", "example.com", "localhost", "1.2.3", "1.2.3.256", "1.2.3.4/33",
            "2001:db8::/129", "1.2.3.4/x", "2001:db8::1::2", "fe80::1%eth0", "1.2.3.4/"}) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class, () -> AddressBlock.parse(bad));
            assertTrue(e.getMessage(), bad.isEmpty() || e.getMessage().contains(bad));
        }
    }

    @Test
    public void listsTakeCommaOrBlankSeparatedEntries() throws Exception {
        AddressList l = AddressList.parse("127.0.0.1, 192.0.2.0/24", "2001:db8::/32", "");
        assertEquals(3, l.blocks().size());
        assertTrue(l.contains(ip("192.0.2.9")));
        assertTrue(l.contains(ip("2001:db8:ffff::1")));
        assertFalse(l.contains(ip("127.0.0.2")));
        assertTrue(AddressList.parse(new String[] {""}).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> AddressList.parse("127.0.0.1, nonsense"));
    }
}
