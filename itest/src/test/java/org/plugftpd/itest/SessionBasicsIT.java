package org.plugftpd.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** Login, listing, upload, download, the jail and bad input, through a real FTP client. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SessionBasicsIT extends FtpTestSupport {
    private int port;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
        if (installStandinOnce()) {
            addAccount("alice", "secret", "");
        }
    }

    @Test
    public void greetingAndAnonymousListingOfThePublicArea() throws Exception {
        FTPClient ftp = connect(port);
        try {
            assertTrue(ftp.getReplyString(), ftp.getReplyString().startsWith("220---------- Welcome to plugftpd"));
            assertTrue(ftp.login("anonymous", "me@example.org"));
            assertEquals("/", ftp.printWorkingDirectory());
            assertArrayEquals(new String[] {"hello.txt"}, ftp.listNames());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertTrue(ftp.retrieveFile("hello.txt", out));
            assertEquals("hello from the anonymous area\n", out.toString(StandardCharsets.UTF_8));
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void anonymousUploadGets553AndLeavesNothing() throws Exception {
        FTPClient ftp = login(port, "ftp", "x");
        try {
            assertFalse(ftp.storeFile("new.txt", new ByteArrayInputStream(new byte[10])));
            assertEquals(553, ftp.getReplyCode());
            assertFalse(ftp.makeDirectory("newdir"));
            assertFalse(ftp.deleteFile("hello.txt"));
        } finally {
            quietly(ftp);
        }
        assertFalse(Files.exists(root().resolve("data/pub/new.txt")));
        assertTrue(Files.exists(root().resolve("data/pub/hello.txt")));
    }

    @Test
    public void virtualUserUploadsAndDownloadsInsideItsHome() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        FTPClient ftp = connect(port);
        try {
            assertTrue(ftp.login("alice", "secret"));
            assertEquals("230 OK. Current directory is /", ftp.getReplyString().trim());
            ftp.setFileType(org.apache.commons.net.ftp.FTP.BINARY_FILE_TYPE);
            assertTrue(ftp.storeFile("data.bin", new ByteArrayInputStream(data)));
            assertTrue(ftp.getReplyString(), ftp.getReplyString().startsWith("226-File successfully transferred"));
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertTrue(ftp.retrieveFile("data.bin", back));
            assertArrayEquals(data, back.toByteArray());
            assertTrue(ftp.makeDirectory("sub"));
            assertEquals("257 \"sub\" : The directory was successfully created", ftp.getReplyString().trim());
            assertTrue(ftp.changeWorkingDirectory("sub"));
            assertEquals("250 OK. Current directory is /sub", ftp.getReplyString().trim());
            assertEquals("/sub", ftp.printWorkingDirectory());
            assertEquals("257 \"/sub\" is your current location", ftp.getReplyString().trim());
            assertFalse(ftp.changeWorkingDirectory("/nonexistent"));
            assertEquals("550 Can't change directory to /nonexistent: No such file or directory",
                    ftp.getReplyString().trim());
            assertTrue(ftp.logout());
            assertTrue(ftp.getReplyString(), ftp.getReplyString().startsWith("221-Goodbye. You uploaded 1024 and downloaded 1024 kbytes."));
        } finally {
            quietly(ftp);
        }
        assertArrayEquals(data, Files.readAllBytes(root().resolve("home/alice/data.bin")));
        assertTrue(Files.isDirectory(root().resolve("home/alice/sub")));
    }

    @Test
    public void wrongPasswordGets530() throws Exception {
        FTPClient ftp = connect(port);
        try {
            assertFalse(ftp.login("alice", "wrong"));
            assertEquals("530 Login authentication failed", ftp.getReplyString().trim());
            assertFalse(ftp.login("nobody", "x"));
            assertEquals(530, ftp.getReplyCode());
            assertTrue(ftp.login("alice", "secret"));
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void noPathLeavesTheHome() throws Exception {
        Path outside = root().resolve("home/secret.txt");
        Files.write(outside, "not yours".getBytes(StandardCharsets.UTF_8));
        Path link = root().resolve("home/alice/link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside);
        FTPClient ftp = login(port, "alice", "secret");
        try {
            for (String name : new String[] {"../secret.txt", "/../secret.txt", "../../home/secret.txt", "link",
                "%2e%2e/secret.txt", "..\\secret.txt", root().resolve("home/secret.txt").toString()}) {
                assertFalse(name, ftp.retrieveFile(name, new ByteArrayOutputStream()));
                assertEquals(name, 550, ftp.getReplyCode());
            }
            assertFalse(ftp.storeFile("../escaped.txt", new ByteArrayInputStream(new byte[1])) && Files.exists(root().resolve("home/escaped.txt")));
            assertTrue(ftp.changeWorkingDirectory("/../.."));
            assertEquals("/", ftp.printWorkingDirectory());
            String[] names = ftp.listNames("..");
            for (String n : names == null ? new String[0] : names) {
                assertFalse(n, n.contains("secret"));
            }
            assertFalse(ftp.deleteFile("../secret.txt"));
            assertFalse(ftp.rename("data.bin", "../stolen.bin"));
        } finally {
            quietly(ftp);
        }
        assertTrue(Files.exists(outside));
        assertFalse(Files.exists(root().resolve("home/escaped.txt")));
        assertFalse(Files.exists(root().resolve("home/stolen.bin")));
    }

    @Test
    public void namesWithControlBytesAreRefusedAndTheServerCarriesOn() throws Exception {
        FTPClient ftp = login(port, "alice", "secret");
        try {
            assertFalse(ftp.storeFile("bad\u0001name", new ByteArrayInputStream(new byte[3])));
            assertEquals(553, ftp.getReplyCode());
            assertTrue(ftp.sendNoOp());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void overLongCommandLineGetsAReplyAndACleanClose() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            readReply(in);
            OutputStream out = s.getOutputStream();
            out.write(("USER " + "A".repeat(20_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = readReply(in);
            assertTrue(reply, reply.isEmpty() || reply.startsWith("500") || reply.startsWith("331"));
        }
        FTPClient other = login(port, "anonymous", "x");
        assertTrue(other.sendNoOp());
        quietly(other);
    }

    @Test
    public void uploadCutOffMidwayLeavesNoFileThatLooksComplete() throws Exception {
        try (RawSession session = RawSession.login(port, "alice", "secret")) {
            try (Socket data = session.openData()) {
                assertTrue(session.command("STOR cut.bin").startsWith("150"));
                data.getOutputStream().write(new byte[256 * 1024]);
                data.getOutputStream().flush();
                // an RST, not a FIN: the server must see a broken transfer, not an end of file
                data.setSoLinger(true, 0);
            }
            String reply = readReply(session.in);
            assertTrue(reply, reply.startsWith("451") || reply.startsWith("426"));
        }
        Path home = root().resolve("home/alice");
        assertFalse(Files.exists(home.resolve("cut.bin")));
        try (Stream<Path> files = Files.list(home)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".pureftpd-upload.")));
        }
    }

    @Test
    public void loginsDuringAnAuthenticatorGapGetACleanRefusal() throws Exception {
        Bundle standin = Stream.of(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.plugftpd.itest.standin")).findFirst().orElseThrow();
        standin.stop();
        try {
            FTPClient ftp = connect(port);
            try {
                assertFalse(ftp.login("alice", "secret"));
                assertEquals(530, ftp.getReplyCode());
            } finally {
                quietly(ftp);
            }
        } finally {
            standin.start();
        }
        FTPClient ftp = login(port, "alice", "secret");
        quietly(ftp);
    }

    @Test
    public void theServerListensOnItsConfiguredPortOnly() throws Exception {
        java.util.Set<Integer> ports = ListeningPorts.of("self");
        assertTrue(ports.toString(), ports.contains(port));
        // FtpServer's factory carries an implicit listener on port 21; it must never be bound
        assertFalse(ports.toString(), ports.contains(21));
    }
}
