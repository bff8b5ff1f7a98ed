package org.plugftpd.core.impl.fs;

import java.nio.file.AccessDeniedException;

/**
 * A name that leads out of the jail: a symbolic link whose target, resolved, lies outside the
 * jail root, or too many links on the way. The message names the virtual path, never the disk.
 */
final class JailEscapeException extends AccessDeniedException {
    private static final long serialVersionUID = 1L;

    JailEscapeException(String virtualPath, String reason) {
        super(virtualPath, null, reason);
    }
}
