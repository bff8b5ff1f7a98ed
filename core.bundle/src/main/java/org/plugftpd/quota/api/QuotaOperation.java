package org.plugftpd.quota.api;

/**
 * Every operation that changes an account's usage (spec/quota.md §3 says what Pure-FTPd counts
 * for each). {@link QuotaRequest#existingSize()} and the other sizes of the request tell the bytes
 * already on disk that the operation replaces, extends or removes.
 */
public enum QuotaOperation {
    /** STOR of a name that does not exist yet. */
    UPLOAD_NEW,
    /** STOR over an existing file: its old bytes are replaced once the upload completes. */
    UPLOAD_OVERWRITE,
    /** APPE: bytes are added after the existing ones ({@code existingSize}, 0 when new). */
    UPLOAD_APPEND,
    /** REST n + STOR: the file is cut to {@code restartOffset} bytes, then written from there. */
    UPLOAD_RESUME,
    /** STOU: a new file under a name the server chose. */
    UPLOAD_UNIQUE,
    /** DELE of a file or symbolic link ({@code existingSize} = its size). */
    DELETE,
    /** RNFR/RNTO inside one directory, onto a name that does not exist. */
    RENAME,
    /** RNFR/RNTO into another directory, onto a name that does not exist. */
    MOVE,
    /** RNFR/RNTO onto an existing file (any directory): that file ({@code replacedSize}) goes. */
    RENAME_OVER,
    /** MKD: a directory counts as a file. */
    MAKE_DIRECTORY,
    /** RMD of an empty directory. */
    REMOVE_DIRECTORY;

    /** True for the operations whose bytes arrive over a data connection. */
    public boolean isUpload() {
        return this == UPLOAD_NEW || this == UPLOAD_OVERWRITE || this == UPLOAD_APPEND || this == UPLOAD_RESUME
                || this == UPLOAD_UNIQUE;
    }
}
