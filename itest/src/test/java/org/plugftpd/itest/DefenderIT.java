package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.plugftpd.guard.api.ConnectionGuard;

/**
 * The brute-force defender in the real server: failed logins ban an address (421 at the next
 * connection) but not its neighbour, a ban outlives an update of defender.bundle with a session up,
 * {@code ftp:ban remove} lets the address in again, and each ban logs one fail2ban line.
 * Clients from 127.0.0.2 bind their socket to it (Linux routes all of 127/8 to loopback).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DefenderIT extends FtpTestSupport {
    private static final String BSN = "org.plugftpd.defender";
    private static final String BANNED = "421 Your address is banned for another";

    private int port;
    private LogCapture log;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
        if (installStandinOnce()) {
            addAccount("guarded", "right", "");
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("threshold", "3");
        props.put("scoreLoginFailed", "1");
        props.put("scoreUnknownUser", "1");
        props.put("window", "3600");
        props.put("banTime", "3600");
        props.put("banTimeMax", "7200");
        props.put("burstConnections", "1000");
        props.put("file", root().resolve("data/defender.bans").toString());
        configAdmin.getConfiguration("plugftpd.defender", "?").update(props);
        awaitDefenderEnforcing();
        log = LogCapture.start();
    }

    @After
    public void tearDown() throws Exception {
        if (log != null) {
            log.stop();
        }
        for (String a : new String[] {"127.0.0.1", "127.0.0.3"}) {
            try {
                gogo("ftp:ban remove " + a);
            } catch (Exception | AssertionError e) {
                // not banned
            }
        }
    }

    @Test
    public void failedLoginsBanTheAddressWhileItsNeighbourStillLogsIn() throws Exception {
        for (int i = 0; i < 3; i++) {
            FTPClient ftp = connect(port);
            try {
                assertFalse(ftp.login(i == 2 ? "nobody-here" : "guarded", "wrong"));
            } finally {
                quietly(ftp);
            }
        }
        // no Gogo command until the log is checked: each one puts Gogo's System.out back in place
        // of the capture
        assertTrue("127.0.0.1 was not banned", eventually(() -> {
            try {
                return greeting(port).startsWith(BANNED);
            } catch (IOException e) {
                return false;
            }
        }));

        FTPClient neighbour = connectFrom("127.0.0.2");
        try {
            assertTrue(neighbour.getReplyString(), neighbour.login("guarded", "right"));
            assertTrue(FTPReply.isPositiveCompletion(neighbour.pwd()));
        } finally {
            quietly(neighbour);
        }

        // the line is written by the defender's own thread: wait for it, then check there is one
        assertTrue("no ban line in the log", eventually(() -> log.count(Pattern.compile("plugftpd defender: banned ")) > 0));
        assertEquals(1, log.count(Pattern.compile(
                "plugftpd defender: banned 127\\.0\\.0\\.1 for 3600 s \\(score 3 in 3600 s: 2 failed logins, 1 unknown user\\)")));
        assertEquals("one ban, one line: " + log.text(), 1, log.count(Pattern.compile("plugftpd defender: banned ")));
        assertTrue(banList().contains("127.0.0.1 "));

        String removed = gogo("ftp:ban remove 127.0.0.1");
        assertTrue(removed, removed.contains("lifted the ban of 127.0.0.1"));
        assertTrue(greeting(port).startsWith("220"));
        FTPClient back = login(port, "guarded", "right");
        quietly(back);
    }

    @Test
    public void aBanOutlivesAnUpdateOfTheDefenderAndTheOpenSessionKeepsWorking() throws Exception {
        FTPClient session = connectFrom("127.0.0.2");
        try {
            assertTrue(session.login("guarded", "right"));
            String added = gogo("ftp:ban add 127.0.0.1");
            assertTrue(added, added.startsWith("banned 127.0.0.1 "));
            assertTrue("the ban line belongs in the server log, not the admin's output: " + added,
                    !added.contains("plugftpd defender: banned"));

            assertTrue(greeting(port).startsWith(BANNED));

            Bundle defender = installedBundle(BSN);
            defender.stop();
            assertTrue("without the defender nobody is banned", greeting(port).startsWith("220"));
            defender.update();
            refresh(defender);
            defender.start();

            assertTrue("the ban was not restored: " + banList(), eventually(() -> banList().contains("127.0.0.1 ")));
            assertTrue("the restored ban is not enforced", eventually(() -> {
                try {
                    return greeting(port).startsWith(BANNED);
                } catch (IOException e) {
                    return false;
                }
            }));
            assertTrue("the session from 127.0.0.2 broke", FTPReply.isPositiveCompletion(session.pwd()));
            assertTrue(FTPReply.isPositiveCompletion(session.noop()));
        } finally {
            quietly(session);
        }
    }

    /** Waits until the guard is bound in the core: a ban made by hand refuses 127.0.0.3. */
    private void awaitDefenderEnforcing() throws Exception {
        assertTrue("no ConnectionGuard from " + BSN,
                eventually(() -> !references(ConnectionGuard.class, BSN).isEmpty()));
        assertTrue(eventually(() -> {
            try {
                gogo("ftp:ban add 127.0.0.3 600");
                return true;
            } catch (Exception | AssertionError e) {
                return false;
            }
        }));
        assertTrue("the core never asked the defender", eventually(() -> {
            try {
                return greetingFrom("127.0.0.3").startsWith(BANNED);
            } catch (IOException e) {
                return false;
            }
        }));
        gogo("ftp:ban remove 127.0.0.3");
    }

    private String banList() {
        try {
            return gogo("ftp:ban list");
        } catch (Exception | AssertionError e) {
            return e.toString();
        }
    }

    /** The greeting a connection from {@code local} gets (Commons Net throws on a 421 greeting). */
    private String greetingFrom(String local) throws IOException {
        try (java.net.Socket s = new java.net.Socket()) {
            s.bind(new java.net.InetSocketAddress(local, 0));
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            return readReply(s.getInputStream());
        }
    }

    private FTPClient connectFrom(String local) throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setDefaultTimeout(15_000);
        ftp.setConnectTimeout(15_000);
        ftp.connect(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(local), 0);
        ftp.enterLocalPassiveMode();
        return ftp;
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(Collections.singletonList(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        assertTrue("refresh did not finish", done.await(DEADLINE_MS, TimeUnit.MILLISECONDS));
    }

    /**
     * Copies what is written to System.err and System.out (the distribution's slf4j-simple writes
     * to stderr, which bin/plugftpd sends to log/plugftpd.log; the test container's log service
     * writes to stdout) while still passing it on.
     */
    static final class LogCapture {
        private final PrintStream err = System.err;
        private final PrintStream out = System.out;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        static LogCapture start() {
            LogCapture c = new LogCapture();
            System.setErr(new PrintStream(c.tee(c.err), true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(c.tee(c.out), true, StandardCharsets.UTF_8));
            return c;
        }

        void stop() {
            System.setErr(err);
            System.setOut(out);
        }

        private OutputStream tee(PrintStream original) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (copy) {
                        copy.write(b);
                    }
                    original.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (copy) {
                        copy.write(b, off, len);
                    }
                    original.write(b, off, len);
                }
            };
        }

        String text() {
            synchronized (copy) {
                return copy.toString(StandardCharsets.UTF_8);
            }
        }

        int count(Pattern p) {
            Matcher m = p.matcher(text());
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        }
    }
}
