package org.plugftpd.core.impl.fs;

import java.nio.file.Path;

/**
 * What {@link JailFileSystemFactory} needs to know about a user beyond the Ftplet {@code User}:
 * where the jail is, where the session starts and whether it may write. Implemented by
 * plugftpd's own {@code User}; implementations should be immutable.
 */
public interface JailedUser {

    /** The directory on disk the session is jailed in (the part of the home before {@code /./}). */
    Path jailRoot();

    /** The start directory as a path inside the jail, e.g. {@code /} or {@code /www}. */
    String startDirectory();

    /** False for read-only areas (anonymous users): every write is refused. */
    boolean writable();
}
