package org.plugftpd.auth.puredb.ctext;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.Test;

public class FgetsLineReaderTest {

    @Test
    public void piecesCutLinesInto2046BytePiecesLikeFgets() throws Exception {
        String text = "a".repeat(2046) + "\n" + "b".repeat(2047) + "\n" + "c".repeat(4093) + "\r\nlast";
        // 2046 + LF fits in one fgets call's 2046 bytes only without its LF, which comes back as an empty line
        assertEquals(List.of("1:2046", "1:0", "2:2046", "2:1", "3:2046", "3:2046", "3:1", "4:4"),
                shapes(readAll(text, true)));
    }

    @Test
    public void wholeLinesFlagLinesLongerThan2046BytesAndKeepCounting() throws Exception {
        String text = "a".repeat(2046) + "\n" + "b".repeat(2046) + "\r\n" + "c".repeat(2046) + "\r" + "\n"
                + "d".repeat(2047) + "\n" + "e".repeat(2046) + "\rx\n" + "f".repeat(1 << 20) + "\n" + "g".repeat(2046);
        assertEquals(List.of("1:2046", "2:2046", "3:2046", "4:2046!", "5:2046!", "6:2046!", "7:2046"),
                shapes(readAll(text, false)));
    }

    @Test
    public void aWholeLineOf2046BytesMayEndWithCrAtTheEndOfTheInput() throws Exception {
        assertEquals(List.of("1:2046"), shapes(readAll("h".repeat(2046) + "\r", false)));
        assertEquals(List.of("1:2046!", "2:1"), shapes(readAll("h".repeat(2046) + "\r\r\nz", false)));
    }

    @Test
    public void contentEndsAtTheFirstNulCrOrLf() throws Exception {
        for (boolean pieces : new boolean[] {true, false}) {
            List<PasswdLine> lines = readAll("a:b\r\nc:d\rjunk\ne\0f:g\nh:i", pieces);
            assertEquals("a:b", lines.get(0).byteString());
            assertFalse(lines.get(0).cutShort());
            assertEquals("c:d", lines.get(1).byteString());
            assertTrue(lines.get(1).cutShort());
            assertEquals("e", lines.get(2).byteString());
            assertTrue(lines.get(2).cutShort());
            assertFalse(lines.get(2).isMkdbRecord());
            assertEquals("h", lines.get(3).login());
            assertEquals("i", new String(lines.get(3).value(), ISO_8859_1));
            assertFalse(lines.get(3).cutShort());
        }
    }

    @Test
    public void mkdbSkipRules() throws Exception {
        List<PasswdLine> lines = readAll("#a:b\n\nno-colon\nnothing:\n:empty-login\nx::\n   \n", true);
        boolean[] records = {false, false, false, false, true, true, false};
        for (int i = 0; i < records.length; i++) {
            assertEquals(lines.get(i).toString(), records[i], lines.get(i).isMkdbRecord());
        }
        assertTrue(lines.get(0).isComment());
        assertTrue(lines.get(1).isEmpty());
        assertTrue(lines.get(6).isBlank());
        assertFalse(lines.get(6).isEmpty());
        assertEquals("no-colon", new String(lines.get(2).key(), ISO_8859_1));
        assertEquals("", lines.get(4).login());
        assertEquals(":", new String(lines.get(5).value(), ISO_8859_1));
    }

    @Test
    public void bytesSurviveAsAByteString() throws Exception {
        byte[] raw = {'z', (byte) 0xc3, (byte) 0xab, ':', (byte) 0xff, '\n'};
        PasswdLine line = new FgetsLineReader(new ByteArrayInputStream(raw)).nextPiece();
        assertArrayEquals(Arrays.copyOf(raw, 5), line.byteString().getBytes(ISO_8859_1));
        assertEquals("zë", line.login());
    }

    @Test
    public void fgetsNeverReadsPastTheLineSoTheNextReaderGetsTheRest() throws Exception {
        InputStream in = new ByteArrayInputStream("first\r\nsecond\n".getBytes(ISO_8859_1));
        byte[] buffer = new byte[FgetsLineReader.MAX_PIECE_BYTES];
        int length = FgetsLineReader.fgets(in, buffer);
        assertEquals("first\r\n", new String(buffer, 0, length, ISO_8859_1));
        assertEquals(5, FgetsLineReader.cStringLength(buffer, length));
        assertEquals("second", new FgetsLineReader(in).nextPiece().byteString());
        assertEquals(0, FgetsLineReader.fgets(in, buffer));
    }

    @Test
    public void fgetsStopsAfter2046BytesAndNeedsABufferThatLarge() throws Exception {
        InputStream in = new ByteArrayInputStream(("p".repeat(2050) + "\n").getBytes(ISO_8859_1));
        byte[] buffer = new byte[FgetsLineReader.MAX_PIECE_BYTES + 10];
        assertEquals(2046, FgetsLineReader.fgets(in, buffer));
        assertEquals(5, FgetsLineReader.fgets(in, buffer));
        assertThrows(IllegalArgumentException.class, () -> FgetsLineReader.fgets(in, new byte[2045]));
    }

    @Test
    public void cStringLengthStopsAtNulCrOrLfWithinTheGivenLength() {
        byte[] raw = "ab\0cd\ref\n".getBytes(ISO_8859_1);
        assertEquals(2, FgetsLineReader.cStringLength(raw, raw.length));
        assertEquals(1, FgetsLineReader.cStringLength(raw, 1));
        assertEquals(0, FgetsLineReader.cStringLength("\rx".getBytes(ISO_8859_1), 2));
        assertEquals(3, FgetsLineReader.cStringLength("xyz".getBytes(ISO_8859_1), 3));
    }

    private static List<String> shapes(List<PasswdLine> lines) {
        List<String> shapes = new ArrayList<>();
        for (PasswdLine line : lines) {
            shapes.add(line.number() + ":" + line.content().length + (line.tooLong() ? "!" : ""));
        }
        return shapes;
    }

    private static List<PasswdLine> readAll(String text, boolean pieces) throws IOException {
        FgetsLineReader reader = new FgetsLineReader(new ByteArrayInputStream(text.getBytes(ISO_8859_1)));
        List<PasswdLine> lines = new ArrayList<>();
        for (PasswdLine line = next(reader, pieces); line != null; line = next(reader, pieces)) {
            lines.add(line);
        }
        assertNull(next(reader, pieces));
        return lines;
    }

    private static PasswdLine next(FgetsLineReader reader, boolean pieces) throws IOException {
        return pieces ? reader.nextPiece() : reader.nextWholeLine();
    }
}
