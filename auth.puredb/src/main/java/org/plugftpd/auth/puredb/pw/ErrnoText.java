package org.plugftpd.auth.puredb.pw;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The strerror(3) text of an I/O failure, for messages in pure-pw's "what: reason" form (perror).
 * Stateless; thread-safe.
 */
final class ErrnoText {
    private ErrnoText() {
    }

    static String of(Exception failure) {
        if (failure instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (failure instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (failure instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (failure instanceof FileSystemException && ((FileSystemException) failure).getReason() != null) {
            // the JDK's Unix file system puts strerror's text here
            return ((FileSystemException) failure).getReason();
        }
        String message = failure.getMessage();
        return message != null ? message : failure.getClass().getSimpleName();
    }
}
