package org.plugftpd.altlog.format;

import java.nio.charset.StandardCharsets;

/**
 * The URL-encoding CLF and W3C apply to file names (spec/altlog.md §4 "URL encoding").
 * Stateless; thread-safe.
 */
final class UrlEncoding {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private UrlEncoding() {
    }

    /** Keeps {@code a-z A-Z 0-9 . / _ -}; every other byte becomes {@code %XX} (upper-case hex). */
    static byte[] encode(byte[] name) {
        LineBuilder out = new LineBuilder();
        for (byte b : name) {
            int c = b & 0xff;
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '/' || c == '_' || c == '-';
            if (kept) {
                out.ascii((char) c);
            } else {
                out.ascii('%').ascii((char) HEX[c >> 4]).ascii((char) HEX[c & 0xf]);
            }
        }
        return out.toBytes();
    }
}
