package org.plugftpd.auth.puredb.format;

import java.io.IOException;
import java.nio.file.Path;

/** A PureDB file that is not a well-formed PDB2 database: names the file, the offset and what was wrong. Immutable. */
public final class PureDbFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /** @param offset the byte offset where the problem was found, or -1 when it concerns the whole file */
    public PureDbFormatException(Path file, long offset, String problem) {
        super(file + (offset >= 0 ? ": offset " + offset : "") + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    public PureDbFormatException(Path file, long offset, String problem, Throwable cause) {
        this(file, offset, problem);
        initCause(cause);
    }

    public Path file() {
        return file;
    }

    /** The byte offset of the problem, or -1 when it concerns the whole file (size, unreadable). */
    public long offset() {
        return offset;
    }
}
