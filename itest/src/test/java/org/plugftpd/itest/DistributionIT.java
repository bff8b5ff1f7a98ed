package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The built distribution as an operator uses it: {@code bin/plugftpd start}, an FTP client, the
 * admin commands, {@code bin/plugftpd stop}. A plain JUnit test in the failsafe JVM (no Pax Exam):
 * the server runs as its own process from a copy of run/target/plugftpd.
 */
public class DistributionIT {
    private static final long START_SECONDS = 60;
    private static final long STOP_SECONDS = 45;
    private static final long COMMAND_SECONDS = 30;

    private Path work;
    private Path home;
    private int port;

    @Before
    public void copyDistribution() throws IOException {
        String dist = System.getProperty("plugftpd.dist");
        assertNotNull("system property plugftpd.dist (run/target/plugftpd) not set", dist);
        Path source = Paths.get(dist);
        assertTrue("build the distribution first: " + source, Files.isExecutable(source.resolve("bin/plugftpd")));
        // short: the admin socket's path must fit a sockaddr_un
        work = Files.createTempDirectory(Paths.get("/tmp"), "pfd-dist");
        home = work.resolve("plugftpd");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = home.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.deleteIfExists(home.resolve("data/plugftpd.pid"));
        port = freePort();
        Path cfg = home.resolve("etc/plugftpd.server.cfg");
        String text = new String(Files.readAllBytes(cfg), StandardCharsets.UTF_8);
        text = replaceKey(text, "port", Integer.toString(port));
        text = replaceKey(text, "passivePorts", "");
        Files.write(cfg, text.getBytes(StandardCharsets.UTF_8));
    }

