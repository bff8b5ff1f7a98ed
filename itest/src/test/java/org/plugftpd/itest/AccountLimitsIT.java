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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The per-account limits of spec/passwd.md §2.2 as a client sees them: sessions per account,
 * client and server address rules, the time window, bandwidth and the ratio. Each test uses an
 * account of its own, so the order does not matter.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccountLimitsIT extends FtpTestSupport {
    private int port;

    @Before
    public void setUp() throws Exception {
        port = configureServer(Map.of());
        if (installStandinOnce()) {
        }
    }

    @Test
    public void thirdSessionOfAnAccountLimitedToTwoGets421() throws Exception {
        addAccount("twice", "pw", "maxSessions=2");
        List<FTPClient> open = new ArrayList<>();
        try {
            open.add(login(port, "twice", "pw"));
            open.add(login(port, "twice", "pw"));
            String[] third = loginRaw("twice", "pw");
            assertEquals("421 I can't accept more than 2 connections as the same user\n", third[0]);
            assertEquals("connection closed after the 421", "", third[1]);
            for (FTPClient ftp : open) {
                assertTrue(ftp.sendNoOp());
            }
        } finally {
            open.forEach(FtpTestSupport::quietly);
        }
    }

    @Test
    public void sessionOfAnAccountThatLoggedOutIsAvailableAgain() throws Exception {
        addAccount("onceagain", "pw", "maxSessions=1");
        FTPClient first = login(port, "onceagain", "pw");
        quietly(first);
        // the slot is free once the server has seen the close
        assertTrue(eventually(() -> openSessions().stream().noneMatch(s -> s.login().equals("onceagain"))));
        FTPClient second = login(port, "onceagain", "pw");
        quietly(second);
    }

    @Test
    public void serverDefaultOfOneSessionPerAccountGives421ToTheSecond() throws Exception {
        port = configureServer(Map.of("maxSessionsPerUser", "1"));
        addAccount("single", "pw", "");
        addAccount("own-limit", "pw", "maxSessions=2");
        List<FTPClient> open = new ArrayList<>();
        try {
            open.add(login(port, "single", "pw"));
            String[] second = loginRaw("single", "pw");
            assertEquals("421 I can't accept more than 1 connections as the same user\n", second[0]);
            assertEquals("", second[1]);
            // the account's own limit wins over the server default
            open.add(login(port, "own-limit", "pw"));
            open.add(login(port, "own-limit", "pw"));
            assertTrue(open.get(0).sendNoOp());
        } finally {
            open.forEach(FtpTestSupport::quietly);
        }
    }

    @Test
    public void accountWithMaxSessionsZeroIsNotLimitedByTheServerDefault() throws Exception {
        port = configureServer(Map.of("maxSessionsPerUser", "1"));
        // spec/passwd.md §2.2 step 8: 0 disables the limit for that account
        addAccount("unlimited", "pw", "maxSessions=0");
        List<FTPClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(login(port, "unlimited", "pw"));
            }
            for (FTPClient ftp : open) {
                assertTrue(ftp.sendNoOp());
            }
        } finally {
            open.forEach(FtpTestSupport::quietly);
        }
    }

    @Test
    public void secondAnonymousSessionOverTheServerDefaultGets421AtUser() throws Exception {
        port = configureServer(Map.of("maxSessionsPerUser", "1"));
        FTPClient first = login(port, "anonymous", "a@example.org");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            assertTrue(readReply(in).startsWith("220"));
            send(s.getOutputStream(), "USER ftp");
            assertEquals("421 I can't accept more than 1 connections as the same user\n", readReply(in));
            assertEquals("", readReply(in));
            assertTrue(first.sendNoOp());
        } finally {
            quietly(first);
        }
    }

    @Test
    public void clientInsideTheAllowedNetworkLogsIn() throws Exception {
        addAccount("lan", "pw", "allowClient=127.0.0.1/8");
        FTPClient ftp = login(port, "lan", "pw");
        quietly(ftp);
    }

    @Test
    public void clientOutsideTheAllowedNetworkGets530() throws Exception {
        addAccount("tenonly", "pw", "allowClient=10.0.0.0/8");
        assertLoginRefused("tenonly");
    }

    @Test
    public void deniedClientAddressGets530() throws Exception {
        addAccount("banned", "pw", "denyClient=127.0.0.1");
        assertLoginRefused("banned");
    }

    @Test
    public void serverAddressRulesDecideOnTheAddressTheClientReached() throws Exception {
        addAccount("localok", "pw", "allowLocal=127.0.0.1");
        addAccount("localother", "pw", "allowLocal=10.0.0.1");
        addAccount("localdenied", "pw", "denyLocal=127.0.0.0/8");
        FTPClient ftp = login(port, "localok", "pw");
        quietly(ftp);
        assertLoginRefused("localother");
        assertLoginRefused("localdenied");
    }

    @Test
    public void loginOutsideTheTimeWindowGets530() throws Exception {
        LocalTime now = LocalTime.now();
        // two hours starting an hour from now never contain "now", whatever the minute or midnight
        addAccount("nightshift", "pw", "time=" + hhmm(now.plusHours(1)) + "-" + hhmm(now.plusHours(3)));
        assertLoginRefused("nightshift");
    }

    @Test
    public void loginInsideTheTimeWindowSucceeds() throws Exception {
        LocalTime now = LocalTime.now();
        // from an hour ago to an hour ahead, wrapping midnight when it has to
        addAccount("dayshift", "pw", "time=" + hhmm(now.minusHours(1)) + "-" + hhmm(now.plusHours(1)));
        FTPClient ftp = login(port, "dayshift", "pw");
        quietly(ftp);
    }

    @Test
    public void downloadBandwidthIsAnnouncedAndThrottlesTheTransfer() throws Exception {
        Path home = addAccount("slowdown", "pw", "down=262144");
        byte[] data = new byte[1 << 20];
        new Random(3).nextBytes(data);
        Files.write(home.resolve("big.bin"), data);
        FTPClient ftp = connect(port);
        try {
            assertTrue(ftp.login("slowdown", "pw"));
            assertTrue(ftp.getReplyString(), ftp.getReplyString().startsWith("230-Your bandwidth usage is restricted\r\n"));
            ftp.setFileType(FTPClient.BINARY_FILE_TYPE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            assertTrue(ftp.getReplyString(), ftp.retrieveFile("big.bin", out));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertArrayEquals(data, out.toByteArray());
            // 1 MiB at 256 KiB/s is 4 s; allow for the throttle's start-up burst, never an upper bound
            assertTrue("1 MiB at 256 KiB/s took only " + millis + " ms", millis >= 3000);
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void unlimitedAccountIsNotToldAboutBandwidth() throws Exception {
        addAccount("fast", "pw", "");
        FTPClient ftp = connect(port);
        try {
            assertTrue(ftp.login("fast", "pw"));
            assertFalse(ftp.getReplyString(), ftp.getReplyString().contains("bandwidth"));
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void downloadBeforeUploadingUnderARatioGets550UntilEnoughIsUploaded() throws Exception {
        Path home = addAccount("leech", "pw", "ratio=1/1");
        byte[] file = new byte[100 * 1024];
        new Random(5).nextBytes(file);
        Files.write(home.resolve("goodies.bin"), file);
        FTPClient ftp = login(port, "leech", "pw");
        try {
            assertFalse(ftp.retrieveFile("goodies.bin", new ByteArrayOutputStream()));
            assertEquals(550, ftp.getReplyCode());
            assertEquals("550-Sorry, but the upload/download ratio is 1:1 .\r\n"
                    + "550-You currently uploaded 0 Kb and downloaded 0 Kb.\r\n"
                    + "550 Please upload some goodies and try leeching later.\r\n", ftp.getReplyString());
            assertTrue(ftp.storeFile("upload.bin", new ByteArrayInputStream(new byte[200 * 1024])));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertTrue(ftp.getReplyString(), ftp.retrieveFile("goodies.bin", out));
            assertArrayEquals(file, out.toByteArray());
        } finally {
            quietly(ftp);
        }
    }

    private void assertLoginRefused(String login) throws Exception {
        FTPClient ftp = connect(port);
        try {
            assertFalse(login + " logged in", ftp.login(login, "pw"));
            assertEquals("530 Login authentication failed", ftp.getReplyString().trim());
        } finally {
            quietly(ftp);
        }
    }

    /** USER and PASS on a raw socket: the reply to PASS and what follows it (empty: closed). */
    private String[] loginRaw(String login, String password) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            assertTrue(readReply(in).startsWith("220"));
            send(out, "USER " + login);
            assertTrue(readReply(in).startsWith("331"));
            send(out, "PASS " + password);
            return new String[] {readReply(in), readReply(in)};
        }
    }

    private static String hhmm(LocalTime t) {
        return String.format("%02d%02d", t.getHour(), t.getMinute());
    }
}
