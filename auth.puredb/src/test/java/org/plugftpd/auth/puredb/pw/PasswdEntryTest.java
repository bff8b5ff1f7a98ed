package org.plugftpd.auth.puredb.pw;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;

public class PasswdEntryTest {
    /** Every line pure-pw wrote parses and is written back byte for byte. */
    @Test
    public void linesPurePwWroteComeBackUnchanged() throws IOException {
        Path vectors = PwTestSupport.vectors();
        int checked = 0;
        for (Path file : new Path[] {vectors.resolve("passwd/pureftpd.passwd"),
                vectors.resolve("pdb-edge/unusual.passwd"), vectors.resolve("pdb-edge/users1000.passwd"),
                vectors.resolve("pdb-edge/one.passwd")}) {
            for (String line : Files.readString(file, StandardCharsets.ISO_8859_1).split("\n")) {
                PasswdEntry entry = PasswdEntry.parse(line);
                if (line.startsWith("alempty:")) {
                    assertNull("empty password field", entry);
                    continue;
                }
                assertNotNull(line, entry);
                assertEquals(line + "\n", entry.toLine());
                checked++;
            }
        }
        assertEquals(40 + 19 + 1000 + 1, checked);
    }

    @Test
    public void fieldsAreReadInFileOrderUploadBeforeDownload() {
        PasswdEntry entry = PasswdEntry.parse("alall:$h:2990:2990:All Options:/h/./:20480:10240:2:3:5:100:5242880:"
                + "127.0.0.0/8::127.0.0.1/8::0-2359");
        assertEquals(Long.valueOf(20480), entry.uploadBandwidth);
        assertEquals(Long.valueOf(10240), entry.downloadBandwidth);
        assertEquals(Long.valueOf(2), entry.uploadRatio);
        assertEquals(Long.valueOf(3), entry.downloadRatio);
        assertEquals(Long.valueOf(5), entry.maxSessions);
        assertEquals(Long.valueOf(100), entry.filesQuota);
        assertEquals(Long.valueOf(5242880), entry.sizeQuota);
        assertEquals("127.0.0.0/8", entry.allowLocalIps);
        assertEquals("", entry.denyLocalIps);
        assertEquals("127.0.0.1/8", entry.allowClientIps);
        assertEquals("", entry.denyClientIps);
        assertArrayEquals(new long[] {0, 2359}, entry.timeWindow);
    }

    @Test
    public void invalidLinesAreRefused() {
        for (String line : new String[] {"nocolon", ":h:1:1::/h", "u::1:1::/h", "u:h::1::/h", "u:h:1:::/h",
                "u:h:0:1::/h", "u:h:1:0::/h", "u:h:abc:1::/h", "u:h:1:1", "u:h:1:1:", "u:h:1:1::",
                "u:h:1:1::rel"}) {
            assertNull(line, PasswdEntry.parse(line));
        }
    }

    @Test
    public void timeWindowBoundsAreClockTimesBelow2360WithMinutesBelow60() {
        assertArrayEquals(new long[] {0, 2359}, PasswdEntry.purePwTimeWindow("0-2359"));
        assertArrayEquals(new long[] {900, 1800}, PasswdEntry.purePwTimeWindow("0900-1800trailing"));
        assertNull(PasswdEntry.purePwTimeWindow("0-2360"));
        assertNull(PasswdEntry.purePwTimeWindow("960-1000"));
        assertNull(PasswdEntry.purePwTimeWindow("0900-1860"));
        // -1 is 4294967295 as %u: no clock time (the server would still compare it, see AccountParserTest)
        assertNull(PasswdEntry.purePwTimeWindow("-1-5"));
        assertNull(PasswdEntry.purePwTimeWindow("0900"));
        assertNull(PasswdEntry.purePwTimeWindow(""));
        assertFalse(PasswdEntry.parse("t:h:1:1::/h:::::::::::::2300-2400").toLine().endsWith("2300-2400\n"));
    }

    @Test
    public void shortLinesAndGarbageNumbersFollowC() {
        PasswdEntry entry = PasswdEntry.parse("ws: h: 1 :+1::/h:x:-1:abc:5:0:1:2:::::");
        assertEquals(" h", entry.password);
        assertEquals(1, entry.uid);
        assertEquals(1, entry.gid);
        assertEquals(Long.valueOf(0), entry.uploadBandwidth);
        assertEquals(Long.valueOf(-1), entry.downloadBandwidth);
        assertNull("ratio abc is 0: not set", entry.uploadRatio);
        assertNull("0 sessions: not set", entry.maxSessions);
        assertNull(entry.timeWindow);
        // usermod writes what pure-pw would: the garbage becomes numbers or empty fields
        assertEquals("ws: h:1:1::/h:0:18446744073709551615::5::1:2:::::\n", entry.toLine());

        PasswdEntry shortLine = PasswdEntry.parse("ok:h:1:1::/h");
        assertNull(shortLine.allowLocalIps);
        assertEquals("ok:h:1:1::/h::::::::::::\n", shortLine.toLine());

        PasswdEntry badTime = PasswdEntry.parse("t:h:1:1::/h:::::::::::::25-99:extra");
        assertNull(badTime.timeWindow);
    }
}
