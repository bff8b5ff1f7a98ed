package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.plugftpd.session.api.SessionInfo;

/**
 * The Gogo commands an administrator watches the server with (ftp:who in pure-ftpwho's formats,
 * ftp:kick, ftp:status), run through Gogo's CommandProcessor while one anonymous session idles and
 * one account's throttled download is in progress.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WhoIT extends FtpTestSupport {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final Pattern XML_DOWNLOAD = Pattern.compile("<client [^>]*state=\" DL \"");

    private int port;
    private String downloader;
    private FTPClient idle;
    private FTPClient downloading;
    private InputStream download;

    @Before
    public void setUp() throws Exception {
        port = configureServer(Map.of());
        if (installStandinOnce()) {
        }
        // 4 MiB at 64 KiB/s: a minute, far longer than any test here needs the download to last
        downloader = "throttled" + ACCOUNTS.incrementAndGet();
        Path home = addAccount(downloader, "pw", "down=65536");
        Files.write(home.resolve("big.bin"), new byte[4 << 20]);
        idle = login(port, "anonymous", "watcher@example.org");
        downloading = login(port, downloader, "pw");
        download = downloading.retrieveFileStream("big.bin");
        assertNotNull(downloading.getReplyString(), download);
        assertTrue(download.read(new byte[1024]) > 0);
        assertTrue("the download never showed in the scoreboard", eventually(() -> openSessions().stream()
                .anyMatch(s -> s.login().equals(downloader) && s.state() == SessionInfo.State.DOWNLOAD)));
    }

    @After
    public void tearDown() {
        if (download != null) {
            try {
                download.close();
            } catch (IOException e) {
                // the control connection goes next anyway
            }
        }
        if (downloading != null) {
            quietly(downloading);
        }
        if (idle != null) {
            quietly(idle);
        }
    }

    @Test
    public void whoForScriptsHasTwelveFieldsPerSessionAndShowsTheDownload() throws Exception {
        String out = gogo("ftp:who -s");
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                String[] fields = line.split("\\|", -1);
                assertEquals(line, 12, fields.length);
                rows.add(fields);
            }
        }
        String[] anonymous = rows.stream().filter(f -> f[1].equals("ftp")).findFirst().orElseThrow(
                () -> new AssertionError("no ftp session in\n" + out));
        assertEquals("IDLE", anonymous[3]);
        assertFalse(anonymous[5].isEmpty());
        assertEquals(Integer.toString(port), anonymous[7]);
        String[] dl = rows.stream().filter(f -> f[1].equals(downloader)).findFirst().orElseThrow(
                () -> new AssertionError("no " + downloader + " session in\n" + out));
        assertEquals(" DL ", dl[3]);
        assertTrue(dl[4], dl[4].endsWith("big.bin"));
        assertEquals("4096", dl[9]);
        String numeric = gogo("ftp:who -s -n");
        assertTrue(numeric, Stream.of(numeric.split("\n")).map(l -> l.split("\\|", -1))
                .anyMatch(f -> f.length == 12 && f[1].equals("ftp") && f[5].equals("127.0.0.1")));
    }

    @Test
    public void whoInXmlHasThePrologAndTheDownloadingClient() throws Exception {
        String out = gogo("ftp:who -x");
        assertTrue(out, out.startsWith("<?xml version=\"1.0\""));
        assertTrue(out, XML_DOWNLOAD.matcher(out).find());
        assertTrue(out, out.contains("account=\"" + downloader + "\""));
        assertTrue(out, out.contains("account=\"ftp\""));
    }

    @Test
    public void whoWithoutOptionsAndVerboseHavePureFtpwhoTableHeaders() throws Exception {
        String plain = gogo("ftp:who");
        assertTrue(plain, plain.contains("| PID  |  Login  |For/Spd| What |                 File/IP                   |\n"));
        assertTrue(plain, plain.contains(downloader));
        assertTrue(plain, plain.contains(" DL "));
        String verbose = gogo("ftp:who -v");
        assertTrue(verbose, verbose.contains("| PID  |  Login  |For/Spd| What |     File/Remote IP/Size(Kb)/Local IP      |\n"));
        assertTrue(verbose, verbose.contains("big.bin"));
    }

    @Test
    public void whoAsWebPageStartsWithTheXhtmlDoctype() throws Exception {
        String out = gogo("ftp:who -w");
        assertTrue(out, out.startsWith("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\""));
        assertTrue(out, out.contains(downloader));
    }

    @Test
    public void kickClosesTheIdleSessionAndTheOthersCarryOn() throws Exception {
        long id = openSessions().stream().filter(s -> s.login().equals("ftp")).findFirst()
                .orElseThrow(() -> new AssertionError("no anonymous session")).id();
        String out = gogo("ftp:kick " + id);
        // the calling thread's log lines (the test container logs at DEBUG to System.out) share the stream
        assertTrue(out, Stream.of(out.split("\n")).anyMatch(l -> l.equals("session " + id + " closed")));
        assertTrue("the kicked client still gets answers", eventually(() -> {
            try {
                idle.sendNoOp();
                return false;
            } catch (IOException e) {
                return true;
            }
        }));
        assertTrue(eventually(() -> openSessions().stream().noneMatch(s -> s.id() == id)));
        assertTrue(openSessions().stream().anyMatch(s -> s.login().equals(downloader)));
        assertTrue(download.read(new byte[1024]) > 0);
    }

    @Test
    public void kickOfAnUnknownSessionIsAnErrorAndClosesNothing() throws Exception {
        int before = openSessions().size();
        AssertionError failure = null;
        try {
            gogo("ftp:kick 999999");
        } catch (AssertionError e) {
            failure = e;
        }
        assertNotNull("ftp:kick 999999 did not fail", failure);
        assertTrue(failure.getMessage(), failure.getMessage().contains("no session 999999"));
        assertEquals(before, openSessions().size());
        assertTrue(idle.sendNoOp());
    }

    @Test
    public void statusListsTheListenerAndTheSessions() throws Exception {
        String out = gogo("ftp:status");
        assertTrue(out, out.contains("listening: 127.0.0.1:" + port + "\n"));
        assertTrue(out, out.contains("sessions:  2 open, 2 logged in, 1 transferring\n"));
        assertFalse(out, out.contains("not running"));
    }
}
