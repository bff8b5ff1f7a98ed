package org.plugftpd.core.impl.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.ftpserver.ftplet.FtpFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file or directory of a {@link JailFileSystemView}, named by its virtual path inside the jail.
 * Before every operation the real location on disk is worked out again, symlinks followed, and
 * the operation is refused (false, not-exist, or an IOException for streams) unless it lies
 * inside the real jail root; so a symlink pointing outside behaves as if it were not there.
 * <p>Immutable and thread-safe; the file it names may of course change on disk between calls.
 */
public final class JailFile implements FtpFile {

    private static final Logger LOG = LoggerFactory.getLogger(JailFile.class);

    /** Longest virtual path accepted (Linux PATH_MAX); longer names are refused like control bytes. */
    static final int MAX_PATH_LENGTH = 4096;

    private final Path jailRoot;
    private final String virtualPath;
    /** jailRoot + virtualPath, lexically; null when the name can never be used (control bytes). */
    private final Path mappedPath;
    private final boolean writableArea;
    /** A name the server chose ({@link #sibling}): its own reserved names (.pureftpd-*) are allowed. */
    private final boolean serverNamed;

    private JailFile(Path jailRoot, String virtualPath, Path mappedPath, boolean writableArea) {
        this(jailRoot, virtualPath, mappedPath, writableArea, false);
    }

    private JailFile(Path jailRoot, String virtualPath, Path mappedPath, boolean writableArea, boolean serverNamed) {
        this.jailRoot = jailRoot;
        this.virtualPath = virtualPath;
        this.mappedPath = mappedPath;
        this.writableArea = writableArea;
        this.serverNamed = serverNamed;
    }

    /** The file at a normalised virtual path; {@code jailRoot} must already be a real path. */
    static JailFile at(Path jailRoot, String virtualPath, boolean writableArea) {
        // PATH_MAX: longer names cannot work anyway, and deep ones would cost a stat per level
        if (virtualPath.length() > MAX_PATH_LENGTH || FileNamePolicy.hasControlCharacter(virtualPath)) {
            return refused(jailRoot, virtualPath, writableArea);
        }
        try {
            Path mapped = virtualPath.equals(VirtualPath.ROOT)
                    ? jailRoot
                    : jailRoot.resolve(VirtualPath.relativeOf(virtualPath));
            return new JailFile(jailRoot, virtualPath, mapped, writableArea);
        } catch (InvalidPathException e) {
            // e.g. a name the platform charset cannot encode: refused like a control byte
            LOG.debug("Refusing unmappable name {}: {}", FileNamePolicy.printable(virtualPath), e.getMessage());
            return refused(jailRoot, virtualPath, writableArea);
        }
    }

    /** A file that never exists and refuses everything; its path is made printable for replies. */
    static JailFile refused(Path jailRoot, String virtualPath, boolean writableArea) {
        return new JailFile(jailRoot, FileNamePolicy.printable(virtualPath), null, writableArea);
    }

    /** The normalised path inside the jail, e.g. {@code /www/index.html}. */
    public String virtualPath() {
        return virtualPath;
    }

    /**
     * The path on disk this virtual path maps to lexically (jail root + virtual path), for events
     * and log lines. Not checked: it may run through symlinks; use {@link #resolvedPath()} for a
     * location that is safe to touch. Null when the name was refused (control bytes).
     */
    public Path realPath() {
        return mappedPath;
    }

    /**
     * The location on disk with symlinks resolved, when it lies inside the jail: the file itself
     * if it exists, otherwise where it would be created. Empty when it escapes or cannot be used.
     */
    public Optional<Path> resolvedPath() {
        return Optional.ofNullable(resolve());
    }

    /** True when the entry itself (not its target) is a symlink whose target stays in the jail. */
    public boolean isSymbolicLink() {
        Path entry = entry();
        return entry != null && resolve() != null && Files.isSymbolicLink(entry);
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
        Path target = existingTarget();
        return target != null && Files.isDirectory(target);
    }

    @Override
    public boolean isFile() {
        Path target = existingTarget();
        return target != null && Files.isRegularFile(target);
    }

    @Override
    public boolean doesExist() {
        return existingTarget() != null;
    }

    @Override
    public boolean isReadable() {
        Path target = existingTarget();
        return target != null && Files.isReadable(target);
    }

    @Override
    public boolean isWritable() {
        if (!mayChangeName()) {
            return false;
        }
        Path target = resolve();
        if (target == null) {
            return false;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return Files.isWritable(target);
        }
        Path parent = target.getParent();
        return Files.isDirectory(parent) && Files.isWritable(parent);
    }

    @Override
    public boolean isRemovable() {
        if (!mayChangeName() || existingTarget() == null) {
            return false;
        }
        Path entry = entry();
        return entry != null && Files.isWritable(entry.getParent());
    }

    @Override
    public String getOwnerName() {
        return numericAttribute("unix:uid");
    }

    @Override
    public String getGroupName() {
        return numericAttribute("unix:gid");
    }

