package org.plugftpd.core.impl.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An open directory of a jail, for listings: its names are read from a handle opened race-free
 * (see {@link Jail}), so a directory swapped for a link after the check is never read, and every
 * entry is described through the same handle. Streams: nothing is held per entry.
 * <p>One listing, one thread; close it when done.
 */
public final class JailDirectory implements Closeable {
    private final Jail jail;
    private final SecureDirectoryStream<Path> dir;
    private final List<String> components;
    private final String virtualPath;

    JailDirectory(Jail jail, SecureDirectoryStream<Path> dir, List<String> components, String virtualPath) {
        this.jail = jail;
        this.dir = dir;
        this.components = List.copyOf(components);
        this.virtualPath = virtualPath;
    }

    /** True when this is the jail root (whose {@code ..} is itself, as in a chroot). */
    public boolean isRoot() {
        return components.isEmpty();
    }

    /**
     * The entry names in directory order, read as they are asked for; names with control bytes
     * (CR, LF...) are skipped: they would break a listing line (spec/server-behaviour.md §5).
     * Can be iterated once.
     */
    public Iterator<String> names() {
        Iterator<Path> entries = dir.iterator();
        return new Iterator<>() {
            private String next;

            @Override
            public boolean hasNext() {
                while (next == null && entries.hasNext()) {
                    String name = entries.next().getFileName().toString();
                    if (!FileNamePolicy.hasControlCharacter(name)) {
                        next = name;
                    }
                }
                return next != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String n = next;
                next = null;
                return n;
            }
        };
    }

    /** The directory itself (the {@code .} entry); null when it changed while being read. */
    public EntryAttributes self() throws IOException {
        return describeDirectory(components, Jail.rootAttributes(dir));
    }

    /** The parent directory (the {@code ..} entry; the jail root's is the root itself). */
    public EntryAttributes parent() throws IOException {
        if (components.isEmpty()) {
            return self();
        }
        List<String> up = components.subList(0, components.size() - 1);
        try (SecureDirectoryStream<Path> parent = jail.open(up)) {
            return describeDirectory(up, Jail.rootAttributes(parent));
        }
    }

    /**
     * What a listing shows of entry {@code name}: regular files, directories, and links whose
     * target resolves inside the jail to one of those (the link itself is described); null for
     * anything else (devices, FIFOs, sockets, links leading out, dangling links, vanished names).
     */
    public EntryAttributes entry(String name) throws IOException {
        PosixFileAttributes a = Jail.lstat(dir, name);
        return a != null && listable(name, a) ? jail.describe(components, name, a) : null;
    }

    /** True when {@link #entry} would describe {@code name}, for one handle-based lstat (and a walk for a link). */
    boolean listable(String name) throws IOException {
        PosixFileAttributes a = Jail.lstat(dir, name);
        return a != null && listable(name, a);
    }

    private boolean listable(String name, PosixFileAttributes a) {
        if (a.isSymbolicLink()) {
            ArrayDeque<String> todo = new ArrayDeque<>(List.of(name));
            String shown = VirtualPath.childOf(virtualPath, name);
            try (Jail.Location target = jail.walk(components, todo, true, shown)) {
                PosixFileAttributes t = target.attributes;
                return t != null && (t.isRegularFile() || t.isDirectory());
            } catch (IOException e) {
                // leads out of the jail, dangles or loops: not listed
                return false;
            }
        }
        return a.isRegularFile() || a.isDirectory();
    }

    private EntryAttributes describeDirectory(List<String> dirComponents, PosixFileAttributes a) throws IOException {
        if (dirComponents.isEmpty()) {
            return jail.describe(dirComponents, null, a);
        }
        int last = dirComponents.size() - 1;
        return jail.describe(dirComponents.subList(0, last), dirComponents.get(last), a);
    }

    @Override
    public void close() throws IOException {
        dir.close();
    }
}
