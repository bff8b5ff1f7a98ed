package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** PASV/EPSV/PORT/EPRT as a client sees them: Pure-FTPd's replies, ports that cannot run out or be stolen. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DataConnectionsIT extends FtpTestSupport {
    private static final String HELLO = "hello from the anonymous area\n";
    private int port;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
    }

    @Test
    public void fiveHundredPasvWithoutConnectingLeaveNoListenerAndATransferStillWorks() throws Exception {
        Set<Integer> before = ListeningPorts.of("self");
        int acceptingBefore = threadsInAccept();
        try (RawSession s = RawSession.login(port, "ftp", "x")) {
            int last = 0;
            for (int i = 0; i < 500; i++) {
                String reply = s.command(i % 2 == 0 ? "PASV" : "EPSV");
                assertTrue(reply, reply.startsWith(i % 2 == 0 ? "227 " : "229 "));
                last = i % 2 == 0 ? pasvPort(reply) : epsvPort(reply);
            }
            Set<Integer> now = ListeningPorts.of("self");
            now.removeAll(before);
            // each PASV closed the one before: only the last one listens
            assertEquals(Set.of(last), now);
            assertEquals(acceptingBefore, threadsInAccept());
            try (Socket data = s.openData()) {
                assertEquals("150", s.command("RETR hello.txt").substring(0, 3));
                assertEquals(HELLO, new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            assertTrue(readReply(s.in).startsWith("226"));
        }
        Set<Integer> after = ListeningPorts.of("self");
        after.removeAll(before);
        assertEquals(Set.of(), after);
    }

    @Test
    public void dataConnectionFromAnotherAddressIsRefusedAndTheClientStillGetsItsFile() throws Exception {
        try (RawSession s = RawSession.login(port, "ftp", "x")) {
            int dataPort = epsvPort(s.command("EPSV"));
            try (Socket intruder = new Socket()) {
                intruder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                intruder.connect(new InetSocketAddress("127.0.0.1", dataPort), 5000);
                intruder.setSoTimeout(15_000);
                try (Socket data = new Socket()) {
                    data.connect(new InetSocketAddress("127.0.0.1", dataPort), 5000);
                    assertEquals("150", s.command("RETR hello.txt").substring(0, 3));
                    assertEquals(HELLO, new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                }
                assertTrue(readReply(s.in).startsWith("226"));
                assertEquals("the intruder got nothing", -1, readOrEnd(intruder.getInputStream()));
            }
        }
    }

    @Test
    public void secondConnectionToAPassivePortIsRefused() throws Exception {
        try (RawSession s = RawSession.login(port, "ftp", "x")) {
            int dataPort = epsvPort(s.command("EPSV"));
            try (Socket data = new Socket()) {
                data.connect(new InetSocketAddress("127.0.0.1", dataPort), 5000);
                assertEquals("150", s.command("RETR hello.txt").substring(0, 3));
                assertEquals(HELLO, new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            assertTrue(readReply(s.in).startsWith("226"));
            try (Socket second = new Socket()) {
                second.connect(new InetSocketAddress("127.0.0.1", dataPort), 5000);
                fail("a second connection to port " + dataPort + " was accepted");
            } catch (ConnectException expected) {
                // the listener closed when the first connection was taken
            }
        }
    }

    @Test
    public void portBelow1024AndToAnotherAddressAreRefusedWithPureFtpdsText() throws Exception {
        try (RawSession s = RawSession.login(port, "ftp", "x")) {
            assertEquals("501 Sorry, but I won't connect to ports < 1024\n", s.command("PORT 127,0,0,1,0,80"));
            assertEquals("501 Sorry, but I won't connect to ports < 1024\n", s.command("EPRT |1|127.0.0.1|80|"));
            assertEquals("500 I won't open a connection to 10.1.2.3 (only to 127.0.0.1)\n",
                    s.command("PORT 10,1,2,3,200,10"));
            assertEquals("501 Syntax error in IP address\n", s.command("PORT 127,0,0,1,300"));
            assertEquals("522 Only IPv4 and IPv6 are supported (1,2)\n", s.command("EPRT |3|x|2000|"));
        }
    }

    @Test
    public void activeModeDownloadConnectsBackToTheClient() throws Exception {
        try (RawSession s = RawSession.login(port, "ftp", "x");
                ServerSocket mine = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            mine.setSoTimeout(15_000);
            int p = mine.getLocalPort();
            assertEquals("200 PORT command successful\n", s.command("PORT 127,0,0,1," + (p >> 8) + "," + (p & 255)));
            send(s.out, "RETR hello.txt");
            try (Socket data = mine.accept()) {
                assertEquals(HELLO, new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            String replies = readReply(s.in);
            if (replies.startsWith("150")) {
                replies = readReply(s.in);
            }
            assertTrue(replies, replies.startsWith("226"));
        }
    }

    @Test
    public void pasvRepliesLikePureFtpdAndAPassivePortNobodyUsesIsReclaimed() throws Exception {
        port = configureServer(Map.of("dataTimeout", "1"));
        try {
            Set<Integer> before = ListeningPorts.of("self");
            try (RawSession s = RawSession.login(port, "ftp", "x")) {
                String reply = s.command("PASV");
                assertTrue(reply, reply.matches("227 Entering Passive Mode \\(127,0,0,1,\\d+,\\d+\\)\n"));
                int dataPort = pasvPort(reply);
                assertTrue(ListeningPorts.of("self").contains(dataPort));
                assertTrue("port " + dataPort + " still listens after the data timeout",
                        eventually(() -> !listening(dataPort)));
                assertTrue(ListeningPorts.of("self").containsAll(before));
                assertTrue(s.command("NOOP").startsWith("200"));
            }
        } finally {
            configureServer(Map.of());
        }
    }

    private static boolean listening(int p) {
        try {
            return ListeningPorts.of("self").contains(p);
        } catch (IOException e) {
            return true;
        }
    }

    private static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            // reset: refused as well
            return -1;
        }
    }

    /** Threads blocked accepting a connection (a PASV must not hold one). */
    private static int threadsInAccept() {
        int n = 0;
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (StackTraceElement e : stack) {
                if (e.getMethodName().equals("accept") || e.getMethodName().equals("blockingAccept")) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private static int epsvPort(String reply) {
        return Integer.parseInt(reply.replaceAll("(?s).*\\(\\|\\|\\|(\\d+)\\|\\).*", "$1"));
    }

    private static int pasvPort(String reply) {
        String[] f = reply.replaceAll("(?s).*\\((.*)\\).*", "$1").split(",");
        return Integer.parseInt(f[4].trim()) * 256 + Integer.parseInt(f[5].trim());
    }
}