    @Override
    public int getLinkCount() {
        Path target = existingTarget();
        if (target == null) {
            return 0;
        }
        try {
            return ((Number) Files.getAttribute(target, "unix:nlink")).intValue();
        } catch (IOException | RuntimeException e) {
            LOG.debug("No link count for {}: {}", virtualPath, e.toString());
            return Files.isDirectory(target) ? 2 : 1;
        }
    }

    @Override
    public long getLastModified() {
        Path target = existingTarget();
        if (target == null) {
            return 0;
        }
        try {
            return Files.getLastModifiedTime(target).toMillis();
        } catch (IOException e) {
            LOG.debug("No modification time for {}: {}", virtualPath, e.toString());
            return 0;
        }
    }

    @Override
    public boolean setLastModified(long time) {
        if (!mayChangeName()) {
            return false;
        }
        Path target = existingTarget();
        if (target == null) {
            return false;
        }
        try {
            Files.setLastModifiedTime(target, FileTime.fromMillis(time));
            return true;
        } catch (IOException e) {
            LOG.debug("Cannot set modification time of {}: {}", virtualPath, e.toString());
            return false;
        }
    }

    @Override
    public long getSize() {
        Path target = existingTarget();
        if (target == null) {
            return 0;
        }
        try {
            return Files.size(target);
        } catch (IOException e) {
            LOG.debug("No size for {}: {}", virtualPath, e.toString());
            return 0;
        }
    }

    /** The checked location on disk (see {@link #resolvedPath()}), or null; never an unchecked path. */
    @Override
    public Object getPhysicalFile() {
        return resolve();
    }

    @Override
    public boolean mkdir() {
        if (!mayChangeName()) {
            return false;
        }
        Path target = resolve();
        if (target == null) {
            return false;
        }
        try {
            // target sits under a real, checked parent; mkdir(2) never follows a last-moment link
            Files.createDirectory(target);
            return true;
        } catch (IOException e) {
            LOG.debug("Cannot create directory {}: {}", virtualPath, e.toString());
            return false;
        }
    }

    /** Deletes a file, a symlink (not its target) or an empty directory (FtpServer's RMD calls this). */
    @Override
    public boolean delete() {
        if (!mayChangeName() || existingTarget() == null) {
            return false;
        }
        Path entry = entry();
        if (entry == null) {
            return false;
        }
        try {
            Files.delete(entry);
            return true;
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", virtualPath, e.toString());
            return false;
        }
    }

