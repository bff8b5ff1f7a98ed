package org.plugftpd.core.impl.data;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class AsciiAndThrottleTest {

    private static String run(AsciiLineEnds c, String... blocks) {
        StringBuilder sb = new StringBuilder();
        for (String b : blocks) {
            byte[] in = b.getBytes(StandardCharsets.ISO_8859_1);
            byte[] out = new byte[AsciiLineEnds.maxOutput(in.length)];
            sb.append(new String(out, 0, c.convert(in, in.length, out), StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    @Test
    public void downloadsGetCrlfLineEndsEvenAcrossBlocks() {
        assertEquals("a\r\nb\r\nc\r\n", run(AsciiLineEnds.toClient(), "a\nb\r", "\nc\n"));
    }

    @Test
    public void uploadsGetLocalLineEnds() {
        assertEquals("a\nb\nc\nd", run(AsciiLineEnds.fromClient(), "a\r", "\nb\rc\nd"));
    }

    @Test
    public void throttleKeepsTheAverageAtTheLimit() {
        Throttle t = new Throttle(1000, 0);
        assertEquals(0, t.delayNanos(0, 0));
        assertEquals(2_000_000_000L, t.delayNanos(2000, 0));
        assertEquals(0, t.delayNanos(2000, 3_000_000_000L));
        assertEquals(1024, t.blockSize(65536));
        assertEquals(0, new Throttle(0, 0).delayNanos(1 << 30, 0));
    }
}