    @After
    public void removeCopy() throws IOException {
        if (work == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    public void startFtpSessionShownByWhoAndStatusThenStopFreesThePort() throws Exception {
        Throwable failure = null;
        try {
            ExternalCommand.Result start = plugftpd(START_SECONDS, "start");
            assertEquals("start: " + start, 0, start.exit);
            assertTrue("start: " + start, start.out.contains("plugftpd started (pid "));
            assertTrue("start: " + start, start.out.contains("127.0.0.1:" + port));

            // nothing but the configured port: no stray listener (FtpServer's stock one is on *:21)
            assertEquals(Set.of(port), ListeningPorts.of(Long.toString(serverPid())));

            FTPClient ftp = new FTPClient();
            ftp.setDefaultTimeout(15_000);
            ftp.setConnectTimeout(15_000);
            ftp.setDataTimeout(java.time.Duration.ofSeconds(15));
            try {
                ftp.connect("127.0.0.1", port);
                ftp.enterLocalPassiveMode();
                assertTrue(ftp.getReplyString(), ftp.login("anonymous", "me@example.org"));
                String[] names = ftp.listNames();
                assertNotNull(ftp.getReplyString(), names);
                assertTrue(Arrays.toString(names), Arrays.asList(names).contains("README.txt"));

                // the session stays open while the admin commands look at it
                ExternalCommand.Result whoShell = plugftpd(COMMAND_SECONDS, "client", "ftp:who", "-s");
                assertEquals("client ftp:who -s: " + whoShell, 0, whoShell.exit);
                List<String[]> rows = new ArrayList<>();
                for (String line : whoShell.out.split("\n")) {
                    if (!line.isBlank()) {
                        rows.add(line.split("\\|", -1));
                    }
                }
                assertEquals("one session: " + whoShell, 1, rows.size());
                assertEquals("12 fields: " + whoShell, 12, rows.get(0).length);
                assertEquals("account: " + whoShell, "ftp", rows.get(0)[1]);
                assertEquals("local port: " + whoShell, Integer.toString(port), rows.get(0)[7]);

                ExternalCommand.Result whoXml = plugftpd(COMMAND_SECONDS, "who", "-x");
                assertEquals("who -x: " + whoXml, 0, whoXml.exit);
                assertTrue("who -x: " + whoXml, whoXml.out.startsWith("<?xml"));
                assertTrue("who -x: " + whoXml, whoXml.out.contains(" account=\"ftp\""));
                assertTrue("who -x: " + whoXml, whoXml.out.contains(" localport=\"" + port + "\""));

                ExternalCommand.Result ftpStatus = plugftpd(COMMAND_SECONDS, "client", "ftp:status");
                assertEquals("client ftp:status: " + ftpStatus, 0, ftpStatus.exit);
                assertTrue("client ftp:status: " + ftpStatus, ftpStatus.out.contains(Integer.toString(port)));

                ExternalCommand.Result status = plugftpd(COMMAND_SECONDS, "status");
                assertEquals("status: " + status, 0, status.exit);
                assertTrue("status: " + status, status.out.contains("plugftpd is running"));
                assertTrue("status: " + status, status.out.contains(Integer.toString(port)));

                assertTrue(ftp.sendNoOp());
                loginsAndBadLinesLeaveNoPasswordInAPrivateLog();
            } finally {
                if (ftp.isConnected()) {
                    ftp.disconnect();
                }
            }
        } catch (Exception | AssertionError e) {
            failure = e;
            throw e;
        } finally {
            try {
                stopAndCheck();
            } catch (Exception | AssertionError e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * A failed login, a bad line and an over-long line after the password: the log names the login
     * but holds no password and no hex dump, is readable by owner and group only, and the JVM
     * has a bounded heap and exits on OutOfMemoryError (so a supervisor can restart it).
     */
    private void loginsAndBadLinesLeaveNoPasswordInAPrivateLog() throws Exception {
        String secret = "Sekr3t-" + System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            java.io.InputStream in = s.getInputStream();
            java.io.OutputStream out = s.getOutputStream();
            FtpTestSupport.readReply(in);
            out.write(("USER nosuchuser\r\nPASS " + secret + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {'C', 'W', 'D', ' ', (byte) 0xc0, '\r', '\n'});
            out.write(("PASS " + secret + "x".repeat(5000)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        Path log = home.resolve("log/plugftpd.log");
        String text = "";
        for (int i = 0; i < 100 && !text.contains("command line longer than"); i++) {
            text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            Thread.sleep(100);
        }
        assertTrue(logTail(), text.contains("login of [nosuchuser] refused"));
        assertTrue(logTail(), text.contains("command line longer than"));
        assertFalse("password in the log", text.contains(secret));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(log)));
        String cmdline = new String(Files.readAllBytes(Paths.get("/proc", Long.toString(serverPid()), "cmdline")),
                StandardCharsets.UTF_8);
        assertTrue(cmdline, cmdline.contains("-XX:+ExitOnOutOfMemoryError") && cmdline.contains("-Xmx"));
    }

    /** Stops the server; asserts a clean stop and a free port, and makes sure no process is left. */
    private void stopAndCheck() throws Exception {
        Path pidFile = home.resolve("data/plugftpd.pid");
        String pid = Files.exists(pidFile) ? new String(Files.readAllBytes(pidFile), StandardCharsets.US_ASCII).trim() : "";
        try {
            ExternalCommand.Result stop = plugftpd(STOP_SECONDS, "stop");
            assertEquals("stop: " + stop, 0, stop.exit);
            assertTrue("stop: " + stop, stop.out.contains("plugftpd stopped"));
            assertFalse("pid file left after stop", Files.exists(pidFile));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                fail("something still listens on port " + port + " after stop");
            } catch (ConnectException expected) {
                // nothing listens
            }
        } finally {
            if (!pid.isEmpty()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
            }
        }
    }

    private long serverPid() throws IOException {
        return Long.parseLong(new String(Files.readAllBytes(home.resolve("data/plugftpd.pid")), StandardCharsets.US_ASCII)
                .trim());
    }

    private ExternalCommand.Result plugftpd(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/plugftpd").toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        ExternalCommand.Result result = ExternalCommand.run(pb, new byte[0], timeoutSeconds);
        if (result == null) {
            fail("bin/plugftpd " + String.join(" ", args) + " did not finish within " + timeoutSeconds + " s; log:\n"
                    + logTail());
        }
        return result;
    }

    private String logTail() throws IOException {
        Path log = home.resolve("log/plugftpd.log");
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static String replaceKey(String cfg, String key, String value) {
        Matcher m = Pattern.compile("(?m)^" + key + "=.*$").matcher(cfg);
        assertTrue("no " + key + "= line in plugftpd.server.cfg", m.find());
        return m.replaceAll(Matcher.quoteReplacement(key + "=" + value));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
