package org.plugftpd.core.impl.control;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Splits the bytes of a control connection into command lines. A line ends at LF (a CR just
 * before it is dropped, as is every Telnet command: RFC 959 §4.1.2 has clients send IAC IP and
 * IAC DM before ABOR); IAC IAC stands for the byte 0xFF. A line that does not decode in the
 * charset, or that runs past {@code maxLine} bytes without its LF, is reported as such and costs
 * nothing else: the decoder starts afresh with the next line. Memory is bounded by
 * {@code maxLine}; {@link #decode} never throws. One instance per connection, not thread-safe.
 */
public final class ControlLineDecoder {
    /** spec: Pure-FTPd's command buffer, {@code cmdsize = PATH_MAX + 16} (globals.h), terminator included. */
    public static final int PURE_FTPD_MAX_LINE = 4096 + 16;

    /** What the decoder found. Called on the decoding thread, in the order of the input. */
    public interface Sink {
        /** A complete line, without its terminator and Telnet commands. */
        void line(String line);

        /** A complete line whose bytes are not valid in the charset; its content is not kept. */
        void undecodable(int length);

        /** More than the maximum without a line end; the rest up to the next LF is skipped. */
        void tooLong(int limit);
    }

    private static final int IAC = 0xFF;
    private static final int DONT = 0xFE;
    private static final int WILL = 0xFB;
    private static final int SB = 0xFA;
    private static final int IP = 0xF4;
    private static final int DM = 0xF2;
    private static final int SE = 0xF0;

    private enum Telnet { DATA, COMMAND, OPTION, SUBNEGOTIATION, SUBNEGOTIATION_COMMAND }

    private final CharsetDecoder charset;
    private final int maxLine;
    private final byte[] line;
    private int length;
    /** Bytes of the current line as received, Telnet commands and terminator included. */
    private int received;
    private boolean pendingCr;
    private boolean skipping;
    private boolean afterInterrupt;
    private Telnet telnet = Telnet.DATA;

    public ControlLineDecoder(Charset charset, int maxLine) {
        if (maxLine < 2) {
            throw new IllegalArgumentException("maxLine must leave room for CRLF: " + maxLine);
        }
        this.charset = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.maxLine = maxLine;
        this.line = new byte[maxLine];
    }

    /** True while part of a line has arrived and its LF has not. */
    public boolean inLine() {
        return received > 0;
    }

    /** Consumes every remaining byte of {@code in}, reporting each line end to {@code sink}. */
    public void decode(ByteBuffer in, Sink sink) {
        while (in.hasRemaining()) {
            int b = in.get() & 0xFF;
            if (b == '\n') {
                endLine(sink);
                continue;
            }
            if (skipping) {
                continue;
            }
            if (++received > maxLine) {
                clear();
                skipping = true;
                sink.tooLong(maxLine);
                continue;
            }
            telnet(b);
        }
    }

    private void telnet(int b) {
        switch (telnet) {
            case COMMAND:
                telnet = Telnet.DATA;
                if (b == IAC) {
                    data(IAC);
                } else if (b >= WILL && b <= DONT) {
                    telnet = Telnet.OPTION;
                } else if (b == SB) {
                    telnet = Telnet.SUBNEGOTIATION;
                } else if (b < SE) {
                    // not a Telnet command: keep the byte, drop the lone IAC
                    data(b);
                } else {
                    afterInterrupt = b == IP;
                }
                return;
            case OPTION:
                telnet = Telnet.DATA;
                return;
            case SUBNEGOTIATION:
                if (b == IAC) {
                    telnet = Telnet.SUBNEGOTIATION_COMMAND;
                }
                return;
            case SUBNEGOTIATION_COMMAND:
                telnet = b == SE ? Telnet.DATA : Telnet.SUBNEGOTIATION;
                return;
            default:
                if (b == IAC) {
                    telnet = Telnet.COMMAND;
                } else if (b == DM && afterInterrupt) {
                    // the Synch's IAC went out of band (urgent data): its DM arrives alone
                    afterInterrupt = false;
                } else {
                    data(b);
                }
        }
    }

    private void data(int b) {
        afterInterrupt = false;
        if (pendingCr) {
            pendingCr = false;
            append('\r');
        }
        if (b == '\r') {
            pendingCr = true;
        } else {
            append(b);
        }
    }

    private void append(int b) {
        // received counts every byte, so length < received <= maxLine and this always fits
        line[length++] = (byte) b;
    }

    private void endLine(Sink sink) {
        boolean tooLong = skipping;
        if (!tooLong && ++received > maxLine) {
            sink.tooLong(maxLine);
            tooLong = true;
        }
        if (tooLong) {
            clear();
            return;
        }
        int n = length;
        String text = null;
        try {
            CharBuffer chars = charset.reset().decode(ByteBuffer.wrap(line, 0, n));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            // reported below, without the bytes: they may hold a password
        }
        clear();
        if (text == null) {
            sink.undecodable(n);
        } else {
            sink.line(text);
        }
    }

    private void clear() {
        // the line may have been a password
        java.util.Arrays.fill(line, 0, length, (byte) 0);
        length = 0;
        received = 0;
        pendingCr = false;
        skipping = false;
        afterInterrupt = false;
        telnet = Telnet.DATA;
    }
}
