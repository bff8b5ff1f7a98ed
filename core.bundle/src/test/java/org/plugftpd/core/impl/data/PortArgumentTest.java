package org.plugftpd.core.impl.data;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.Test;

public class PortArgumentTest {

    @Test
    public void portAndEprtGiveTheTarget() throws Exception {
        assertEquals(new InetSocketAddress("127.0.0.1", 2000), PortArgument.port("127,0,0,1,7,208"));
        assertEquals(new InetSocketAddress("127.0.0.1", 2000), PortArgument.extended("|1|127.0.0.1|2000|"));
        assertEquals(new InetSocketAddress("::1", 2000), PortArgument.extended("|2|::1|2000|"));
    }

    @Test
    public void badArgumentsGetPureFtpdsReplies() {
        refused(() -> PortArgument.port("127,0,0,1,7"), 501);
        refused(() -> PortArgument.port("256,0,0,1,7,208"), 501);
        refused(() -> PortArgument.port("0,0,0,0,7,208"), 501);
        refused(() -> PortArgument.port("127,0,0,1,0,0"), 501);
        refused(() -> PortArgument.port("a,b,c,d,e,f"), 501);
        refused(() -> PortArgument.extended("|3|1.2.3.4|2000|"), 522);
        refused(() -> PortArgument.extended("|1|1.2.3|2000|"), 501);
        refused(() -> PortArgument.extended("|2|example.org|2000|"), 501);
        refused(() -> PortArgument.extended("|1|127.0.0.1|70000|"), 501);
        refused(() -> PortArgument.extended("|1|127.0.0.1|2000"), 501);
    }

    @Test
    public void lowPortsAndOtherAddressesAreRefused() throws Exception {
        InetAddress client = InetAddress.getByName("127.0.0.1");
        assertEquals("501 Sorry, but I won't connect to ports < 1024\r\n",
                PortArgument.refusal(new InetSocketAddress("127.0.0.1", 80), client, true).toString());
        assertEquals("501 Sorry, but I won't connect to ports < 1024\r\n",
                PortArgument.refusal(new InetSocketAddress("127.0.0.1", 1023), client, false).toString());
        assertEquals("500 I won't open a connection to 10.0.0.9 (only to 127.0.0.1)\r\n",
                PortArgument.refusal(new InetSocketAddress("10.0.0.9", 2000), client, true).toString());
        assertNull(PortArgument.refusal(new InetSocketAddress("10.0.0.9", 2000), client, false));
        assertNull(PortArgument.refusal(new InetSocketAddress("127.0.0.1", 1024), client, true));
    }

    private interface Parse {
        InetSocketAddress run() throws DataUnavailableException;
    }

    private static void refused(Parse p, int code) {
        try {
            fail("accepted: " + p.run());
        } catch (DataUnavailableException e) {
            assertEquals(e.getMessage(), code, e.replyCode());
        }
    }
}
