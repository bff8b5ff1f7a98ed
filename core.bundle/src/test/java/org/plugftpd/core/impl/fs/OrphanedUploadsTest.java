package org.plugftpd.core.impl.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Issue 11 finding 10: what a crash mid-upload left is removed; a running upload is not touched. */
public class OrphanedUploadsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void onlyTemporaryUploadsOlderThanTheServerStartGoAndOnlyOncePerJail() throws IOException {
        Path jail = temp.newFolder("jail").toPath();
        Path outside = temp.newFolder("outside").toPath();
        Instant start = Instant.now();
        Path old = old(jail.resolve(".pureftpd-upload.1a2b"), start);
        Path deep = old(Files.createDirectories(jail.resolve("a/b")).resolve(".pureftpd-upload.ff"), start);
        Path running = Files.write(jail.resolve(".pureftpd-upload.77"), new byte[3]);
        Files.setLastModifiedTime(running, FileTime.from(start.plusSeconds(1)));
        Path user = old(jail.resolve("pureftpd-upload.1"), start);
        Path outsideOrphan = old(outside.resolve(".pureftpd-upload.99"), start);
        Files.createSymbolicLink(jail.resolve("out"), Paths.get("../outside"));
        Path mkdirLeft = Files.createDirectory(jail.resolve(".pureftpd-mkdir.5"));
        Files.setLastModifiedTime(mkdirLeft, FileTime.from(start.minusSeconds(60)));

        OrphanedUploads orphans = new OrphanedUploads(start);
        assertEquals(3, orphans.sweepOnce(jail));
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(deep));
        assertFalse(Files.exists(mkdirLeft));
        assertTrue("a running upload stays", Files.exists(running));
        assertTrue("a user's file stays", Files.exists(user));
        assertTrue("links are not followed", Files.exists(outsideOrphan));

        old(jail.resolve(".pureftpd-upload.2"), start);
        assertEquals("once per jail and server start", 0, orphans.sweepOnce(jail));
    }

    @Test
    public void theFactorySweepsAJailAtItsFirstSession() throws Exception {
        Path jail = temp.newFolder("home").toPath();
        Instant start = Instant.now();
        Path orphan = old(jail.resolve(".pureftpd-upload.abc"), start);
        JailFileSystemFactory factory = new JailFileSystemFactory(new OrphanedUploads(start));
        factory.createFileSystemView(new JailFileSystemFactoryTest.PlainUser("u", jail.toString()));
        assertFalse(Files.exists(orphan));
    }

    private static Path old(Path file, Instant start) throws IOException {
        Files.write(file, new byte[5]);
        Files.setLastModifiedTime(file, FileTime.from(start.minusSeconds(60)));
        return file;
    }
}
