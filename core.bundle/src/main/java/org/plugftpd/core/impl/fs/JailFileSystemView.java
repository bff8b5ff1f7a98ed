package org.plugftpd.core.impl.fs;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.ftpserver.ftplet.FileSystemView;

/**
 * One session's view of its jail: a real directory shown to the client as {@code /}, a start
 * (home) directory inside it and the working directory (spec/server-behaviour.md §3,
 * spec/passwd.md §1.2). Names resolve lexically first, then {@link JailFile} walks every
 * operation on disk from the jail root, race-free (see {@link Jail}). Thread-safe: the working directory is volatile.
 */
public final class JailFileSystemView implements FileSystemView {

    private final Jail jail;
    private final String homeDirectory;
    private final boolean writable;
    private volatile String workingDirectory;

    /**
     * @param jailRoot the directory to jail the session in; stored as its real path
     * @param startDirectory the virtual start (home) directory, e.g. {@code /} or {@code /www};
     *        null means {@code /}
     * @param writable false for a read-only area (anonymous users): every write is refused
     * @throws IOException when the jail root or the start directory inside it is missing or not
     *         a directory, or the start directory leaves the jail through a symlink
     */
    public JailFileSystemView(Path jailRoot, String startDirectory, boolean writable) throws IOException {
        this.jail = new Jail(jailRoot);
        this.writable = writable;
        String start = startDirectory == null ? VirtualPath.ROOT : startDirectory;
        this.homeDirectory = VirtualPath.resolve(VirtualPath.ROOT, VirtualPath.ROOT, start);
        if (FileNamePolicy.hasControlCharacter(start) || !file(homeDirectory).isDirectory()) {
            throw new NoSuchFileException(jail.root() + FileNamePolicy.printable(homeDirectory), null,
                    "start directory missing, not a directory or outside the jail");
        }
        this.workingDirectory = homeDirectory;
    }

    /** The real path of the jail root. */
    public Path jailRoot() {
        return jail.root();
    }

    /** False when every write is refused. */
    public boolean writable() {
        return writable;
    }

    /** The start directory, which {@code ~} also names. */
    @Override
    public JailFile getHomeDirectory() {
        return file(homeDirectory);
    }

    @Override
    public JailFile getWorkingDirectory() {
        return file(workingDirectory);
    }

    /** Changes only to an existing directory whose real location is inside the jail. */
    @Override
    public boolean changeWorkingDirectory(String dir) {
        JailFile target = getFile(dir);
        if (!target.isDirectory()) {
            return false;
        }
        workingDirectory = target.virtualPath();
        return true;
    }

    /**
     * The file a client's name designates; never throws. Names with control bytes give a file
     * that does not exist and refuses everything.
     */
    @Override
    public JailFile getFile(String name) {
        String cwd = workingDirectory;
        if (name != null && FileNamePolicy.hasControlCharacter(name)) {
            return JailFile.refused(jail, VirtualPath.resolve(cwd, homeDirectory, name), writable);
        }
        return file(VirtualPath.resolve(cwd, homeDirectory, name));
    }

    @Override
    public boolean isRandomAccessible() {
        return true;
    }

    @Override
    public void dispose() {
        // nothing is held open between calls
    }

    private JailFile file(String virtualPath) {
        return JailFile.at(jail, virtualPath, writable);
    }
}
