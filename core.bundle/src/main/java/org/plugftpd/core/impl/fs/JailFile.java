package org.plugftpd.core.impl.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.ftpserver.ftplet.FtpFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file or directory of a {@link JailFileSystemView}, named by its virtual path inside the jail.
 * Every operation walks the name again from the jail root through directory handles (see
 * {@link Jail}) and acts through the handle of the directory it found, so what was checked is
 * what is used, even when a client renames directories or links meanwhile; a symlink whose
 * target leaves the jail behaves as if it were not there.
 * <p>Immutable and thread-safe; the file it names may of course change on disk between calls.
 */
public final class JailFile implements FtpFile {

    private static final Logger LOG = LoggerFactory.getLogger(JailFile.class);

    /** Longest virtual path accepted (Linux PATH_MAX); longer names are refused like control bytes. */
    static final int MAX_PATH_LENGTH = 4096;

    private static final Set<OpenOption> WRITES = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
            StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.DELETE_ON_CLOSE);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jail jail;
    private final String virtualPath;
    /** False when the name can never be used (control bytes, too long). */
    private final boolean usable;
    private final boolean writableArea;
    /** The server's own file (a temporary upload): reserved names are allowed. */
    private final boolean serverOwned;

    private JailFile(Jail jail, String virtualPath, boolean usable, boolean writableArea, boolean serverOwned) {
        this.jail = jail;
        this.virtualPath = virtualPath;
        this.usable = usable;
        this.writableArea = writableArea;
        this.serverOwned = serverOwned;
    }

    /** The file at a normalised virtual path. */
    static JailFile at(Jail jail, String virtualPath, boolean writableArea) {
        // PATH_MAX: longer names cannot work anyway, and deep ones would cost a handle per level
        if (virtualPath.length() > MAX_PATH_LENGTH || FileNamePolicy.hasControlCharacter(virtualPath)
                || virtualPath.indexOf('\0') >= 0) {
            return refused(jail, virtualPath, writableArea);
        }
        return new JailFile(jail, virtualPath, true, writableArea, false);
    }

    /** A file that never exists and refuses everything; its path is made printable for replies. */
    static JailFile refused(Jail jail, String virtualPath, boolean writableArea) {
        return new JailFile(jail, FileNamePolicy.printable(virtualPath), false, writableArea, false);
    }

    /** The normalised path inside the jail, e.g. {@code /www/index.html}. */
    public String virtualPath() {
        return virtualPath;
    }

    /** True when the entry itself (not its target) is a symlink whose target stays in the jail. */
    public boolean isSymbolicLink() {
        return query(false, l -> l.exists() && l.attributes.isSymbolicLink(), false) && doesExist();
    }

    @Override
    public String getAbsolutePath() {
        return virtualPath;
    }

    @Override
    public String getName() {
        return VirtualPath.nameOf(virtualPath);
    }

    @Override
    public boolean isHidden() {
        return !isRoot() && getName().startsWith(".");
    }

    @Override
    public boolean isDirectory() {
        return query(true, l -> l.exists() && l.attributes.isDirectory(), false);
    }

    @Override
    public boolean isFile() {
        return query(true, l -> l.exists() && l.attributes.isRegularFile(), false);
    }

    @Override
    public boolean doesExist() {
        return query(true, Jail.Location::exists, false);
    }

    @Override
    public boolean isReadable() {
        // a by-path access(2) answers a yes/no question only; the read itself goes through open()
        return query(true, l -> l.exists() && Files.isReadable(l.path()), false);
    }

    @Override
    public boolean isWritable() {
        if (!mayChangeName()) {
            return false;
        }
        return query(true, l -> {
            if (l.isRoot() || !mayWriteEntry(l)) {
                return false;
            }
            if (l.exists()) {
                return Files.isWritable(l.path());
            }
            return Files.isWritable(jail.pathOf(l.parent, null));
        }, false);
    }

    @Override
    public boolean isRemovable() {
        if (!mayChangeName() || !doesExist()) {
            return false;
        }
        return query(false, l -> l.exists() && !l.isRoot() && Files.isWritable(jail.pathOf(l.parent, null)), false);
    }

    @Override
    public String getOwnerName() {
        EntryAttributes a = targetAttributes();
        return a == null ? "0" : String.valueOf(a.uid());
    }

    @Override
    public String getGroupName() {
        EntryAttributes a = targetAttributes();
        return a == null ? "0" : String.valueOf(a.gid());
    }

    @Override
    public int getLinkCount() {
        EntryAttributes a = targetAttributes();
        return a == null ? 0 : a.links();
    }

    @Override
    public long getLastModified() {
        return query(true, l -> l.exists() ? l.attributes.lastModifiedTime().toMillis() : 0L, 0L);
    }

    @Override
    public boolean setLastModified(long time) {
        if (!mayChangeName()) {
            return false;
        }
        return query(true, l -> {
            // only files and directories: setting times opens the entry, which would block on a FIFO
            if (!l.exists() || l.isRoot() || !(l.attributes.isRegularFile() || l.attributes.isDirectory())
                    || !mayWriteEntry(l)) {
                return false;
            }
            l.basicView().setTimes(FileTime.fromMillis(time), null, null);
            return true;
        }, false);
    }

    @Override
    public long getSize() {
        return query(true, l -> l.exists() ? l.attributes.size() : 0L, 0L);
    }

    /** Where the walk found the file on disk (informational), or null; never opened by path. */
    @Override
    public Object getPhysicalFile() {
        return query(true, l -> l.exists() ? l.path() : null, null);
    }

    /**
     * Creates the directory. Java has no mkdirat, and a mkdir by path under a parent that a
     * client can rename races: so the directory is made by path at the top of the jail under a
     * reserved name no client can touch ({@code .pureftpd-mkdir.<random>}; the jail root's own
     * path is the administrator's), then moved into place with renameat between the root's
     * handle and the handle of the parent the walk opened. Residual: rename(2) replaces an empty
     * directory created at the same name in between; a mount point inside the jail (EXDEV) refuses.
     */
    @Override
    public boolean mkdir() {
        if (!mayChangeName()) {
            return false;
        }
        return query(false, l -> {
            if (l.isRoot() || l.exists() || !mayWriteEntry(l)) {
                return false;
            }
            Path temporary = Paths.get(FileNamePolicy.MKDIR_TEMPORARY_PREFIX + Long.toHexString(RANDOM.nextLong()));
            try (SecureDirectoryStream<Path> root = jail.openRoot()) {
                Files.createDirectory(jail.root().resolve(temporary));
                try {
                    PosixFileAttributes made = Jail.lstat(root, temporary.toString());
                    if (made == null || !made.isDirectory()) {
                        throw new FileSystemException(virtualPath, null, "the new directory vanished");
                    }
                    root.move(temporary, l.dir, l.entry());
                    return true;
                } catch (IOException | RuntimeException e) {
                    try {
                        root.deleteDirectory(temporary);
                    } catch (IOException gone) {
                        LOG.debug("Cannot remove {}: {}", temporary, gone.toString());
                    }
                    throw e;
                }
            }
        }, false);
    }

    /** Deletes a file, a symlink (not its target) or an empty directory (FtpServer's RMD calls this). */
    @Override
    public boolean delete() {
        if (!mayChangeName() || !doesExist()) {
            return false;
        }
        return query(false, l -> {
            if (!l.exists() || l.isRoot()) {
                return false;
            }
            // unlinkat on the directory the walk found: a swapped parent is never reached
            if (l.attributes.isDirectory()) {
                l.dir.deleteDirectory(l.entry());
            } else {
                l.dir.deleteFile(l.entry());
            }
            return true;
        }, false);
    }

    /**
     * Renames within the same jail only (renameat between the two directory handles); an
     * existing destination file is replaced, as rename(2) does. A symlink may only be renamed to
     * a place from which its target still resolves inside the jail (a relative link moved
     * elsewhere points elsewhere).
     */
    @Override
    public boolean move(FtpFile destination) {
        if (!(destination instanceof JailFile)) {
            return false;
        }
        JailFile to = (JailFile) destination;
        if (!to.jail.root().equals(jail.root()) || !mayChangeName() || !to.mayChangeName() || !doesExist()) {
            return false;
        }
        try (Jail.Location from = locate(false); Jail.Location target = to.locate(false)) {
            if (!from.exists() || from.isRoot() || target.isRoot()) {
                return false;
            }
            if (target.exists() && target.attributes.isSymbolicLink() && !to.doesExist()) {
                // replacing a link that leads out would touch what the client cannot see
                return false;
            }
            if (from.attributes.isSymbolicLink() && !jail.linkResolvesFrom(from, target.parent, to.virtualPath)) {
                LOG.debug("Refusing to rename link {} to {}: its target would leave the jail", virtualPath,
                        to.virtualPath);
                return false;
            }
            from.dir.move(from.entry(), target.dir, target.entry());
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            LOG.debug("Cannot rename {} to {} across file systems", virtualPath, to.virtualPath);
            return false;
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot rename {} to {}: {}", virtualPath, to.virtualPath, e.toString());
            return false;
        }
    }

    /**
     * The entries that are files or directories inside the jail (links leading out, devices,
     * FIFOs, sockets and names with control bytes left out, spec/server-behaviour.md §5), by
     * name. Null when this is not a directory.
     */
    @Override
    public List<JailFile> listFiles() {
        List<JailFile> children = new ArrayList<>();
        try (JailDirectory dir = openDirectory()) {
            for (Iterator<String> names = dir.names(); names.hasNext();) {
                String name = names.next();
                if (dir.listable(name)) {
                    children.add(at(jail, VirtualPath.childOf(virtualPath, name), writableArea));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot list {}: {}", virtualPath, e.toString());
            return null;
        }
        children.sort(Comparator.comparing(JailFile::getName));
        return Collections.unmodifiableList(children);
    }

    /** Opens this directory for a listing, race-free; the caller closes it. */
    public JailDirectory openDirectory() throws IOException {
        try (Jail.Location l = locate(true)) {
            if (!l.exists() || !l.attributes.isDirectory()) {
                throw new NotDirectoryException(virtualPath);
            }
            return new JailDirectory(jail, l.openDirectory(), l.components(), virtualPath);
        }
    }

    /**
     * What a listing shows of this entry itself (a link is not followed but must resolve inside
     * to a file or directory); null when there is nothing to show.
     */
    public EntryAttributes entryAttributes() {
        return query(false, l -> {
            if (l.isRoot()) {
                return jail.describe(List.of(), null, l.attributes);
            }
            if (!l.exists()) {
                return null;
            }
            // the location's handle, closed with it
            JailDirectory parent = new JailDirectory(jail, l.dir, l.parent, VirtualPath.parentOf(virtualPath));
            return parent.entry(l.name);
        }, null);
    }

    /**
     * Opens this file with {@code options} (READ, WRITE, APPEND, CREATE, CREATE_NEW,
     * TRUNCATE_EXISTING) through the handle of its directory (openat with O_NOFOLLOW), found by
     * a walk from the jail root at this moment: no symbolic link on the way may lead out of the
     * jail, also not one swapped in after an earlier check, and the file itself is never a link
     * when opened. The seam every read and write goes through; throws with the virtual path in
     * the message when refused. The channel is a real {@link FileChannel} (zero-copy transfers).
     */
    public FileChannel open(Set<? extends OpenOption> options) throws IOException {
        boolean writing = options.stream().anyMatch(WRITES::contains);
        if (!usable) {
            throw new NoSuchFileException(virtualPath);
        }
        if (writing && !mayChangeName()) {
            throw new AccessDeniedException(virtualPath, null, "not writable");
        }
        try (Jail.Location l = locate(true)) {
            if (l.isRoot() || (l.exists() && l.attributes.isDirectory())) {
                throw new FileSystemException(virtualPath, null, "Is a directory");
            }
            if (l.exists() && !l.attributes.isRegularFile()) {
                // opening a FIFO or a device would block or worse
                throw new FileSystemException(virtualPath, null, "Not a regular file");
            }
            boolean creating = options.contains(StandardOpenOption.CREATE)
                    || options.contains(StandardOpenOption.CREATE_NEW);
            if (!l.exists() && !(writing && creating)) {
                throw new NoSuchFileException(virtualPath);
            }
            if (writing && !mayWriteEntry(l)) {
                throw new AccessDeniedException(virtualPath, null, "reserved name");
            }
            Set<OpenOption> all = new HashSet<>(options);
            all.add(LinkOption.NOFOLLOW_LINKS);
            SeekableByteChannel channel = l.dir.newByteChannel(l.entry(), all);
            if (channel instanceof FileChannel) {
                return (FileChannel) channel;
            }
            channel.close();
            throw new FileSystemException(virtualPath, null, "the platform gave no FileChannel");
        }
    }

    /** The entry {@code name} in this file's directory, for the server's own use (a temporary upload name). */
    public JailFile sibling(String name) {
        String path = VirtualPath.childOf(VirtualPath.parentOf(virtualPath), name);
        if (!usable || name.isEmpty() || name.indexOf('/') >= 0 || path.length() > MAX_PATH_LENGTH
                || FileNamePolicy.hasControlCharacter(name)) {
            return refused(jail, path, writableArea);
        }
        return new JailFile(jail, path, true, writableArea, true);
    }

    /**
     * Where this file is on disk, for events, log lines and scripts only: never open it (use
     * {@link #open}). The walk's answer when it succeeds, else the lexical mapping; null when
     * the name was refused.
     */
    public Path storedPath() {
        if (!usable) {
            return null;
        }
        Path found = query(false, Jail.Location::path, null);
        return found != null ? found
                : isRoot() ? jail.root() : jail.root().resolve(VirtualPath.relativeOf(virtualPath));
    }

    @Override
    public OutputStream createOutputStream(long offset) throws IOException {
        throw new IOException("Writes go through JailFile.open: " + virtualPath);
    }

    @Override
    public InputStream createInputStream(long offset) throws IOException {
        if (offset < 0) {
            throw new IOException("Negative offset " + offset + " for " + virtualPath);
        }
        FileChannel channel = open(Set.of(StandardOpenOption.READ));
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return Channels.newInputStream(channel);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof JailFile)) {
            return false;
        }
        JailFile that = (JailFile) other;
        return jail.root().equals(that.jail.root()) && virtualPath.equals(that.virtualPath) && usable == that.usable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(jail.root(), virtualPath);
    }

    @Override
    public String toString() {
        return virtualPath;
    }

    private boolean isRoot() {
        return virtualPath.equals(VirtualPath.ROOT);
    }

    /** Writes need a writable area, a usable name the policy allows, and never touch the root. */
    private boolean mayChangeName() {
        return writableArea && usable && !isRoot() && (serverOwned ? mayServerWrite(getName())
                : FileNamePolicy.mayWrite(getName()));
    }

    /** The real entry a write reaches (through an inside link, say) must be allowed too. */
    private boolean mayWriteEntry(Jail.Location l) {
        return l.name != null && (serverOwned ? mayServerWrite(l.name) : FileNamePolicy.mayWrite(l.name));
    }

    private static boolean mayServerWrite(String name) {
        return FileNamePolicy.isUploadTemporary(name) || FileNamePolicy.mayWrite(name);
    }

    private Jail.Location locate(boolean followLast) throws IOException {
        if (!usable) {
            throw new NoSuchFileException(virtualPath);
        }
        return jail.locate(virtualPath, followLast);
    }

    private EntryAttributes targetAttributes() {
        return query(true, l -> {
            if (!l.exists()) {
                return null;
            }
            if (l.isRoot()) {
                return jail.describe(List.of(), null, l.attributes);
            }
            return jail.describe(l.parent, l.name, l.attributes);
        }, null);
    }

    private interface Step<T> {
        T apply(Jail.Location location) throws IOException;
    }

    /** Walks to this file and runs {@code step} on where it is; {@code refused} when anything fails. */
    private <T> T query(boolean followLast, Step<T> step, T refused) {
        if (!usable) {
            return refused;
        }
        try (Jail.Location l = locate(followLast)) {
            return step.apply(l);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Refusing {}: {}", virtualPath, e.toString());
            return refused;
        }
    }
}
