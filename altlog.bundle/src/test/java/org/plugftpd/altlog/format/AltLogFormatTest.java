package org.plugftpd.altlog.format;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.Test;
import org.plugftpd.transfer.api.TransferEvent;
import org.plugftpd.transfer.api.TransferEvent.Direction;
import org.plugftpd.transfer.api.TransferEvent.Status;

/** Hostile names, edge values and the rules the vectors do not exercise. */
public class AltLogFormatTest {

    private static final ZoneId PLUS_TWO = ZoneOffset.ofHours(2);
    // ends at 2024-04-13T10:34:56.200Z (a Saturday); 2.5 s rounds to 3 like (unsigned long)(2.5 + 0.5)
    private static final Instant START = Instant.parse("2024-04-13T10:34:53.700Z");
    private static final String HOSTILE = "/home/joe/it's \"a\"\tb\nc\rd%\u00e9 x\u0001y\u007fz.txt";

    private static TransferEvent.Builder event() {
        return TransferEvent.builder().sessionId(0x2a).direction(Direction.DOWNLOAD).status(Status.COMPLETED)
                .start(START).duration(Duration.ofMillis(2500)).bytes(1024).login("joe")
                .requestedPath("a b.txt").storedPath("/home/joe/a b.txt");
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    @Test
    public void clfMatchesTheSpecExample() {
        TransferEvent upload = event().direction(Direction.UPLOAD).build();
        assertEquals("192.0.2.7 - joe [13/Apr/2024:12:34:56 -0200] \"PUT /home/joe/a%20b.txt\" 200 1024\n",
                text(new ClfFormat(PLUS_TWO).line(upload, "192.0.2.7")));
    }

    @Test
    public void clfOffsetSignIsTheReverseOfApaches() {
        TransferEvent e = event().build();
        assertEquals("-0000", clfZone(e, ZoneOffset.UTC));
        assertEquals("-0100", clfZone(e, ZoneOffset.ofHours(1)));
        assertEquals("+0500", clfZone(e, ZoneOffset.ofHours(-5)));
        assertEquals("-0530", clfZone(e, ZoneOffset.ofHoursMinutes(5, 30)));
        assertEquals("+0330", clfZone(e, ZoneOffset.ofHoursMinutes(-3, -30)));
        // the offset in force at the line's moment, summer time included
        assertEquals("-0200", clfZone(e, ZoneId.of("Europe/Paris")));
        TransferEvent winter = event().start(Instant.parse("2024-01-13T10:34:53Z")).build();
        assertEquals("-0100", clfZone(winter, ZoneId.of("Europe/Paris")));
    }

    private static String clfZone(TransferEvent e, ZoneId zone) {
        String line = text(new ClfFormat(zone).line(e, "h"));
        return line.substring(line.indexOf(']') - 5, line.indexOf(']'));
    }

    @Test
    public void xferlogMatchesTheSpecExampleWithZeroPaddedDay() {
        assertEquals("Sat Apr 13 12:34:56 2024 3 192.0.2.7 1024 /home/joe/a_b.txt b _ o r joe ftp 1 * c\n",
                text(new XferlogFormat(PLUS_TWO).line(event().build(), "192.0.2.7")));
        TransferEvent early = event().start(Instant.parse("2024-04-03T07:08:09Z")).duration(Duration.ZERO).build();
        assertEquals("Wed Apr 03 07:08:09 2024 0 h 1024 /home/joe/a_b.txt b _ o r joe ftp 1 * c\n",
                text(new XferlogFormat(ZoneOffset.UTC).line(early, "h")));
    }

    @Test
    public void w3cMatchesTheSpecExampleInUtc() {
        assertEquals("2024-04-13 10:34:56 192.0.2.7 []sent /home/joe/a%20b.txt 226 joe 1024\n",
                text(new W3cFormat().line(event().build(), "192.0.2.7")));
        assertEquals("2024-04-13 10:34:56 h []created /home/joe/a%20b.txt 226 joe 1024\n",
                text(new W3cFormat().line(event().direction(Direction.UPLOAD).build(), "h")));
    }

    @Test
    public void w3cHeaderYearIsPaddedToFourDigitsButRecordsAreNot() {
        Instant old = Instant.parse("0999-01-02T03:04:05.900Z");
        assertEquals("#Software: Pure-FTPd 1.0.50\n#Version: 1.0\n#Date: 0999-01-02 03:04:05\n"
                + "#Fields: date time c-ip cs-method cs-uri-stem sc-status cs-username sc-bytes\n",
                text(new W3cFormat().header(old)));
        TransferEvent e = event().start(old).duration(Duration.ZERO).build();
        assertTrue(text(new W3cFormat().line(e, "h")).startsWith("999-01-02 03:04:05 h "));
    }

    @Test
    public void statsKeysTheLineWithSessionStartAndIdInHex() {
        StatsFormat stats = new StatsFormat();
        TransferEvent big = event().sessionId(12345).bytes(5242880).storedPath("/home/joe/big file.iso").build();
        assertEquals("1713004496 661a5fca.3039 joe 192.0.2.7 D 5242880 3 /home/joe/big file.iso\n",
                text(stats.line(big, "192.0.2.7", Instant.parse("2024-04-13T10:34:50.999Z"))));
        // the event's own session start, as the core records it
        TransferEvent keyed = event().sessionId(12345).bytes(5242880).storedPath("/home/joe/big file.iso")
                .sessionStart(Instant.parse("2024-04-13T10:34:50.999Z")).build();
        assertEquals("1713004496 661a5fca.3039 joe h D 5242880 3 /home/joe/big file.iso\n",
                text(stats.line(keyed, "h")));
        // without it, the transfer's start stands in for it
        assertEquals("1713004496 661a5fcd.3039 joe h D 5242880 3 /home/joe/big file.iso\n",
                text(stats.line(big, "h")));
    }

    @Test
    public void xferlogSaysAForAsciiTransfers() {
        XferlogFormat xferlog = new XferlogFormat(java.time.ZoneOffset.UTC);
        String binary = text(xferlog.line(event().storedPath("/srv/a.txt").build(), "h"));
        String ascii = text(xferlog.line(event().storedPath("/srv/a.txt").ascii(true).build(), "h"));
        assertTrue(binary, binary.contains(" /srv/a.txt b _ o "));
        assertEquals(binary.replace(" b _ o ", " a _ o "), ascii);
    }

    @Test
    public void hostileNamesAreEscapedPerFormatAndNeverSplitALine() {
        TransferEvent e = event().direction(Direction.UPLOAD).storedPath(HOSTILE).build();
        String encoded = "/home/joe/it%27s%20%22a%22%09b%0Ac%0Dd%25%C3%A9%20x%01y%7Fz.txt";
        assertEquals("h - joe [13/Apr/2024:10:34:56 -0000] \"PUT " + encoded + "\" 200 1024\n",
                text(new ClfFormat(ZoneOffset.UTC).line(e, "h")));
        assertEquals("2024-04-13 10:34:56 h []created " + encoded + " 226 joe 1024\n",
                text(new W3cFormat().line(e, "h")));
        assertEquals("Sat Apr 13 10:34:56 2024 3 h 1024 /home/joe/it's_\"a\"_b_c_d%\u00e9_x_y_z.txt b _ i r joe ftp 1 * c\n",
                text(new XferlogFormat(ZoneOffset.UTC).line(e, "h")));
        // stats keeps spaces, quotes and UTF-8 raw; only control bytes become '_' (a raw \n would split the line)
        assertEquals("1713004496 661a5fcd.2a joe h U 1024 3 /home/joe/it's \"a\"_b_c_d%\u00e9 x_y_z.txt\n",
                text(new StatsFormat().line(e, "h")));
    }

    @Test
    public void everyFormatWritesExactlyOneLineWhateverTheNamesHostAndAccount() {
        TransferEvent e = event().storedPath(HOSTILE).login("jo\ne\r").build();
        for (String name : new String[] {"clf", "xferlog", "w3c", "stats"}) {
            byte[] line = AltLogFormat.named(name).line(e, "evil\nhost");
            for (int i = 0; i < line.length - 1; i++) {
                assertTrue(name + " has a line break inside: " + text(line), line[i] != '\n' && line[i] != '\r');
            }
            assertEquals(name, '\n', line[line.length - 1]);
            assertTrue(name + ": " + text(line), text(line).contains("evil_host ") && text(line).contains("jo_e_"));
        }
    }

    @Test
    public void utf8NamesAreUrlEncodedBytewise() {
        TransferEvent e = event().storedPath("/srv/\u65e5\u672c/\u00fc~+.txt").build();
        assertEquals("2024-04-13 10:34:56 h []sent /srv/%E6%97%A5%E6%9C%AC/%C3%BC%7E%2B.txt 226 joe 1024\n",
                text(new W3cFormat().line(e, "h")));
    }

    @Test
    public void anonymousSessionsAreAlwaysLoggedAsFtp() {
        TransferEvent anon = event().anonymous(true).login("guest@example.org").bytes(511).build();
        assertEquals("h - ftp [13/Apr/2024:10:34:56 -0000] \"GET /home/joe/a%20b.txt\" 200 511\n",
                text(new ClfFormat(ZoneOffset.UTC).line(anon, "h")));
        assertTrue(text(new XferlogFormat(ZoneOffset.UTC).line(anon, "h")).endsWith(" o r ftp ftp 1 * c\n"));
        assertTrue(text(new W3cFormat().line(anon, "h")).endsWith(" 226 ftp 511\n"));
        assertTrue(text(new StatsFormat().line(anon, "h")).contains(".2a ftp h D 511 "));
    }

    @Test
    public void missingAccountIsDashExceptInW3c() {
        TransferEvent e = event().login(null).build();
        assertTrue(text(new ClfFormat(ZoneOffset.UTC).line(e, "h")).startsWith("h - - [13/Apr"));
        assertTrue(text(new XferlogFormat(ZoneOffset.UTC).line(e, "h")).endsWith(" o r - ftp 1 * c\n"));
        assertTrue(text(new StatsFormat().line(e, "h")).contains(".2a - h D "));
        assertTrue(text(new W3cFormat().line(e, "h")).endsWith(" 226  1024\n"));
        assertTrue(text(new ClfFormat(ZoneOffset.UTC).line(e, "")).startsWith("- - - ["));
    }

    @Test
    public void accountsWithSpacesAreWrittenRaw() {
        TransferEvent e = event().login("joe smith").build();
        assertTrue(text(new XferlogFormat(ZoneOffset.UTC).line(e, "h")).endsWith(" o r joe smith ftp 1 * c\n"));
    }

    @Test
    public void abortedTransfersAreLoggedWithTheBytesMovedAndTheUsualStatusFields() {
        TransferEvent done = event().build();
        TransferEvent aborted = event().status(Status.ABORTED).bytes(777).build();
        for (String name : new String[] {"clf", "xferlog", "w3c", "stats"}) {
            AltLogFormat f = AltLogFormat.named(name);
            assertEquals(name, text(f.line(done, "h")).replace("1024", "777"), text(f.line(aborted, "h")));
        }
    }

    @Test
    public void zeroByteTransfersAreLogged() {
        TransferEvent empty = event().bytes(0).duration(Duration.ZERO).build();
        assertEquals("h - joe [13/Apr/2024:10:34:53 -0000] \"GET /home/joe/a%20b.txt\" 200 0\n",
                text(new ClfFormat(ZoneOffset.UTC).line(empty, "h")));
        assertEquals("1713004493 661a5fcd.2a joe h D 0 0 /home/joe/a b.txt\n", text(new StatsFormat().line(empty, "h")));
    }

    @Test
    public void failedOrUnresolvedTransfersGiveNoLine() {
        TransferEvent failed = event().status(Status.FAILED).bytes(0).build();
        TransferEvent unresolved = event().storedPath(null).build();
        for (String name : new String[] {"clf", "xferlog", "w3c", "stats"}) {
            assertEquals(name, 0, AltLogFormat.named(name).line(failed, "h").length);
            assertEquals(name, 0, AltLogFormat.named(name).line(unresolved, "h").length);
        }
        // spec/altlog.md §7: only xferlog refuses an empty name
        TransferEvent emptyName = event().storedPath("").build();
        assertEquals(0, new XferlogFormat(ZoneOffset.UTC).line(emptyName, "h").length);
        assertTrue(text(new ClfFormat(ZoneOffset.UTC).line(emptyName, "h")).endsWith("\"GET \" 200 1024\n"));
    }

    @Test
    public void durationsRoundHalfUpAndNeverGoNegative() {
        assertEquals(0, TransferFields.roundedSeconds(Duration.ofMillis(499)));
        assertEquals(1, TransferFields.roundedSeconds(Duration.ofMillis(500)));
        assertEquals(11, TransferFields.roundedSeconds(Duration.ofMillis(10_500)));
        assertEquals(0, TransferFields.roundedSeconds(Duration.ofSeconds(-5)));
    }

    @Test
    public void formatsAreFoundByCaseInsensitiveName() {
        assertEquals("clf", AltLogFormat.named("CLF").name());
        assertEquals("xferlog", AltLogFormat.named("XferLog").name());
        assertEquals("w3c", AltLogFormat.named("W3C").name());
        assertEquals("stats", AltLogFormat.named("stats").name());
        assertTrue(AltLogFormat.named("w3c").header(START).length > 0);
        for (String name : new String[] {"clf", "xferlog", "stats"}) {
            assertEquals(name, 0, AltLogFormat.named(name).header(START).length);
        }
    }

    @Test
    public void unknownFormatNamesAreRefusedByName() {
        for (String bad : new String[] {"apache", " clf", "", null}) {
            try {
                AltLogFormat.named(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("\"" + bad + "\"")
                        && e.getMessage().contains("clf, xferlog, w3c or stats"));
            }
        }
    }
}