    /** Renames within the same jail only; an existing destination file is replaced, as rename(2) does. */
    @Override
    public boolean move(FtpFile destination) {
        if (!(destination instanceof JailFile)) {
            return false;
        }
        JailFile to = (JailFile) destination;
        if (!to.jailRoot.equals(jailRoot) || !mayChangeName() || !to.mayChangeName()
                || existingTarget() == null || to.resolve() == null) {
            return false;
        }
        Path fromEntry = entry();
        Path toEntry = to.entry();
        if (fromEntry == null || toEntry == null) {
            return false;
        }
        try {
            try {
                Files.move(fromEntry, toEntry, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException crossDevice) {
                // a mount point inside the jail: both ends were checked, a copying move is fine
                Files.move(fromEntry, toEntry, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            LOG.debug("Cannot rename {} to {}: {}", virtualPath, to.virtualPath, e.toString());
            return false;
        }
    }

    /**
     * The entries whose real location stays inside the jail, by name; devices, FIFOs and sockets
     * and names with control bytes are left out (spec/server-behaviour.md §5). Null when this is
     * not a directory.
     */
    @Override
    public List<JailFile> listFiles() {
        Path directory = existingTarget();
        if (directory == null || !Files.isDirectory(directory)) {
            return null;
        }
        List<JailFile> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (FileNamePolicy.hasControlCharacter(name)) {
                    continue;
                }
                JailFile child = at(jailRoot, childPath(name), writableArea);
                if (child.isListable()) {
                    children.add(child);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot list {}: {}", virtualPath, e.toString());
            return null;
        }
        children.sort(Comparator.comparing(JailFile::getName));
        return Collections.unmodifiableList(children);
    }

    /**
     * Opens this file with {@code options} (READ, WRITE, APPEND, CREATE, CREATE_NEW,
     * TRUNCATE_EXISTING), checked against the jail where it is opened: no symbolic link on the way
     * may lead out of the jail, also one swapped in after an earlier check. The seam every read
     * and write goes through; throws with the virtual path in the message when refused.
     */
    public FileChannel open(Set<? extends OpenOption> options) throws IOException {
        boolean writing = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        if (writing && !mayChangeName()) {
            throw new IOException("Not writable: " + virtualPath);
        }
        Path target = writing ? resolve() : existingTarget();
        if (target == null) {
            throw new NoSuchFileException(virtualPath);
        }
        Set<OpenOption> all = new HashSet<>(options);
        all.add(LinkOption.NOFOLLOW_LINKS);
        return FileChannel.open(target, all);
    }

    /**
     * The entry {@code name} in this file's directory, a name the server chose (a temporary upload
     * name, say): unlike a client's name it may be one of the server's reserved {@code .pureftpd-*}.
     */
    public JailFile sibling(String name) {
        String parent = VirtualPath.parentOf(virtualPath);
        JailFile f = at(jailRoot, parent.equals(VirtualPath.ROOT) ? "/" + name : parent + "/" + name, writableArea);
        return f.mappedPath == null ? f : new JailFile(jailRoot, f.virtualPath, f.mappedPath, writableArea, true);
    }

    /**
     * Where this file is on disk, for events, log lines and scripts only: never open it, it is
     * not checked (use {@link #open}). Null when the name was refused.
     */
    public Path storedPath() {
        Path entry = entry();
        return entry != null ? entry : mappedPath;
    }

    @Override
    public OutputStream createOutputStream(long offset) throws IOException {
        if (offset < 0) {
            throw new IOException("Negative offset " + offset + " for " + virtualPath);
        }
        if (!mayChangeName()) {
            throw new IOException("Not writable: " + virtualPath);
        }
        Path target = resolve();
        if (target == null) {
            throw new IOException("No such file or directory: " + virtualPath);
        }
        Set<OpenOption> options = new HashSet<>(List.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                LinkOption.NOFOLLOW_LINKS));
        if (offset == 0) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        FileChannel channel = FileChannel.open(target, options);
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return Channels.newOutputStream(channel);
    }

    @Override
    public InputStream createInputStream(long offset) throws IOException {
        if (offset < 0) {
            throw new IOException("Negative offset " + offset + " for " + virtualPath);
        }
        Path target = existingTarget();
        if (target == null || !Files.isRegularFile(target)) {
            throw new IOException("Not a readable file: " + virtualPath);
        }
        FileChannel channel = FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
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
        return jailRoot.equals(that.jailRoot) && virtualPath.equals(that.virtualPath)
                && (mappedPath == null) == (that.mappedPath == null);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jailRoot, virtualPath);
    }

    @Override
    public String toString() {
        return virtualPath;
    }

    private boolean isRoot() {
        return virtualPath.equals(VirtualPath.ROOT);
    }

    private String childPath(String name) {
        return isRoot() ? "/" + name : virtualPath + "/" + name;
    }

    /** Writes need a writable area, a usable name the policy allows, and never touch the root. */
    private boolean mayChangeName() {
        return writableArea && mappedPath != null && !isRoot()
                && (serverNamed ? !FileNamePolicy.hasControlCharacter(getName()) : FileNamePolicy.mayWrite(getName()));
    }

    /** Pure-FTPd lists regular files, directories and symlinks to them; nothing else. */
    private boolean isListable() {
        Path target = existingTarget();
        return target != null && (Files.isRegularFile(target) || Files.isDirectory(target));
    }

    /** The resolved location when something exists there, else null. */
    private Path existingTarget() {
        Path target = resolve();
        return target != null && Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? target : null;
    }

    /** The directory entry itself, not followed: the real parent plus the last name. */
    private Path entry() {
        if (mappedPath == null || isRoot()) {
            return null;
        }
        Path parent = resolve(mappedPath.getParent());
        if (parent == null || !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return parent.resolve(mappedPath.getFileName().toString());
    }

    private Path resolve() {
        return mappedPath == null ? null : resolve(mappedPath);
    }

    /**
     * Real path of {@code path} (links followed) if that lies inside the jail; for a missing path,
     * the real path of its deepest existing ancestor plus the missing names. Null when anything on
     * the way escapes the jail, is a dangling symlink (it could be written through to anywhere),
     * or cannot be examined (too long, loop, no permission).
     */
    private Path resolve(Path path) {
        Deque<String> missingNames = new ArrayDeque<>();
        Path current = path;
        Path existing;
        try {
            while (true) {
                if (current.equals(jailRoot)) {
                    existing = jailRoot;
                    break;
                }
                try {
                    existing = current.toRealPath();
                    break;
                } catch (NoSuchFileException missing) {
                    if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                        LOG.debug("Refusing {}: dangling symlink at {}", virtualPath, current);
                        return null;
                    }
                    missingNames.push(current.getFileName().toString());
                    current = current.getParent();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Refusing {}: {}", virtualPath, e.toString());
            return null;
        }
        if (!existing.startsWith(jailRoot)) {
            LOG.debug("Refusing {}: resolves outside the jail", virtualPath);
            return null;
        }
        Path resolved = existing;
        for (String name : missingNames) {
            resolved = resolved.resolve(name);
        }
        return resolved;
    }

    private String numericAttribute(String attribute) {
        Path target = existingTarget();
        if (target == null) {
            return "0";
        }
        try {
            return String.valueOf(Files.getAttribute(target, attribute));
        } catch (IOException | RuntimeException e) {
            // no "unix" attribute view (not a POSIX system) ends here too
            LOG.debug("No {} for {}: {}", attribute, virtualPath, e.toString());
            return "0";
        }
    }
}
