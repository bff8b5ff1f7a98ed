package org.plugftpd.core.impl.who;

import static org.junit.Assert.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.junit.Test;
import org.plugftpd.session.api.SessionInfo;
import org.plugftpd.session.api.SessionInfo.State;

/**
 * Byte equality with every capture in vectors/ftpwho. The three sessions of sessions.txt are
 * rebuilt from the -x/-s captures: all started 13 s before the capture, both transfers 3 s before;
 * upload 576 KiB done (640 KiB by the time -n, -H and -c ran), download 7680 KiB of 67109864 bytes.
 */
public class WhoReportVectorTest {

    private static final Instant CAPTURE = Instant.parse("2026-11-25T15:26:42Z");
    private static final Instant THREE_SECONDS_LATER = CAPTURE.plusSeconds(3);
    private static final Instant SESSIONS_START = CAPTURE.minusSeconds(13);
    private static final Instant TRANSFERS_START = CAPTURE.minusSeconds(3);
    private static final InetSocketAddress SERVER = new InetSocketAddress(loopback(), 2131);
    private static final long BIG_BIN_SIZE = 64L * 1024 * 1024 + 1000;

    /** What the capture machine's resolver said: 127.0.0.1 is "localhost". */
    private static final Function<InetAddress, String> CAPTURE_DNS =
            address -> address.equals(loopback()) ? "localhost" : null;

    @Test
    public void noSessionsDefaultTable() {
        assertVector("00-no-sessions.default.txt", Collections.emptyList(), CAPTURE);
    }

    @Test
    public void noSessionsShell() {
        assertVector("00-no-sessions.s.txt", Collections.emptyList(), CAPTURE, "-s");
    }

    @Test
    public void noSessionsXml() {
        assertVector("00-no-sessions.x.txt", Collections.emptyList(), CAPTURE, "-x");
    }

    @Test
    public void activeDefaultTable() {
        assertVector("01-active.default.txt", activeSessions(576 * 1024, 7680 * 1024), CAPTURE);
    }

    @Test
    public void activeVerboseTable() {
        assertVector("01-active.v.txt", activeSessions(576 * 1024, 7680 * 1024), CAPTURE, "-v");
    }

    @Test
    public void activeShell() {
        assertVector("01-active.s.txt", activeSessions(576 * 1024, 7680 * 1024), CAPTURE, "-s");
    }

    @Test
    public void activeHtmlPage() {
        assertVector("01-active.w.txt", activeSessions(576 * 1024, 7680 * 1024), CAPTURE, "-w");
    }

    @Test
    public void activeHtmlTableOnly() {
        assertVector("01-active.W.txt", activeSessions(576 * 1024, 7680 * 1024), CAPTURE, "-W");
    }

    @Test
    public void activeXml() {
        assertVector("01-active.x.txt", activeSessions(576 * 1024, 7680 * 1024), CAPTURE, "-x");
    }

    @Test
    public void activePlist() {
        assertVector("01-active.p.txt", activeSessions(576 * 1024, 7680 * 1024), CAPTURE, "-p");
    }

    @Test
    public void activeNumericWithN() {
        assertVector("01-active.n.txt", activeSessions(640 * 1024, 7680 * 1024), CAPTURE, "-n");
    }

    @Test
    public void activeNumericWithCapitalH() {
        assertVector("01-active.H.txt", activeSessions(640 * 1024, 7680 * 1024), CAPTURE, "-H");
    }

    @Test
    public void activeCgi() {
        assertVector("01-active.c.txt", activeSessions(640 * 1024, 7680 * 1024), CAPTURE, "-c");
    }

    @Test
    public void threeSecondsLaterShell() {
        assertVector("02-active-3s-later.s.txt", activeSessions(704 * 1024, 7680 * 1024), THREE_SECONDS_LATER,
                "-s");
    }

    @Test
    public void threeSecondsLaterVerboseTable() {
        assertVector("02-active-3s-later.v.txt", activeSessions(704 * 1024, 7680 * 1024), THREE_SECONDS_LATER,
                "-v");
    }

    @Test
    public void afterClientsKilledShell() {
        assertVector("03-after-clients-killed.s.txt", Collections.emptyList(), THREE_SECONDS_LATER.plusSeconds(2),
                "-s");
    }

    private static void assertVector(String fileName, List<SessionInfo> sessions, Instant now, String... args) {
        String rendered = WhoReport.render(sessions, now, WhoOptions.parse(args), CAPTURE_DNS);
        assertEquals(fileName, WhoVectors.bytesOf(fileName), WhoVectors.bytesOfOutput(rendered));
    }

    /** alidle, alup and aldown in the order pure-ftpwho listed them. */
    private static List<SessionInfo> activeSessions(long uploadedBytes, long downloadedBytes) {
        SessionInfo idle = new SessionInfo(4638, "alidle", client(40001), SERVER, State.IDLE, "", 0, 0, 0,
                SESSIONS_START, null, false);
        // For uploads the record's total is the bytes received so far (spec/ftpwho.md §1.2).
        SessionInfo upload = new SessionInfo(4637, "alup", client(40002), SERVER, State.UPLOAD, "upload-dev.bin",
                0, uploadedBytes, uploadedBytes, SESSIONS_START, TRANSFERS_START, false);
        SessionInfo download = new SessionInfo(4634, "aldown", client(40003), SERVER, State.DOWNLOAD, "big.bin",
                0, BIG_BIN_SIZE, downloadedBytes, SESSIONS_START, TRANSFERS_START, false);
        return Arrays.asList(idle, upload, download);
    }

    private static InetSocketAddress client(int port) {
        return new InetSocketAddress(loopback(), port);
    }

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }
}
