package org.plugftpd.core.impl.fs;

/**
 * Which names a client may address at all and which it may create or change
 * (spec/server-behaviour.md §4, "Prohibited file name"), and how a client's name may be echoed
 * in a reply or a log line. Stateless and thread-safe.
 */
public final class FileNamePolicy {

    private static final String QUOTA_FILE = ".ftpquota";
    private static final String RESERVED_PREFIX = ".pureftpd-";
    /** The server's temporary upload names: {@code .pureftpd-upload.<hex>}. */
    public static final String UPLOAD_TEMPORARY_PREFIX = ".pureftpd-upload.";
    /** A directory being created: made at the jail's top under this name, then moved into place. */
    static final String MKDIR_TEMPORARY_PREFIX = ".pureftpd-mkdir.";

    private FileNamePolicy() {
    }

    /** True when the text holds a control byte (below 0x20, or DEL): such names are refused. */
    public static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The text with every control byte replaced by {@code ?}, safe to echo in a reply. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }

    /**
     * True when a file of this name may be created, written, renamed, deleted or touched: no
     * backslash (Pure-FTPd refuses them for writes) and not one of the server's own files
     * ({@code .ftpquota}, {@code .pureftpd-*}).
     */
    static boolean mayWrite(String name) {
        return name.indexOf('\\') < 0
                && !name.equals(QUOTA_FILE)
                && !name.startsWith(RESERVED_PREFIX)
                && !hasControlCharacter(name);
    }

    /**
     * True for the server's temporary upload files. Clients can neither create, write, rename nor
     * delete them (they are the server's, and may belong to a running upload of another session);
     * a quota scan skips them; orphans of a crash are removed by {@link OrphanedUploads}.
     */
    public static boolean isUploadTemporary(String name) {
        return name.startsWith(UPLOAD_TEMPORARY_PREFIX) && name.length() > UPLOAD_TEMPORARY_PREFIX.length()
                && name.indexOf('/') < 0 && !hasControlCharacter(name);
    }
}
