package org.plugftpd.core.impl.who;

/**
 * The C printf field widths pure-ftpwho's text table uses. Widths count bytes, as printf does, so
 * a non-ASCII name lines up exactly as it would on a UTF-8 pure-ftpd. Stateless, thread-safe.
 */
final class PrintfPadding {

    private PrintfPadding() {
    }

    /** {@code %-Ns}: left-aligned, padded, never truncated. */
    static String left(String text, int width) {
        return text + spaces(width - WhoEntry.utf8Length(text));
    }

    /** {@code %N.Ns}: right-aligned and cut to N bytes. */
    static String rightTruncated(String text, int width) {
        String cut = WhoEntry.keepFirstBytes(text, width);
        return spaces(width - WhoEntry.utf8Length(cut)) + cut;
    }

    /** {@code %-N.Ns}: left-aligned and cut to N bytes. */
    static String leftTruncated(String text, int width) {
        return left(WhoEntry.keepFirstBytes(text, width), width);
    }

    /** {@code %Nd} / {@code %Nlu} for a non-negative number: right-aligned, never truncated. */
    static String right(long number, int width) {
        String digits = Long.toString(number);
        return spaces(width - digits.length()) + digits;
    }

    /** {@code %-Nlu}. */
    static String left(long number, int width) {
        return left(Long.toString(number), width);
    }

    /** {@code %02lu}. */
    static String twoDigits(long number) {
        return number < 10 && number >= 0 ? "0" + number : Long.toString(number);
    }

    private static String spaces(int count) {
        return count <= 0 ? "" : " ".repeat(count);
    }
}
