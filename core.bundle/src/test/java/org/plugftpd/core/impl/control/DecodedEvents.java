package org.plugftpd.core.impl.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records what a decoder reports, as readable strings: the line itself, "<undecodable n>", "<too long>". */
final class DecodedEvents implements ControlLineDecoder.Sink {
    final List<String> events = new ArrayList<>();

    @Override
    public void line(String line) {
        events.add(line);
    }

    @Override
    public void undecodable(int length) {
        events.add("<undecodable " + length + ">");
    }

    @Override
    public void tooLong(int limit) {
        events.add("<too long>");
    }

    static List<String> decode(ControlLineDecoder decoder, byte[]... chunks) {
        DecodedEvents sink = new DecodedEvents();
        for (byte[] chunk : chunks) {
            decoder.decode(ByteBuffer.wrap(chunk), sink);
        }
        return sink.events;
    }

    static List<String> decode(byte[]... chunks) {
        return decode(new ControlLineDecoder(StandardCharsets.UTF_8, ControlLineDecoder.PURE_FTPD_MAX_LINE), chunks);
    }

    /** Bytes from a string of chars 0-255 (ISO-8859-1), so tests can write {@code "\u00ff\u00f4"} for IAC IP. */
    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }
}
