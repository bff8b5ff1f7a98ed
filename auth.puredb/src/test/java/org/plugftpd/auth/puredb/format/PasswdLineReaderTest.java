package org.plugftpd.auth.puredb.format;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class PasswdLineReaderTest {

    @Test
    public void mkdbModeCutsLinesInto2046BytePiecesLikeFgets() throws Exception {
        String text = "a".repeat(2046) + "\n" + "b".repeat(2047) + "\n" + "c".repeat(4093) + "\r\nlast";
        List<PasswdLine> lines = readAll(text, true);
        List<String> shapes = new ArrayList<>();
        for (PasswdLine line : lines) {
            shapes.add(line.number() + ":" + line.content().length + (line.tooLong() ? "!" : ""));
        }
        // 2046 + LF fits in one fgets call's 2046 bytes only without its LF, which comes back as an empty line
        assertEquals(List.of("1:2046", "1:0", "2:2046", "2:1", "3:2046", "3:2046", "3:1", "4:4"), shapes);
    }

    @Test
    public void textModeFlagsLinesLongerThan2046BytesAndKeepsCounting() throws Exception {
        String text = "a".repeat(2046) + "\n" + "b".repeat(2046) + "\r\n" + "c".repeat(2046) + "\r" + "\n"
                + "d".repeat(2047) + "\n" + "e".repeat(2046) + "\rx\n" + "f".repeat(1 << 20) + "\n" + "g".repeat(2046);
        List<PasswdLine> lines = readAll(text, false);
        List<String> shapes = new ArrayList<>();
        for (PasswdLine line : lines) {
            shapes.add(line.number() + ":" + line.content().length + (line.tooLong() ? "!" : ""));
        }
        assertEquals(List.of("1:2046", "2:2046", "3:2046", "4:2046!", "5:2046!", "6:2046!", "7:2046"), shapes);
    }

    @Test
    public void contentEndsAtTheFirstNulCrOrLf() throws Exception {
        List<PasswdLine> lines = readAll("a:b\r\nc:d\rjunk\ne\0f:g\nh:i", false);
        assertEquals("a:b", new String(lines.get(0).content(), ISO_8859_1));
        assertFalse(lines.get(0).cutShort());
        assertEquals("c:d", new String(lines.get(1).content(), ISO_8859_1));
        assertTrue(lines.get(1).cutShort());
        assertEquals("e", new String(lines.get(2).content(), ISO_8859_1));
        assertTrue(lines.get(2).cutShort());
        assertFalse(lines.get(2).isAccount());
        assertEquals("h", lines.get(3).login());
        assertEquals("i", new String(lines.get(3).value(), ISO_8859_1));
        assertFalse(lines.get(3).cutShort());
    }

    @Test
    public void mkdbSkipRules() throws Exception {
        List<PasswdLine> lines = readAll("#a:b\n\nno-colon\nnothing:\n:empty-login\nx::\n   \n", true);
        boolean[] accounts = {false, false, false, false, true, true, false};
        for (int i = 0; i < accounts.length; i++) {
            assertEquals(lines.get(i).toString(), accounts[i], lines.get(i).isAccount());
        }
        assertEquals("", lines.get(4).login());
        assertEquals(":", new String(lines.get(5).value(), ISO_8859_1));
    }

    private static List<PasswdLine> readAll(String text, boolean split) throws IOException {
        PasswdLineReader reader = new PasswdLineReader(new ByteArrayInputStream(text.getBytes(ISO_8859_1)), split);
        List<PasswdLine> lines = new ArrayList<>();
        for (PasswdLine line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        assertNull(reader.next());
        return lines;
    }
}
