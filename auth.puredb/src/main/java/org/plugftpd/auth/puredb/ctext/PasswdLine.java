package org.plugftpd.auth.puredb.ctext;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line of a {@code pureftpd.passwd} file as {@link FgetsLineReader} delivers it: the bytes up to the first
 * NUL, CR or LF, with pure-pw's conventions ({@code :} separates fields, {@code #} starts a comment) and mkdb's
 * rule for what becomes a record (spec/puredb.md §5.2). Immutable (the array is not exposed); thread-safe.
 *
 * @param number   the 1-based physical line the text starts on
 * @param tooLong  the physical line was longer than {@link FgetsLineReader#MAX_PIECE_BYTES} and
 *                 {@code content} holds only its start ({@link FgetsLineReader#nextWholeLine} only)
 * @param cutShort a NUL byte, or a CR that does not end the line, cut the content before the line's end
 */
public record PasswdLine(int number, byte[] content, boolean tooLong, boolean cutShort) {

    private static final byte SEPARATOR = ':';
    private static final byte COMMENT = '#';

    /** Builds a line from what one fgets call returned: C string functions stop at NUL, strip_lf at CR then LF. */
    static PasswdLine of(int number, byte[] raw, int length, boolean tooLong) {
        int end = FgetsLineReader.cStringLength(raw, length);
        int rest = length - end;
        boolean lineEnd = rest == 0 || raw[end] == '\n'
                || raw[end] == '\r' && (rest == 1 || rest == 2 && raw[end + 1] == '\n');
        return new PasswdLine(number, Arrays.copyOf(raw, end), tooLong, !tooLong && !lineEnd);
    }

    /**
     * mkdb's rule: a comment, an empty line, no {@code :}, or nothing after the first {@code :} adds nothing.
     * (pure-pw's list, show and usermod have a stricter rule of their own: pw.PasswdEntry#parse.)
     */
    public boolean isMkdbRecord() {
        int colon = colon();
        return content.length > 0 && content[0] != COMMENT && colon >= 0 && colon < content.length - 1;
    }

    public boolean isEmpty() {
        return content.length == 0;
    }

    public boolean isComment() {
        return content.length > 0 && content[0] == COMMENT;
    }

    /** True for an empty line or one of spaces and tabs only. */
    public boolean isBlank() {
        for (byte b : content) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The bytes before the first {@code :} (the whole line without one). */
    public byte[] key() {
        int colon = colon();
        return Arrays.copyOf(content, colon < 0 ? content.length : colon);
    }

    /** The bytes after the first {@code :} (empty without one). */
    public byte[] value() {
        int colon = colon();
        return colon < 0 ? new byte[0] : Arrays.copyOfRange(content, colon + 1, content.length);
    }

    /** The login as text, for messages. */
    public String login() {
        return new String(key(), StandardCharsets.UTF_8);
    }

    /** The content as a byte string (one char per byte), for code that keeps the bytes exactly as they are. */
    public String byteString() {
        return new String(content, StandardCharsets.ISO_8859_1);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    private int colon() {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == SEPARATOR) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswdLine l && number == l.number && tooLong == l.tooLong && cutShort == l.cutShort
                && Arrays.equals(content, l.content);
    }

    @Override
    public int hashCode() {
        return 31 * number + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "line " + number + (tooLong ? " (too long)" : "") + ": " + new String(content, StandardCharsets.UTF_8);
    }
}
