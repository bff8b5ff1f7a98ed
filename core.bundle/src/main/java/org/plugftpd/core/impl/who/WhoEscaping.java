package org.plugftpd.core.impl.who;

/**
 * The escaping pure-ftpwho applies to names from the scoreboard: markup for HTML/XML/plist
 * (spec/ftpwho.md §4.2) and the shell-parsable format (§4.4). Stateless, thread-safe.
 */
final class WhoEscaping {

    /** spec/ftpwho.md §4.2: escaped markup text is cut at PATH_MAX + 31 bytes (Linux PATH_MAX 4096). */
    static final int MAX_MARKUP_BYTES = 4096 + 31;

    private WhoEscaping() {
    }

    /**
     * Control characters become {@code ?}, {@code < > &} become entities, quotes are left alone.
     * When the limit is reached the rest is dropped at a character boundary, never inside an entity.
     */
    static String markup(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            String piece;
            if (isControl(codePoint)) {
                piece = "?";
            } else if (codePoint == '<') {
                piece = "&lt;";
            } else if (codePoint == '>') {
                piece = "&gt;";
            } else if (codePoint == '&') {
                piece = "&amp;";
            } else {
                piece = new String(Character.toChars(codePoint));
            }
            int pieceBytes = WhoEntry.utf8Length(piece);
            if (bytes + pieceBytes > MAX_MARKUP_BYTES) {
                break;
            }
            bytes += pieceBytes;
            escaped.append(piece);
        }
        return escaped.toString();
    }

    /** Control characters become {@code _}; {@code |} and {@code \} get a backslash in front. */
    static String shell(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                escaped.append('_');
            } else {
                if (c == '|' || c == '\\') {
                    escaped.append('\\');
                }
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** The bytes pure-ftpwho treats as control codes: below 0x20, and DEL. */
    private static boolean isControl(int codePoint) {
        return codePoint < 0x20 || codePoint == 0x7f;
    }
}
