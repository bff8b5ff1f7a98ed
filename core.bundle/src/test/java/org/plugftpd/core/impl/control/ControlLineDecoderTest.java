package org.plugftpd.core.impl.control;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.plugftpd.core.impl.control.DecodedEvents.bytes;
import static org.plugftpd.core.impl.control.DecodedEvents.decode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;

public class ControlLineDecoderTest {
    private static final int MAX = ControlLineDecoder.PURE_FTPD_MAX_LINE;

    @Test
    public void everyLineAfterABadOneStillArrives() {
        // the sample: MINA's decoder answered two of these four
        assertEquals(List.of("NOOP", "<undecodable 7>", "NOOP", "NOOP"),
                decode(bytes("NOOP\r\nSYST \u00c0\u00ae\r\nNOOP\r\nNOOP\r\n")));
    }

    @Test
    public void theThreeWriteSequenceGivesThreeLines() {
        // SYST \xc0\xae\r, pause, \nSYST\r\n, pause, \r\nNOOP\r\n: a stale CR match made MINA throw OutOfMemoryError
        assertEquals(List.of("<undecodable 7>", "SYST", "", "NOOP"),
                decode(bytes("SYST \u00c0\u00ae\r"), bytes("\nSYST\r\n"), bytes("\r\nNOOP\r\n")));
    }

    @Test
    public void bareLfEndsALineLikeCrLf() {
        assertEquals(List.of("USER a", "PASS b"), decode(bytes("USER a\nPASS b\r\n")));
    }

    @Test
    public void aCrNotBeforeLfStaysInTheLine() {
        assertEquals(List.of("RETR a\rb"), decode(bytes("RETR a\rb\r\n")));
    }

    @Test
    public void utf8ArgumentsDecode() {
        byte[] line = "STOR 100% done \u00e9.txt\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("STOR 100% done \u00e9.txt"), decode(line));
    }

    @Test
    public void aUtf8CharacterSplitAcrossReadsDecodes() {
        byte[] line = "CWD \u00e9\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] a = java.util.Arrays.copyOfRange(line, 0, 5);
        byte[] b = java.util.Arrays.copyOfRange(line, 5, line.length);
        assertEquals(List.of("CWD \u00e9"), decode(a, b));
    }

    @Test
    public void telnetInterruptAndSynchBeforeAborAreStripped() {
        // IAC IP, IAC DM, ABOR (RFC 959 4.1.3)
        assertEquals(List.of("ABOR"), decode(bytes("\u00ff\u00f4\u00ff\u00f2ABOR\r\n")));
    }

    @Test
    public void aSynchWhoseIacWentOutOfBandIsStrippedToo() {
        // with the urgent IAC taken out of the stream, the DM arrives alone right after IAC IP
        assertEquals(List.of("ABOR"), decode(bytes("\u00ff\u00f4\u00f2ABOR\r\n")));
    }

    @Test
    public void aDmByteElsewhereIsData() {
        assertEquals(List.of("<undecodable 6>"), decode(bytes("CWD \u00f2x\r\n")));
    }

    @Test
    public void doubledIacIsTheByte0xff() {
        // 0xff alone is no valid UTF-8: the line arrives as undecodable, not as a Telnet command
        assertEquals(List.of("<undecodable 5>"), decode(bytes("CWD \u00ff\u00ff\r\n")));
    }

    @Test
    public void optionNegotiationIsStripped() {
        // IAC WILL x, IAC WONT x, IAC DO x, IAC DONT x
        assertEquals(List.of("NOOP"), decode(bytes("\u00ff\u00fb\u0001N\u00ff\u00fc\u0003O\u00ff\u00fd\u0018O\u00ff\u00fe\u001fP\r\n")));
    }

    @Test
    public void subnegotiationIsStripped() {
        assertEquals(List.of("NOOP"), decode(bytes("NO\u00ff\u00fa\u0018\u0000xterm\u00ff\u00ff\u00ff\u00f0OP\r\n")));
    }

    @Test
    public void aLoneIacBeforeAnOrdinaryByteKeepsTheByte() {
        assertEquals(List.of("ABOR"), decode(bytes("\u00ffABOR\r\n")));
    }

    @Test
    public void telnetCommandsSplitAcrossReadsAreStripped() {
        assertEquals(List.of("ABOR"), decode(bytes("\u00ff"), bytes("\u00f4\u00ff"), bytes("\u00f2AB"), bytes("OR\r"),
                bytes("\n")));
    }

    @Test
    public void aLineOfExactlyTheLimitIsAccepted() {
        String body = "x".repeat(MAX - 2);
        assertEquals(List.of(body), decode(bytes(body + "\r\n")));
    }

    @Test
    public void aLineOneByteOverTheLimitIsTooLongAndTheNextLineIsClean() {
        String body = "x".repeat(MAX - 1);
        assertEquals(List.of("<too long>", "NOOP"), decode(bytes(body + "\r\nNOOP\r\n")));
    }

    @Test
    public void anUnterminatedFloodIsReportedOnceAndSkipped() {
        ControlLineDecoder decoder = new ControlLineDecoder(StandardCharsets.UTF_8, MAX);
        byte[] chunk = bytes("A".repeat(1000));
        DecodedEvents sink = new DecodedEvents();
        for (int i = 0; i < 10_000; i++) {
            decoder.decode(java.nio.ByteBuffer.wrap(chunk), sink);
        }
        assertEquals(List.of("<too long>"), sink.events);
        decoder.decode(java.nio.ByteBuffer.wrap(bytes("\nNOOP\r\n")), sink);
        assertEquals(List.of("<too long>", "NOOP"), sink.events);
    }

    @Test
    public void telnetBytesCountTowardTheLimit() {
        // a client cannot hold a line open forever with Telnet NOPs
        String nops = "\u00ff\u00f1".repeat(MAX);
        assertEquals(List.of("<too long>"), decode(bytes(nops + "\r\n")));
    }

    @Test
    public void inLineSaysWhetherALineIsUnfinished() {
        ControlLineDecoder decoder = new ControlLineDecoder(StandardCharsets.UTF_8, MAX);
        assertFalse(decoder.inLine());
        decode(decoder, bytes("NO"));
        assertTrue(decoder.inLine());
        decode(decoder, bytes("OP\r\n"));
        assertFalse(decoder.inLine());
    }

    @Test
    public void abortIsRecognisedInAnyCaseWithArgumentsOrSpaces() {
        assertTrue(ControlLineFilter.isAbort("ABOR"));
        assertTrue(ControlLineFilter.isAbort("abor"));
        assertTrue(ControlLineFilter.isAbort("  AbOr  "));
        assertFalse(ControlLineFilter.isAbort("ABORT"));
        assertFalse(ControlLineFilter.isAbort("NOOP ABOR"));
        assertFalse(ControlLineFilter.isAbort(""));
    }
}
