package org.plugftpd.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 11 findings 3, 4, 10 and the RNFR line of 12, through a real client: the jail holds
 * against renames made while an upload waits for its data connection, a hostile glob is cheap,
 * a crash's temporary upload is gone at the next login, RNFR of a missing file is refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JailHardeningIT extends FtpTestSupport {
    private static final String LONG_NAME = "a".repeat(35) + "Z";
    private int port;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
        if (installStandinOnce()) {
            Path racer = addAccount("racer", "secret", "");
            Files.createDirectory(racer.resolve("sub"));
            Files.createDirectory(racer.resolve("x"));
            // inside while it is in sub (racer/x); renamed to the top it would be home/x, outside
            Files.createSymbolicLink(racer.resolve("sub/up"), Paths.get("../x"));
            Files.createDirectories(root().resolve("home/x"));
            Files.createDirectories(root().resolve("outside"));
            Files.write(root().resolve("outside/victim"), "outside bytes".getBytes(StandardCharsets.UTF_8));
            Path globber = addAccount("globber", "secret", "");
            Files.write(globber.resolve(LONG_NAME), new byte[1]);
            Files.write(globber.resolve("b".repeat(36)), new byte[1]);
            addAccount("orphaned", "secret", "");
            Path lister = addAccount("capped", "secret", "");
            for (int i = 0; i < 5; i++) {
                Files.write(lister.resolve("f" + i), new byte[1]);
            }
            Path deep = Files.createDirectories(lister.resolve("t/u/v"));
            Files.write(deep.resolve("leaf"), new byte[1]);
            Files.createSymbolicLink(lister.resolve("t/loop"), Paths.get(".."));
        }
    }

    @Test
    public void renamesBetweenTheStorReplyAndItsDataConnectionWriteNothingOutsideTheHome() throws Exception {
        Path home = root().resolve("home/racer");
        try (RawSession uploader = RawSession.login(port, "racer", "secret")) {
            assertTrue(uploader.command("MKD d").startsWith("257"));
            int dataPort = passivePort(uploader);
            assertTrue(uploader.command("STOR d/x").startsWith("150"));
            FTPClient other = login(port, "racer", "secret");
            try {
                assertTrue(other.rename("d", "d_old"));
                assertFalse("a relative link renamed to where it leads out: " + other.getReplyString(),
                        other.rename("sub/up", "d"));
            } finally {
                quietly(other);
            }
            String reply = sendAndReply(uploader, dataPort, "pwned");
            assertTrue(reply, reply.startsWith("4") || reply.startsWith("5"));
        }
        assertFalse(Files.exists(root().resolve("home/x/x")));
        assertFalse(Files.exists(home.resolve("x/x")));
        assertTrue(Files.isSymbolicLink(home.resolve("sub/up")));
        assertEquals(0, Files.list(root().resolve("home/x")).count());
    }

    @Test
    public void aDirectorySwappedForALinkAfter150GetsAnErrorAndNoOutsideFileIsTouched() throws Exception {
        Path home = root().resolve("home/racer");
        Files.createDirectories(home.resolve("e"));
        Files.write(home.resolve("e/victim"), "inside".getBytes(StandardCharsets.UTF_8));
        try (RawSession uploader = RawSession.login(port, "racer", "secret")) {
            int storPort = passivePort(uploader);
            assertTrue(uploader.command("STOR e/new").startsWith("150"));
            // what an administrator's script (or anyone with a shell) does meanwhile
            Files.move(home.resolve("e"), home.resolve("e_old"));
            Files.createSymbolicLink(home.resolve("e"), root().resolve("outside"));
            String stor = sendAndReply(uploader, storPort, "pwned");
            assertTrue(stor, stor.startsWith("4") || stor.startsWith("5"));
            int appePort = passivePort(uploader);
            String appe = uploader.command("APPE e/victim");
            if (appe.startsWith("150")) {
                appe = sendAndReply(uploader, appePort, "pwned");
            }
            assertTrue(appe, appe.startsWith("4") || appe.startsWith("5"));
        } finally {
            Files.delete(home.resolve("e"));
            Files.move(home.resolve("e_old"), home.resolve("e"));
        }
        assertFalse(Files.exists(root().resolve("outside/new")));
        assertEquals("outside bytes", Files.readString(root().resolve("outside/victim")));
    }

    @Test
    public void theHostileGlobOfTheFindingIsAnsweredAndCorrect() throws Exception {
        FTPClient ftp = login(port, "globber", "secret");
        try {
            // 6.8 s on one name with ten pairs before, x2.6 per pair: thirty pairs would never end
            assertArrayEquals(new String[] {LONG_NAME}, ftp.listNames("*?".repeat(30) + "*Z"));
            assertEquals("226 1 matches total\r\n", ftp.getReplyString());
            assertArrayEquals(new String[] {LONG_NAME}, ftp.listNames("[a]*[!b]"));
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void aTemporaryUploadLeftByACrashIsGoneAtTheNextLogin() throws Exception {
        Path home = root().resolve("home/orphaned");
        Path orphan = Files.write(home.resolve(".pureftpd-upload.deadbeef"), new byte[1024]);
        // older than this server's start: what a kill -9 mid-upload leaves
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minusSeconds(3600)));
        FTPClient ftp = login(port, "orphaned", "secret");
        try {
            assertFalse(Files.exists(orphan, LinkOption.NOFOLLOW_LINKS));
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void rnfrOfAMissingFileIsRefusedWithPureFtpdsReply() throws Exception {
        FTPClient ftp = login(port, "globber", "secret");
        try {
            assertEquals(550, ftp.sendCommand("RNFR nonexistent"));
            assertEquals("550 Sorry, but that file doesn't exist\r\n", ftp.getReplyString());
            assertEquals(350, ftp.sendCommand("RNFR " + LONG_NAME));
            assertEquals("350 RNFR accepted - file exists, ready for destination\r\n", ftp.getReplyString());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void aListingStopsAtMaxListFilesAndSaysSo() throws Exception {
        int capped = configureServer(Map.of("maxListFiles", "3"));
        try {
            FTPClient ftp = login(capped, "capped", "secret");
            try {
                assertEquals(3, ftp.listNames().length);
                assertEquals("226 Output truncated to 3 matches\r\n", ftp.getReplyString());
            } finally {
                quietly(ftp);
            }
        } finally {
            port = configureServer(Map.of());
        }
    }

    @Test
    public void nlstDashRDescendsRealDirectoriesDownToMaxListDepth() throws Exception {
        int shallow = configureServer(Map.of("maxListDepth", "2"));
        try {
            FTPClient ftp = login(shallow, "capped", "secret");
            try {
                String[] names = java.util.Arrays.stream(ftp.listNames("-R t")).filter(n -> !n.isEmpty())
                        .toArray(String[]::new);
                // levels t and t/u; the header of t/u/v comes, its entries do not; the link is not descended
                assertArrayEquals(new String[] {"loop", "u", "t/u:", "v", "t/u/v:"}, names);
                assertEquals("226 3 matches total\r\n", ftp.getReplyString());
            } finally {
                quietly(ftp);
            }
        } finally {
            port = configureServer(Map.of());
        }
    }

    private static int passivePort(RawSession session) throws IOException {
        String epsv = session.command("EPSV");
        return Integer.parseInt(epsv.replaceAll("(?s).*\\(\\|\\|\\|(\\d+)\\|\\).*", "$1"));
    }

    /** Opens the data connection only now, sends {@code content}, closes it and reads the final reply. */
    private static String sendAndReply(RawSession session, int dataPort, String content) throws IOException {
        try (Socket data = new Socket()) {
            data.connect(new InetSocketAddress("127.0.0.1", dataPort), 5000);
            OutputStream out = data.getOutputStream();
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException refusedEarly) {
            // the server may have given up on the file before reading anything
        }
        return readReply(session.in);
    }
}
