package org.plugftpd.core.impl.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A jail root on disk and the race-free way into it. Every name is walked from the root one
 * component at a time through directory handles opened without following links
 * ({@link SecureDirectoryStream}: openat with O_NOFOLLOW, fstatat, unlinkat, renameat), so a
 * directory swapped for a symbolic link between a check and a use is met at the use, not before
 * it. A link met on the way is followed only when its target lies inside the jail: an absolute
 * target must name a place under the jail root, a relative one is walked from the link's real
 * directory, {@code ..} by {@code ..}, and may never climb above the root; either way the walk
 * goes on component by component, so a link swapped in later is met and checked too. At most
 * {@value #MAX_LINKS} links per walk, as Linux allows.
 * <p>Immutable and thread-safe; every walk opens and closes its own handles.
 */
final class Jail {

    /** Links followed in one walk (Linux MAXSYMLINKS); more is a loop or an attack. */
    static final int MAX_LINKS = 40;

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final Path SELF = Paths.get(".");
    // one lstat: named attributes, not "unix:*" (which also looks up owner and group names)
    private static final String FACTS = "unix:mode,nlink,uid,gid,size,lastModifiedTime,dev,ino,fileKey";

    private final Path root;
    private final Path configuredRoot;

    /**
     * @param configured the jail root as configured; links above it are resolved once here, an
     *        absolute link target may name the jail by either form
     * @throws IOException when the root is missing, not a directory, or the platform has no
     *         {@link SecureDirectoryStream} (then nothing could be opened safely)
     */
    Jail(Path configured) throws IOException {
        this.configuredRoot = configured.toAbsolutePath().normalize();
        this.root = configured.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(configured.toString());
        }
        openRoot().close();
    }

    /** The real path of the jail root. */
    Path root() {
        return root;
    }

    /** Where {@code components} (real names below the root) are on disk; for logs and verified reads. */
    Path pathOf(List<String> components, String name) {
        Path p = root;
        for (String c : components) {
            p = p.resolve(c);
        }
        return name == null ? p : p.resolve(name);
    }

    SecureDirectoryStream<Path> openRoot() throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(root);
        if (stream instanceof SecureDirectoryStream) {
            return (SecureDirectoryStream<Path>) stream;
        }
        stream.close();
        throw new FileSystemException(root.toString(), null,
                "this platform cannot open directories race-free (no SecureDirectoryStream): refusing to serve it");
    }

    /**
     * Walks a normalised virtual path ({@code /a/b}) to the entry it names.
     *
     * @param followLast follow the last component when it is a link (open, stat); false to act on
     *        the link itself (delete, rename, mkdir)
     * @throws JailEscapeException when a link on the way leads out of the jail
     * @throws NoSuchFileException or {@link NotDirectoryException} when a directory on the way is missing
     */
    Location locate(String virtualPath, boolean followLast) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        if (!virtualPath.equals(VirtualPath.ROOT)) {
            Collections.addAll(todo, VirtualPath.relativeOf(virtualPath).split("/"));
        }
        return walk(new ArrayList<>(), todo, followLast, virtualPath);
    }

    /** Walks {@code todo} from the real directory {@code start} (components below the root). */
    Location walk(List<String> start, Deque<String> todo, boolean followLast, String virtualPath) throws IOException {
        List<String> canon = new ArrayList<>(start);
        SecureDirectoryStream<Path> dir = open(canon);
        int links = 0;
        try {
            while (true) {
                String name = todo.pollFirst();
                if (name == null) {
                    // the walk ended on "." or "..": the directory itself is the entry
                    if (canon.isEmpty()) {
                        Location l = new Location(this, dir, canon, null, rootAttributes(dir));
                        dir = null;
                        return l;
                    }
                    name = canon.remove(canon.size() - 1);
                    dir = reopen(dir, canon);
                } else if (name.isEmpty() || name.equals(".")) {
                    continue;
                } else if (name.equals("..")) {
                    if (canon.isEmpty()) {
                        throw new JailEscapeException(virtualPath, "a link leads above the jail root");
                    }
                    canon.remove(canon.size() - 1);
                    dir = reopen(dir, canon);
                    continue;
                }
                boolean last = todo.isEmpty();
                PosixFileAttributes a = lstat(dir, name);
                if (a != null && a.isSymbolicLink() && (!last || followLast)) {
                    if (++links > MAX_LINKS) {
                        throw new JailEscapeException(virtualPath, "too many levels of symbolic links");
                    }
                    String text = readLink(canon, name, a, virtualPath);
                    List<String> target = targetOf(text, virtualPath);
                    if (text.startsWith("/")) {
                        canon.clear();
                        dir = reopen(dir, canon);
                    }
                    for (int i = target.size() - 1; i >= 0; i--) {
                        todo.addFirst(target.get(i));
                    }
                    continue;
                }
                if (last) {
                    Location l = new Location(this, dir, canon, name, a);
                    dir = null;
                    return l;
                }
                if (a == null) {
                    throw new NoSuchFileException(virtualPath);
                }
                if (!a.isDirectory()) {
                    throw new NotDirectoryException(virtualPath);
                }
                // O_NOFOLLOW: a link swapped in since the lstat fails here instead of being followed
                SecureDirectoryStream<Path> child = dir.newDirectoryStream(Paths.get(name), NOFOLLOW);
                dir.close();
                dir = child;
                canon.add(name);
            }
        } catch (InvalidPathException e) {
            throw new NoSuchFileException(virtualPath, null, "unusable name");
        } finally {
            if (dir != null) {
                dir.close();
            }
        }
    }

    /** The handle of a real directory, opened from the root name by name, no link followed. */
    SecureDirectoryStream<Path> open(List<String> components) throws IOException {
        SecureDirectoryStream<Path> dir = openRoot();
        try {
            for (String c : components) {
                SecureDirectoryStream<Path> child = dir.newDirectoryStream(Paths.get(c), NOFOLLOW);
                dir.close();
                dir = child;
            }
            SecureDirectoryStream<Path> opened = dir;
            dir = null;
            return opened;
        } finally {
            if (dir != null) {
                dir.close();
            }
        }
    }

    private SecureDirectoryStream<Path> reopen(SecureDirectoryStream<Path> dir, List<String> components)
            throws IOException {
        dir.close();
        return open(components);
    }

    /** The entry's own attributes (fstatat, no link followed), or null when there is none. */
    static PosixFileAttributes lstat(SecureDirectoryStream<Path> dir, String name) throws IOException {
        try {
            return dir.getFileAttributeView(Paths.get(name), PosixFileAttributeView.class, NOFOLLOW).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static PosixFileAttributes rootAttributes(SecureDirectoryStream<Path> dir) throws IOException {
        return dir.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
    }

    /**
     * The text of the link {@code name} in the real directory {@code canon}. Java has no
     * readlinkat: the link is read by path, and accepted only when the path names, after the read,
     * the very link the handle found (same device and inode; a link's text never changes).
     */
    private String readLink(List<String> canon, String name, BasicFileAttributes link, String virtualPath)
            throws IOException {
        Path p = pathOf(canon, name);
        String text = Files.readSymbolicLink(p).toString();
        BasicFileAttributes after = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
        if (!Objects.equals(after.fileKey(), link.fileKey())) {
            throw new FileSystemException(virtualPath, null, "a link changed while it was read");
        }
        if (text.isEmpty()) {
            throw new NoSuchFileException(virtualPath);
        }
        return text;
    }

    /** The components to walk for a link's text; an absolute text must lie under the jail root. */
    private List<String> targetOf(String text, String virtualPath) throws IOException {
        List<String> components = new ArrayList<>();
        if (text.startsWith("/")) {
            Path target = Paths.get(text).normalize();
            Path inside;
            if (target.startsWith(root)) {
                inside = root.relativize(target);
            } else if (target.startsWith(configuredRoot)) {
                inside = configuredRoot.relativize(target);
            } else {
                throw new JailEscapeException(virtualPath, "a link points outside the jail");
            }
            for (Path c : inside) {
                if (!c.toString().isEmpty()) {
                    components.add(c.toString());
                }
            }
        } else {
            Collections.addAll(components, text.split("/"));
        }
        return components;
    }

    /**
     * True when the link {@code link} found, moved into the real directory {@code newParent},
     * would lead to an existing entry inside the jail (a relative text is read from its new place).
     */
    boolean linkResolvesFrom(Location link, List<String> newParent, String virtualPath) throws IOException {
        String text = readLink(link.parent, link.name, link.attributes, virtualPath);
        Deque<String> todo = new ArrayDeque<>(targetOf(text, virtualPath));
        List<String> start = text.startsWith("/") ? List.of() : newParent;
        try (Location target = walk(start, todo, true, virtualPath)) {
            return target.exists();
        } catch (JailEscapeException | NoSuchFileException | NotDirectoryException e) {
            return false;
        }
    }

    /**
     * How a link's text is shown in a listing: a relative text as it is (it names a place in the
     * client's view), an absolute one as the virtual path under the jail root, never the disk path.
     */
    String shownLinkText(String text) {
        if (!text.startsWith("/")) {
            return text;
        }
        Path target = Paths.get(text).normalize();
        Path inside = target.startsWith(root) ? root.relativize(target)
                : target.startsWith(configuredRoot) ? configuredRoot.relativize(target) : null;
        return inside == null ? ".." : "/" + inside.toString();
    }

    /**
     * What a listing shows of the entry {@code name} in {@code dir} (real components {@code canon}),
     * whose handle-based lstat is {@code lstat}: one by-path lstat for the numbers a handle cannot
     * give (mode bits, links, numeric owner, device), accepted only when it saw the same inode.
     * Null when the entry changed meanwhile.
     */
    EntryAttributes describe(List<String> canon, String name, BasicFileAttributes lstat) throws IOException {
        Path p = pathOf(canon, name);
        Map<String, Object> a = Files.readAttributes(p, FACTS, NOFOLLOW);
        if (!Objects.equals(a.get("fileKey"), lstat.fileKey())) {
            return null;
        }
        int mode = ((Number) a.get("mode")).intValue();
        String link = null;
        if ((mode & EntryAttributes.TYPE_MASK) == EntryAttributes.SYMLINK) {
            try {
                link = shownLinkText(Files.readSymbolicLink(p).toString());
            } catch (IOException | UnsupportedOperationException e) {
                // spec/server-behaviour.md §5: an unreadable link target shows as ".."
                link = "..";
            }
        }
        return new EntryAttributes(mode, ((Number) a.get("nlink")).intValue(), ((Number) a.get("uid")).longValue(),
                ((Number) a.get("gid")).longValue(), ((Number) a.get("size")).longValue(),
                ((FileTime) a.get("lastModifiedTime")).toMillis(), ((Number) a.get("dev")).longValue(),
                ((Number) a.get("ino")).longValue(), link);
    }

    /**
     * Where a walk ended: the open handle of the directory that holds the entry, the entry's
     * name in it and its own attributes. For the jail root itself the name is null and the
     * handle is the root's. Closing it closes the handle.
     */
    static final class Location implements Closeable {
        private final Jail jail;
        final SecureDirectoryStream<Path> dir;
        /** Real names of {@link #dir} below the jail root. */
        final List<String> parent;
        /** The entry's name in {@link #dir}; null for the jail root. */
        final String name;
        /** The entry's own attributes (a link not followed); null when it does not exist. */
        final PosixFileAttributes attributes;

        Location(Jail jail, SecureDirectoryStream<Path> dir, List<String> parent, String name,
                PosixFileAttributes attributes) {
            this.jail = jail;
            this.dir = dir;
            this.parent = List.copyOf(parent);
            this.name = name;
            this.attributes = attributes;
        }

        boolean isRoot() {
            return name == null;
        }

        boolean exists() {
            return attributes != null;
        }

        /** The entry as a relative name for the handle's operations ({@code .} for the root). */
        Path entry() {
            return name == null ? SELF : Paths.get(name);
        }

        /** The entry's real components below the jail root. */
        List<String> components() {
            if (name == null) {
                return parent;
            }
            List<String> all = new ArrayList<>(parent);
            all.add(name);
            return all;
        }

        /** Where the entry is on disk: for logs, events, and reads verified against the handle. */
        Path path() {
            return jail.pathOf(parent, name);
        }

        /** A handle on the entry itself as a directory (O_NOFOLLOW: fails if it became a link). */
        SecureDirectoryStream<Path> openDirectory() throws IOException {
            return dir.newDirectoryStream(entry(), NOFOLLOW);
        }

        BasicFileAttributeView basicView() {
            return name == null ? dir.getFileAttributeView(BasicFileAttributeView.class)
                    : dir.getFileAttributeView(entry(), BasicFileAttributeView.class, NOFOLLOW);
        }

        @Override
        public void close() throws IOException {
            dir.close();
        }
    }
}
