package org.plugftpd.core.impl.fs;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;

import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;

/**
 * Gives every session a {@link JailFileSystemView}: users implementing {@link JailedUser} get
 * their jail root, start directory and write flag; any other {@code User} is jailed in its home
 * directory, starting at {@code /}, writable. The first view of each jail removes the temporary
 * uploads an earlier run left ({@link OrphanedUploads}). One per server start; thread-safe.
 */
public final class JailFileSystemFactory implements FileSystemFactory {

    private final OrphanedUploads orphans;

    /** A factory for a server starting now: orphans older than now are removed at first use of each jail. */
    public JailFileSystemFactory() {
        this(new OrphanedUploads(Instant.now()));
    }

    JailFileSystemFactory(OrphanedUploads orphans) {
        this.orphans = orphans;
    }

    /**
     * @throws FtpException when the jail root or start directory is missing; the caller answers
     *         {@code 421 Home directory not available - aborting} (spec/server-behaviour.md §3)
     */
    @Override
    public FileSystemView createFileSystemView(User user) throws FtpException {
        String login = user.getName();
        Path jailRoot;
        String startDirectory;
        boolean writable;
        if (user instanceof JailedUser) {
            JailedUser jailed = (JailedUser) user;
            jailRoot = jailed.jailRoot();
            startDirectory = jailed.startDirectory();
            writable = jailed.writable();
        } else {
            String home = user.getHomeDirectory();
            if (home == null || home.isEmpty()) {
                throw new FtpException("Home directory not available for user " + login + ": none set");
            }
            try {
                jailRoot = Paths.get(home);
            } catch (InvalidPathException e) {
                throw new FtpException("Home directory not available for user " + login
                        + ": invalid path " + FileNamePolicy.printable(home));
            }
            startDirectory = VirtualPath.ROOT;
            writable = true;
        }
        if (jailRoot == null) {
            throw new FtpException("Home directory not available for user " + login + ": no jail root");
        }
        try {
            JailFileSystemView view = new JailFileSystemView(jailRoot, startDirectory, writable);
            // issue 11 finding 10: a crash's leftovers go before the first session works in the jail
            orphans.sweepOnce(view.jailRoot());
            return view;
        } catch (IOException e) {
            throw new FtpException("Home directory not available for user " + login + ": " + jailRoot
                    + " with start directory " + FileNamePolicy.printable(String.valueOf(startDirectory))
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }
}
