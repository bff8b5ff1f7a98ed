package org.plugftpd.auth.puredb.pw;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive right to rewrite one passwd file (and rebuild its .pdb): an in-JVM lock per lock file plus an
 * fcntl lock on {@code <passwd>.lock}, so threads of one JVM and separate processes (bin/plugftpd pw, the
 * ftp:pw shell command) take turns. The lock file is created 0600 and left in place: removing it would let
 * a waiting process lock a file that no longer has a name. A process that dies loses its lock with it, so
 * nothing stale can block later commands. Held by one thread from {@link #acquire} to {@link #close}.
 */
final class PasswdLock implements AutoCloseable {
    static final String SUFFIX = ".lock";

    private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final FileChannel channel;
    private final ReentrantLock inJvm;

    private PasswdLock(FileChannel channel, ReentrantLock inJvm) {
        this.channel = channel;
        this.inJvm = inJvm;
    }

    static Path lockFileOf(Path passwd) {
        return passwd.resolveSibling(passwd.getFileName() + SUFFIX);
    }

    /** Waits until this thread holds the lock of {@code passwd}. */
    static PasswdLock acquire(Path passwd) throws IOException {
        Path lockFile = lockFileOf(passwd);
        FileChannel channel = FileChannel.open(lockFile,
                Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        ReentrantLock inJvm;
        try {
            // keyed by the real path: two spellings of one file must share the lock, or FileChannel.lock
            // would throw OverlappingFileLockException instead of waiting
            inJvm = IN_JVM.computeIfAbsent(lockFile.toRealPath(), key -> new ReentrantLock());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        inJvm.lock();
        try {
            channel.lock();
            return new PasswdLock(channel, inJvm);
        } catch (IOException | RuntimeException e) {
            inJvm.unlock();
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            // closing the channel releases the fcntl lock
            channel.close();
        } finally {
            inJvm.unlock();
        }
    }
}
