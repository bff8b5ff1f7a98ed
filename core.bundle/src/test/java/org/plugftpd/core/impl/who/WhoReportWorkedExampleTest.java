package org.plugftpd.core.impl.who;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.junit.Test;
import org.plugftpd.session.api.SessionInfo;
import org.plugftpd.session.api.SessionInfo.State;

/** The worked example of spec/ftpwho.md §5, run with {@code -H} as the spec does. */
public class WhoReportWorkedExampleTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final String SEPARATOR =
            "+------+---------+-------+------+-------------------------------------------+\n";

    /** A resolver that must not be asked: -H means no reverse DNS at all. */
    private static final Function<InetAddress, String> NO_DNS_ALLOWED = address -> {
        throw new AssertionError("reverse DNS asked for " + address + " despite -H");
    };

    @Test
    public void defaultTable() {
        assertEquals("\n"
                + SEPARATOR
                + "| PID  |  Login  |For/Spd| What |                 File/IP                   |\n"
                + SEPARATOR
                + "|12978 | joe|x   | 01:02 |  DL  | big file<&>.iso                           |\n"
                + "|  ''  |    ''   | 512K/s|  50% | ->                              192.0.2.7 |\n"
                + SEPARATOR
                + "\n", render("-H"));
    }

    @Test
    public void verboseTableAddsSizesAndLocalAddress() {
        assertEquals("\n"
                + SEPARATOR
                + "| PID  |  Login  |For/Spd| What |     File/Remote IP/Size(Kb)/Local IP      |\n"
                + SEPARATOR
                + "|12978 | joe|x   | 01:02 |  DL  | big file<&>.iso                           |\n"
                + "|  ''  |    ''   | 512K/s|  50% | ->                              192.0.2.7 |\n"
                + "|  ''  |    ''   |       |      | Total size:    10240 Transferred:     5120 |\n"
                + "|  ''  |    ''   |       |      | <-                     198.51.100.1:21    |\n"
                + SEPARATOR
                + "\n", render("-H", "-v"));
    }

    @Test
    public void shellLine() {
        assertEquals("12978|joe\\|x|3725| DL |big file<&>.iso|192.0.2.7|198.51.100.1|21|5120|10240|50|512\n",
                render("-H", "-s"));
    }

    @Test
    public void xmlDocument() {
        assertEquals("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n"
                + "<status>\n"
                + "  <client pid=\"12978\" account=\"joe|x\" time=\"3725\" state=\" DL \""
                + " file=\"big file&lt;&amp;&gt;.iso\" host=\"192.0.2.7\" localhost=\"198.51.100.1\""
                + " localport=\"21\" resume=\"0\" current_size=\"5242880\" total_size=\"10485760\""
                + " percentage=\"50\" bandwidth=\"524288\" />\n"
                + "</status>\n", render("-H", "-x"));
    }

    @Test
    public void htmlRowEscapesTheFileName() {
        String html = render("-H", "-W");
        assertTrue(html.contains("    <td>big file&lt;&amp;&gt;.iso</td>\n"));
        assertTrue(html.contains("    <td>joe|x</td>\n    <td>01:02</td>\n    <td> DL </td>\n"));
        assertTrue(html.contains("    <td>5120/10240 (50% - 512 KB/s)</td>\n"));
        assertTrue(html.contains("    <td>198.51.100.1:21</td>\n   </tr>\n"));
    }

    private static String render(String... args) {
        return WhoReport.render(example(), NOW, WhoOptions.parse(args), NO_DNS_ALLOWED);
    }

    private static List<SessionInfo> example() {
        SessionInfo joe = new SessionInfo(12978, "joe|x", address("192.0.2.7", 50000), address("198.51.100.1", 21),
                State.DOWNLOAD, "big file<&>.iso", 0, 10485760, 5242880, NOW.minusSeconds(3725),
                NOW.minusSeconds(10), false);
        return Collections.singletonList(joe);
    }

    static InetSocketAddress address(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }
}
