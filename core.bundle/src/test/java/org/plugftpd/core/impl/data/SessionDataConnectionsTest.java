package org.plugftpd.core.impl.data;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.mina.core.session.DummySession;
import org.junit.After;
import org.junit.Test;

public class SessionDataConnectionsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private DataPolicy policy = new DataPolicy(true, 10_000, 1 << 20);
    private final DataConnections engine = new DataConnections(() -> policy);

    @After
    public void tearDown() {
        engine.close();
    }

    private SessionDataConnections session(String passivePorts) {
        DummySession mina = new DummySession();
        mina.setRemoteAddress(new InetSocketAddress(LOOPBACK, 40000));
        mina.setLocalAddress(new InetSocketAddress(LOOPBACK, 21));
        FtpIoSession session = new FtpIoSession(mina, null);
        session.setDataType(org.apache.ftpserver.ftplet.DataType.BINARY);
        return new SessionDataConnections(session,
                (DataListenerConfiguration) engine.forListener(passivePorts, ""));
    }

    @Test
    public void plainBinaryDownloadGoesThroughTheChannelWithNagleOff() throws Exception {
        SessionDataConnections data = session("");
        InetSocketAddress at = data.openPassive();
        byte[] content = new byte[300_000];
        new Random(1).nextBytes(content);
        Path file = Files.createTempFile("plugftpd-data", ".bin");
        try (Socket client = new Socket()) {
            Files.write(file, content);
            client.connect(at, 5000);
            PlainDataConnection c = data.openConnection();
            assertTrue(c.channel().isBlocking());
            assertTrue(c.channel().getOption(StandardSocketOptions.TCP_NODELAY));
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(client));
            try (FileChannel f = FileChannel.open(file, StandardOpenOption.READ)) {
                long done = 0;
                while (done < content.length) {
                    done += f.transferTo(done, content.length - done, c.channel());
                }
            }
            data.closeDataConnection();
            assertArrayEquals(content, received.get(20, TimeUnit.SECONDS));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    public void plainBinaryUploadGoesThroughTheChannel() throws Exception {
        SessionDataConnections data = session("");
        InetSocketAddress at = data.openPassive();
        Path file = Files.createTempFile("plugftpd-data", ".bin");
        try (Socket client = new Socket()) {
            client.connect(at, 5000);
            PlainDataConnection c = data.openConnection();
            client.getOutputStream().write("uploaded bytes".getBytes());
            client.shutdownOutput();
            try (FileChannel f = FileChannel.open(file, StandardOpenOption.WRITE)) {
                long n;
                long at0 = 0;
                while ((n = f.transferFrom(c.channel(), at0, 1 << 20)) > 0) {
                    at0 += n;
                }
            }
            assertEquals("uploaded bytes", Files.readString(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    public void aConnectionFromAnotherAddressIsRefusedAndTheClientsIsTaken() throws Exception {
        SessionDataConnections data = session("");
        InetSocketAddress at = data.openPassive();
        try (Socket intruder = new Socket(); Socket client = new Socket()) {
            intruder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            intruder.connect(at, 5000);
            client.connect(at, 5000);
            PlainDataConnection c = data.openConnection();
            assertEquals(client.getLocalPort(), ((InetSocketAddress) c.channel().getRemoteAddress()).getPort());
            intruder.setSoTimeout(10_000);
            assertEquals(-1, readOrEnd(intruder.getInputStream()));
            try (Socket late = new Socket()) {
                late.connect(at, 5000);
                fail("the listener still accepts after its connection was taken");
            } catch (ConnectException expected) {
                // closed at once
            }
            assertEquals(0, engine.listening());
        }
    }

    @Test
    public void aNewPasvClosesThePreviousListener() throws Exception {
        SessionDataConnections data = session("");
        InetSocketAddress first = data.openPassive();
        data.openPassive();
        assertEquals(1, engine.listening());
        try (Socket s = new Socket()) {
            s.connect(first, 5000);
            fail("the first listener still accepts");
        } catch (ConnectException expected) {
            // closed
        }
        data.closeDataConnection();
        assertEquals(0, engine.listening());
        assertNull(data.getInetAddress());
    }

    @Test
    public void anExhaustedRangeGets425AtOnce() throws Exception {
        int free;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, LOOPBACK)) {
            free = probe.getLocalPort();
        }
        DataListenerConfiguration config = (DataListenerConfiguration) engine.forListener(String.valueOf(free), "");
        SessionDataConnections one = session("");
        SessionDataConnections a = new SessionDataConnections(sessionOf(one), config);
        SessionDataConnections b = new SessionDataConnections(sessionOf(one), config);
        a.openPassive();
        try {
            b.openPassive();
            fail("a second listener on a one-port range");
        } catch (DataUnavailableException e) {
            assertEquals("All reserved TCP ports are busy", e.replyText());
            assertEquals(425, e.replyCode());
        }
        a.closeDataConnection();
        assertEquals(free, b.openPassive().getPort());
        b.closeDataConnection();
    }

    @Test
    public void aListenerNobodyAsksForIsReclaimedAfterTheTimeout() throws Exception {
        policy = new DataPolicy(true, 200, 0);
        SessionDataConnections data = session("");
        data.openPassive();
        assertEquals(1, engine.listening());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (engine.listening() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, engine.listening());
        assertNull(data.getInetAddress());
        try {
            data.openConnection();
            fail("a reclaimed listener gave a connection");
        } catch (DataUnavailableException e) {
            assertEquals("No data connection", e.replyText());
        }
    }

    @Test
    public void closingFromAnotherThreadEndsABlockedUploadAndAWaitingAccept() throws Exception {
        SessionDataConnections data = session("");
        InetSocketAddress at = data.openPassive();
        try (Socket client = new Socket()) {
            client.connect(at, 5000);
            PlainDataConnection c = data.openConnection();
            CompletableFuture<Throwable> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    c.transferFromClient(null, new ByteArrayOutputStream());
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            // a client that sends nothing: only the close (ABOR) ends the read
            Thread.sleep(100);
            assertFalse(upload.isDone());
            data.closeDataConnection();
            assertTrue(upload.get(10, TimeUnit.SECONDS) instanceof IOException);
        }
        data.openPassive();
        CompletableFuture<Throwable> accept = CompletableFuture.supplyAsync(() -> {
            try {
                data.openConnection();
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accept.isDone() && System.nanoTime() < end) {
            data.closeDataConnection();
            Thread.sleep(20);
        }
        assertTrue(accept.get(10, TimeUnit.SECONDS) instanceof DataUnavailableException);
    }

    @Test
    public void activeModeConnectsToTheTargetAndReportsARefusalLikePureFtpd() throws Exception {
        SessionDataConnections data = session("");
        try (java.net.ServerSocket client = new java.net.ServerSocket(0, 1, LOOPBACK)) {
            data.initActiveDataConnection(new InetSocketAddress(LOOPBACK, client.getLocalPort()));
            PlainDataConnection c = data.openConnection();
            try (Socket accepted = client.accept()) {
                assertTrue(c.channel().getOption(StandardSocketOptions.TCP_NODELAY));
                c.transferToClient(null, "listing\r\n");
                assertEquals("listing\r\n", new String(readAll(accepted)));
            }
        }
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, LOOPBACK)) {
            closed = probe.getLocalPort();
        }
        data.initActiveDataConnection(new InetSocketAddress(LOOPBACK, closed));
        try {
            data.openConnection();
            fail("connected to a closed port");
        } catch (DataUnavailableException e) {
            assertEquals("Could not open data connection to port " + closed + ": Connection refused", e.replyText());
        }
    }

    private static FtpIoSession sessionOf(SessionDataConnections any) {
        DummySession mina = new DummySession();
        mina.setRemoteAddress(new InetSocketAddress(LOOPBACK, 40000));
        mina.setLocalAddress(new InetSocketAddress(LOOPBACK, 21));
        return new FtpIoSession(mina, null);
    }

    private static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            return -1;
        }
    }

    private static byte[] readAll(Socket s) {
        try {
            return s.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
