package org.plugftpd.core.impl.fs;

/**
 * What one lstat(2) says about a directory entry inside a jail, plus the text of a symlink as the
 * client may see it (a relative text as it is, an absolute one as its virtual path, never a disk
 * path outside the client's view). Everything a LIST or MLSD line shows. Immutable.
 */
public record EntryAttributes(int mode, int links, long uid, long gid, long size, long modifiedMillis, long device,
        long inode, String linkTarget) {

    public static final int TYPE_MASK = 0170000;
    public static final int DIRECTORY = 0040000;
    public static final int REGULAR = 0100000;
    public static final int SYMLINK = 0120000;

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
