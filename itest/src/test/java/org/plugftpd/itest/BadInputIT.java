package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.plugftpd.session.api.SessionRegistry;

/**
 * Hostile and broken input: a full disk, clients that vanish mid-transfer, malformed commands.
 * Each gets a proper reply or a clean close, and the server keeps serving everyone else.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BadInputIT extends FtpTestSupport {
    private int port;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
        if (installStandinOnce()) {
            addAccount("bob", "pw", "");
            Path big = root().resolve("home/bob/big.bin");
            try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 64L << 20);
            }
        }
    }

    @Test
    public void uploadOntoAFullDiskGets452AndLeavesNoFile() throws Exception {
        Path home = addAccount("fullbob", "pw", "");
        run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", home.toString());
        try {
            FTPClient ftp = login(port, "fullbob", "pw");
            try {
                OutputStream data = ftp.storeFileStream("huge.bin");
                try {
                    data.write(new byte[2 << 20]);
                    data.close();
                } catch (IOException expected) {
                    // the server drops the data connection as soon as the disk refuses
                    closeQuietly(data);
                }
                assertFalse(ftp.completePendingCommand());
                assertEquals(ftp.getReplyString(), 452, ftp.getReplyCode());
                assertTrue(ftp.getReplyString().contains("Error during write to file"));
                assertTrue(ftp.sendNoOp());
                try (Stream<Path> files = Files.list(home)) {
                    assertEquals(0, files.count());
                }
                assertTrue("a small file still fits", ftp.storeFile("small.txt",
                        new java.io.ByteArrayInputStream("ok".getBytes(StandardCharsets.UTF_8))));
            } finally {
                quietly(ftp);
            }
        } finally {
            run("umount", home.toString());
        }
    }

    @Test
    public void clientVanishingMidDownloadLeavesTheServerServing() throws Exception {
        SessionRegistry registry = registry();
        int before = registry.sessions().size();
        RawSession session = RawSession.login(port, "bob", "pw");
        Socket data = session.openData();
        assertTrue(session.command("RETR big.bin").startsWith("150"));
        assertTrue(data.getInputStream().read(new byte[65536]) > 0);
        // both connections die at once, without QUIT: resets, as from a crashed client
        data.setSoLinger(true, 0);
        session.control.setSoLinger(true, 0);
        data.close();
        session.close();
        assertTrue("the dead session leaves the scoreboard", eventually(() -> registry.sessions().size() <= before));
        FTPClient ftp = login(port, "bob", "pw");
        try {
            assertTrue(ftp.sendNoOp());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void malformedCommandsGetRepliesNotStackTraces() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readReply(in);
            send(out, "PASS nobody-asked");
            assertEquals("530 Please tell me who you are\n", readReply(in));
            send(out, "USER bob");
            readReply(in);
            send(out, "PASS pw");
            assertTrue(readReply(in).startsWith("230"));
            send(out, "RETR");
            assertTrue(readReply(in).startsWith("501"));
            send(out, "XYZZY");
            assertTrue(readReply(in).startsWith("502"));
            out.write("RETR a\u0000b\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            String nul = readReply(in);
            assertTrue(nul, nul.startsWith("5"));
            // not UTF-8 (0xff 0xfe would be Telnet's IAC DONT, which the server strips as RFC 959 says)
            out.write(new byte[] {'C', 'W', 'D', ' ', (byte) 0xc0, (byte) 0xfe, '\r', '\n'});
            out.flush();
            String garbage = readReply(in);
            assertTrue(garbage, garbage.startsWith("5"));
            assertFalse(garbage, garbage.contains("Exception"));
            send(out, "NOOP");
            assertTrue(readReply(in).startsWith("200"));
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // already broken
        }
    }

    private SessionRegistry registry() throws InterruptedException {
        return service(SessionRegistry.class);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(String.join(" ", command) + " did not finish", p.waitFor(30, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(String.join(" ", command) + ": " + output, 0, p.exitValue());
    }
}
