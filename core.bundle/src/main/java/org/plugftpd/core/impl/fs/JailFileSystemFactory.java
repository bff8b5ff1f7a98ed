package org.plugftpd.core.impl.fs;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;

/**
 * Gives every session a {@link JailFileSystemView}: users implementing {@link JailedUser} get
 * their jail root, start directory and write flag; any other {@code User} is jailed in its home
 * directory, starting at {@code /}, writable. Stateless and thread-safe.
 */
public final class JailFileSystemFactory implements FileSystemFactory {

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
            return new JailFileSystemView(jailRoot, startDirectory, writable);
        } catch (IOException e) {
            throw new FtpException("Home directory not available for user " + login + ": " + jailRoot
                    + " with start directory " + FileNamePolicy.printable(String.valueOf(startDirectory))
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }
}
