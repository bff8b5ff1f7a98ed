package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The server-wide connection limits (spec/server-behaviour.md §2): a connection over the limit gets
 * the 421 line at once and is closed; the sessions already there carry on. Each test configures the
 * limits it needs and waits until they are live.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConnectionLimitsIT extends FtpTestSupport {

    @Test
    public void thirdConnectionToAServerOfTwoClientsGets421AndIsClosed() throws Exception {
        int port = configureServer(Map.of("maxClients", "2"));
        List<FTPClient> open = new ArrayList<>();
        try {
            open.add(login(port, "anonymous", "a@example.org"));
            open.add(connect(port));
            String[] third = refusedConnection(port);
            assertEquals("421 2 users (the maximum) are already logged in, sorry\n", third[0]);
            assertEquals("connection closed after the 421", "", third[1]);
            assertTrue(open.get(0).sendNoOp());
            assertTrue(open.get(0).printWorkingDirectory() != null);
            assertTrue(open.get(1).login("ftp", "x"));
            assertTrue(open.get(1).sendNoOp());
        } finally {
            open.forEach(FtpTestSupport::quietly);
        }
    }

    @Test
    public void aFreedSlotIsAvailableToTheNextConnection() throws Exception {
        int port = configureServer(Map.of("maxClients", "1"));
        FTPClient first = login(port, "ftp", "x");
        try {
            assertEquals("421 1 users (the maximum) are already logged in, sorry\n", refusedConnection(port)[0]);
        } finally {
            quietly(first);
        }
        awaitNoSessions();
        FTPClient next = login(port, "ftp", "x");
        quietly(next);
    }

    @Test
    public void secondConnectionFromOneAddressLimitedToOneGets421() throws Exception {
        int port = configureServer(Map.of("maxClientsPerIp", "1"));
        FTPClient first = login(port, "ftp", "x");
        try {
            String[] second = refusedConnection(port);
            assertEquals("421 Too many connections (1) from this IP\n", second[0]);
            assertEquals("connection closed after the 421", "", second[1]);
            assertTrue(first.sendNoOp());
        } finally {
            quietly(first);
        }
    }

    @Test
    public void withoutLimitsSeveralConnectionsFromOneAddressAreServed() throws Exception {
        int port = configureServer(Map.of());
        List<FTPClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(login(port, "ftp", "x"));
            }
            for (FTPClient ftp : open) {
                assertTrue(ftp.sendNoOp());
            }
        } finally {
            open.forEach(FtpTestSupport::quietly);
        }
    }

    /** Opens a connection and reads the first reply and what follows it (empty: closed). */
    private static String[] refusedConnection(int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            return new String[] {readReply(in), readReply(in)};
        }
    }
}
