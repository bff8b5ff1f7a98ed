package org.plugftpd.auth.puredb.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What one stat(2) says about a file that tells one version from the next: device+inode (a
 * rename brings a new one), size and modification time (an in-place rewrite). Immutable.
 */
record FileIdentity(Object fileKey, long size, FileTime modified) {

    static FileIdentity of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileIdentity(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
    }
}
