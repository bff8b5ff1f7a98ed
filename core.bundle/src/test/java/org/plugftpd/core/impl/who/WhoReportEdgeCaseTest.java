package org.plugftpd.core.impl.who;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.junit.Test;
import org.plugftpd.session.api.SessionInfo;
import org.plugftpd.session.api.SessionInfo.State;

/** Escaping of hostile names, size limits, arithmetic corners and empty scoreboards. */
public class WhoReportEdgeCaseTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final InetSocketAddress CLIENT = WhoReportWorkedExampleTest.address("192.0.2.7", 50000);
    private static final InetSocketAddress SERVER = WhoReportWorkedExampleTest.address("198.51.100.1", 21);
    private static final Function<InetAddress, String> NAMELESS_DNS = address -> null;
    private static final String HOSTILE = "a\u0001b\u001b[31m<&>\"'|\\\u007fz";

    @Test
    public void markupFormatsReplaceControlsAndEscapeAngleBracketsAndAmpersandButNotQuotes() {
        String expected = "a?b?[31m&lt;&amp;&gt;\"'|\\?z";
        List<SessionInfo> sessions = one(download(HOSTILE, 10, 100));
        assertTrue(render(sessions, "-x").contains(" file=\"" + expected + "\" "));
        assertTrue(render(sessions, "-W").contains("    <td>" + expected + "</td>\n"));
        assertTrue(render(sessions, "-p").contains("\t\t\t<string>" + expected + "</string>\n"));
    }

    @Test
    public void shellFormatReplacesControlsWithUnderscoreAndBackslashesPipeAndBackslash() {
        String line = render(one(download(HOSTILE, 10, 100)), "-s");
        assertTrue(line, line.startsWith("7|ev\\|l\\\\_|"));
        assertTrue(line, line.contains("|a_b_[31m<&>\"'\\|\\\\_z|"));
        assertEquals(12, line.trim().split("(?<!\\\\)\\|").length);
    }

    @Test
    public void textTablePrintsNamesUnescapedAsPureFtpwhoDoes() {
        String table = render(one(download(HOSTILE, 10, 100)));
        // spec/ftpwho.md §4.1 prints account and file with plain %s; HOSTILE is 17 bytes long.
        assertTrue(table.contains("|    7 | ev|l\\\u0007  | 00:00 |  DL  | " + HOSTILE + " ".repeat(42 - 17) + "|\n"));
    }

    @Test
    public void textPaddingCountsUtf8BytesLikePrintf() {
        SessionInfo session = new SessionInfo(8, "r\u00e9mi", CLIENT, SERVER, State.DOWNLOAD, "caf\u00e9.txt", 0, 10, 1,
                NOW.minusSeconds(30), NOW.minusSeconds(5), false);
        // "rémi" and "café.txt" are 5 and 9 bytes in UTF-8: printf pads them to 8 and 42 bytes.
        assertTrue(render(one(session)).contains("|    8 | r\u00e9mi   | 00:00 |  DL  | caf\u00e9.txt"
                + " ".repeat(42 - 9) + "|\n"));
    }

    @Test
    public void fileNamesKeepTheirLast1023BytesLikeTheScoreboardRecord() {
        String longName = "x".repeat(2000) + "END";
        String xml = render(one(download(longName, 10, 100)), "-x");
        assertTrue(xml.contains(" file=\"" + "x".repeat(1020) + "END\" "));
        // A multi-byte character that would be cut in half is dropped whole.
        String accented = "\u00e9".repeat(600);
        String shell = render(one(download(accented, 10, 100)), "-s");
        assertTrue(shell.contains("|" + "\u00e9".repeat(511) + "|"));
    }

    @Test
    public void accountsKeepTheirFirst128Bytes() {
        SessionInfo session = new SessionInfo(9, "u".repeat(300), CLIENT, SERVER, State.IDLE, "", 0, 0, 0,
                NOW.minusSeconds(1), null, false);
        assertTrue(render(one(session), "-s").startsWith("9|" + "u".repeat(128) + "|1|IDLE||"));
    }

    @Test
    public void escapedMarkupStopsAtPathMaxPlus31BytesWithoutCuttingAnEntity() {
        String escaped = WhoEscaping.markup("&".repeat(1000));
        assertEquals("&amp;".repeat(825), escaped);
        assertEquals("a".repeat(4127), WhoEscaping.markup("a".repeat(5000)));
    }

    @Test
    public void emptyScoreboardInEveryFormat() {
        List<SessionInfo> none = Collections.emptyList();
        assertEquals("", render(none, "-s"));
        assertEquals("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<status>\n</status>\n", render(none, "-x"));
        String plist = render(none, "-p");
        assertTrue(plist.endsWith("\t<key>user-info</key>\n\t<array>\n\t</array>\n</dict>\n</plist>\n"));
        String html = render(none, "-W");
        assertTrue(html.startsWith("<div id=\"ftp-status\">\n"));
        assertTrue(html.endsWith("  </thead>\n  <tbody>\n  </tbody>\n </table>\n</div>\n"));
        String page = render(none, "-w");
        assertTrue(page.startsWith("<!DOCTYPE html PUBLIC"));
        assertTrue(page.endsWith("</div>\n</body>\n</html>\n"));
        assertTrue(render(none, "-v").contains("File/Remote IP/Size(Kb)/Local IP"));
    }

    @Test
    public void beforeLoginTheAccountIsAQuestionMark() {
        SessionInfo anonymousYet = new SessionInfo(5, null, CLIENT, SERVER, State.IDLE, "", 0, 0, 0,
                NOW.minusSeconds(2), null, false);
        assertTrue(render(one(anonymousYet)).contains("|    5 | ?       | 00:00 | IDLE |"));
        assertTrue(render(one(anonymousYet), "-w").contains("    <td>?</td>\n"));
    }

    @Test
    public void emptyAccountAndFileAreNbspInHtml() {
        SessionInfo blank = new SessionInfo(5, "", CLIENT, SERVER, State.IDLE, "", 0, 0, 0, NOW, null, false);
        assertTrue(render(one(blank), "-W").contains(
                "    <th scope=\"row\">5</th>\n    <td>&nbsp;</td>\n    <td>00:00</td>\n    <td>IDLE</td>\n"
                        + "    <td>&nbsp;</td>\n"));
    }

    @Test
    public void sessionTimeInHoursIsNotWrappedAndFutureStartsCountAsZero() {
        SessionInfo old = new SessionInfo(1, "old", CLIENT, SERVER, State.IDLE, "", 0, 0, 0,
                NOW.minusSeconds(100 * 3600 + 59 * 60 + 59), null, false);
        assertTrue(render(one(old)).contains("| old     | 100:59 | IDLE |"));
        SessionInfo future = new SessionInfo(2, "future", CLIENT, SERVER, State.IDLE, "", 0, 0, 0,
                NOW.plusSeconds(30), null, false);
        assertTrue(render(one(future), "-s").startsWith("2|future|0|IDLE|"));
    }

    @Test
    public void speedCellPicksTheLargestUnitBelow1024() {
        assertEquals(" 500b/s|", speedCell(500));
        assertEquals("1023b/s|", speedCell(1023));
        assertEquals("   1K/s|", speedCell(1024));
        assertEquals("   3M/s|", speedCell(3L * 1024 * 1024 + 5));
        assertEquals("   5G/s|", speedCell(5L * 1024 * 1024 * 1024));
        assertEquals("   ''  |", speedCell(1024L * 1024 * 1024 * 1024));
    }

    @Test
    public void percentIsRoundedAndCappedAt100() {
        assertEquals(1, entry(download("f", 5, 1000)).percent());
        assertEquals(0, entry(download("f", 4, 1000)).percent());
        assertEquals(100, entry(download("f", 2000, 1000)).percent());
        assertTrue(render(one(download("f", 2000, 1000)), "-x").contains(" percentage=\"100\" "));
    }

    @Test
    public void resumedTransferCountsOnlyNewBytesForRates() {
        SessionInfo resumed = new SessionInfo(3, "r", CLIENT, SERVER, State.DOWNLOAD, "f", 4096, 8192, 4096 + 2048,
                NOW.minusSeconds(20), NOW.minusSeconds(2), false);
        assertTrue(render(one(resumed), "-x").contains(
                " resume=\"4096\" current_size=\"6144\" total_size=\"8192\" percentage=\"75\" bandwidth=\"1024\" />"));
        assertTrue(render(one(resumed)).contains("|   1K/s|  75% |"));
    }

    @Test
    public void restartOffsetBeyondTheCurrentSizeIsTreatedAsZero() {
        SessionInfo odd = new SessionInfo(3, "r", CLIENT, SERVER, State.DOWNLOAD, "f", 9000, 8192, 4096,
                NOW.minusSeconds(20), NOW.minusSeconds(2), false);
        assertTrue(render(one(odd), "-x").contains(" resume=\"0\" current_size=\"4096\""));
    }

    @Test
    public void nothingNewSinceTheRestartShowsNoSpeedOrPercentInTheTable() {
        SessionInfo stalled = new SessionInfo(3, "r", CLIENT, SERVER, State.DOWNLOAD, "f", 4096, 8192, 4096,
                NOW.minusSeconds(20), NOW.minusSeconds(2), false);
        assertTrue(render(one(stalled)).contains("|  ''  |    ''   |   ''  |  ''  | ->"));
        // The other formats still report the percentage (spec/ftpwho.md §3).
        assertTrue(render(one(stalled), "-s").endsWith("|4|8|50|0\n"));
    }

    @Test
    public void transferStartedThisSecondHasNoRate() {
        SessionInfo fresh = new SessionInfo(3, "r", CLIENT, SERVER, State.UPLOAD, "f", 0, 4096, 4096,
                NOW.minusSeconds(20), NOW, false);
        assertTrue(render(one(fresh)).contains("|  ''  |    ''   |   ''  |  ''  | ->"));
        assertTrue(render(one(fresh), "-x").endsWith(" resume=\"0\" current_size=\"4096\" bandwidth=\"0\" />\n</status>\n"));
        assertTrue(render(one(fresh), "-W").contains("    <td>4 (0 KB/s)</td>\n"));
    }

    @Test
    public void uploadsNeverShowATotalSize() {
        SessionInfo upload = new SessionInfo(3, "r", CLIENT, SERVER, State.UPLOAD, "f", 0, 4096, 4096,
                NOW.minusSeconds(20), NOW.minusSeconds(1), false);
        assertFalse(render(one(upload), "-x").contains("total_size"));
        assertTrue(render(one(upload), "-v").contains(
                "|  ''  |    ''   |       |      | Transferred: 4                             |\n"));
    }

    @Test
    public void failedOrMissingReverseDnsFallsBackToTheNumericAddress() {
        Function<InetAddress, String> throwing = address -> {
            throw new IllegalStateException("resolver down");
        };
        assertTrue(WhoReport.render(one(download("f", 1, 2)), NOW, WhoOptions.parse("-s"), throwing)
                .contains("|192.0.2.7|198.51.100.1|21|"));
        assertTrue(render(one(download("f", 1, 2)), "-s").contains("|192.0.2.7|198.51.100.1|21|"));
    }

    @Test
    public void resolvedNamesAreUsedForBothEndsUnlessNumeric() {
        Function<InetAddress, String> dns = address -> address.equals(CLIENT.getAddress()) ? "client.example" : "ftp.example";
        assertTrue(WhoReport.render(one(download("f", 1, 2)), NOW, WhoOptions.parse("-s"), dns)
                .contains("|client.example|ftp.example|21|"));
        assertTrue(WhoReport.render(one(download("f", 1, 2)), NOW, WhoOptions.parse("-s", "-n"), dns)
                .contains("|192.0.2.7|198.51.100.1|21|"));
    }

    @Test
    public void helpOptionRendersTheHelpText() {
        assertEquals(WhoOptions.helpText(), render(one(download("f", 1, 2)), "-h"));
    }

    private static String speedCell(long bytesPerSecond) {
        SessionInfo session = new SessionInfo(3, "r", CLIENT, SERVER, State.UPLOAD, "f", 0, 0, bytesPerSecond,
                NOW.minusSeconds(20), NOW.minusSeconds(1), false);
        String table = render(one(session));
        int rowStart = table.indexOf("|  ''  |    ''   |") + "|  ''  |    ''   |".length();
        return table.substring(rowStart, rowStart + 8);
    }

    private static WhoEntry entry(SessionInfo session) {
        return WhoEntry.of(session, NOW, true, NAMELESS_DNS);
    }

    private static SessionInfo download(String file, long current, long total) {
        return new SessionInfo(7, "ev|l\\\u0007", CLIENT, SERVER, State.DOWNLOAD, file, 0, total, current,
                NOW.minusSeconds(30), NOW.minusSeconds(5), false);
    }

    private static List<SessionInfo> one(SessionInfo session) {
        return Collections.singletonList(session);
    }

    private static String render(List<SessionInfo> sessions, String... args) {
        return WhoReport.render(sessions, NOW, WhoOptions.parse(args), NAMELESS_DNS);
    }
}
