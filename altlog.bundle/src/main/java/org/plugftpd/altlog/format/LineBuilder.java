package org.plugftpd.altlog.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Accumulates the bytes of one log line; ASCII fields and raw byte fields mix freely.
 * One instance per line, confined to the calling thread.
 */
final class LineBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(160);

    LineBuilder ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
        return this;
    }

    LineBuilder ascii(char c) {
        out.write(c);
        return this;
    }

    LineBuilder number(long value) {
        return ascii(Long.toString(value));
    }

    /** Decimal, at least {@code width} digits with leading zeros (C's {@code %02d}, {@code %04d}). */
    LineBuilder padded(long value, int width) {
        String digits = Long.toString(Math.abs(value));
        if (value < 0) {
            out.write('-');
        }
        for (int i = digits.length(); i < width; i++) {
            out.write('0');
        }
        return ascii(digits);
    }

    LineBuilder bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    LineBuilder utf8(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
