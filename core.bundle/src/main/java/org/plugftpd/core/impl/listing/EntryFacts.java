package org.plugftpd.core.impl.listing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.plugftpd.core.impl.fs.EntryAttributes;

/**
 * What one lstat(2) says about a directory entry, plus the link text of a symlink: everything a
 * LIST or MLSD line shows, read once per entry. Immutable.
 */
public record EntryFacts(String name, int mode, int links, long uid, long gid, long size, long modifiedMillis, long device,
        long inode, String linkTarget) {

    public static final int TYPE_MASK = 0170000;
    public static final int DIRECTORY = 0040000;
    public static final int REGULAR = 0100000;
    public static final int SYMLINK = 0120000;

    // named attributes, not "unix:*": the wildcard also builds owner/group principals (a passwd
    // lookup per entry); this list is still a single lstat
    private static final String ATTRIBUTES = "unix:mode,nlink,uid,gid,size,lastModifiedTime,dev,ino";

    /**
     * Reads the entry itself by path (links not followed); {@code name} is what the listing shows.
     * Only for paths that are not a client's: listings read through {@link #of} and a jail.
     */
    public static EntryFacts read(Path entry, String name) throws IOException {
        Map<String, Object> a = Files.readAttributes(entry, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = ((Number) a.get("mode")).intValue();
        String target = null;
        if ((mode & TYPE_MASK) == SYMLINK) {
            try {
                target = Files.readSymbolicLink(entry).toString();
            } catch (IOException | UnsupportedOperationException e) {
                // spec/server-behaviour.md §5: an unreadable link target shows as ".."
                target = "..";
            }
        }
        return new EntryFacts(name, mode, ((Number) a.get("nlink")).intValue(), ((Number) a.get("uid")).longValue(),
                ((Number) a.get("gid")).longValue(), ((Number) a.get("size")).longValue(),
                ((FileTime) a.get("lastModifiedTime")).toMillis(), ((Number) a.get("dev")).longValue(),
                ((Number) a.get("ino")).longValue(), target);
    }

    /** The facts a jail gave for an entry, shown as {@code name}. */
    public static EntryFacts of(String name, EntryAttributes a) {
        return new EntryFacts(name, a.mode(), a.links(), a.uid(), a.gid(), a.size(), a.modifiedMillis(), a.device(),
                a.inode(), a.linkTarget());
    }

    /** The same facts under another name (the {@code .} and {@code ..} entries). */
    public EntryFacts named(String other) {
        return new EntryFacts(other, mode, links, uid, gid, size, modifiedMillis, device, inode, linkTarget);
    }

    public boolean isDirectory() {
        return (mode & TYPE_MASK) == DIRECTORY;
    }

    public boolean isRegularFile() {
        return (mode & TYPE_MASK) == REGULAR;
    }

    public boolean isSymbolicLink() {
        return (mode & TYPE_MASK) == SYMLINK;
    }
}
