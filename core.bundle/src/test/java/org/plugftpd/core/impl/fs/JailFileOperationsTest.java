package org.plugftpd.core.impl.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.ftpserver.ftplet.FtpFile;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JailFileOperationsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private JailFixture fixture;
    private JailFileSystemView view;

    @Before
    public void setUp() throws IOException {
        fixture = new JailFixture(temp.getRoot().toPath());
        view = fixture.view();
    }

    @Test
    public void inputStreamStartsAtTheOffset() throws IOException {
        FtpFile readme = view.getFile("/pub/readme.txt");
        assertEquals("world", JailFixture.read(readme, 6));
        assertEquals(JailFixture.README, JailFixture.read(readme, 0));
        assertEquals("", JailFixture.read(readme, 100));
    }

    @Test
    public void outputStreamTruncatesAtZeroAndOverwritesFromAnOffset() throws IOException {
        FtpFile file = view.getFile("/pub/data.bin");
        assertTrue(file.isWritable());
        JailFixture.write(file, 0, "0123456789");
        JailFixture.write(file, 4, "ab");
        assertEquals("0123ab6789", Files.readString(fixture.jail.resolve("pub/data.bin")));
        JailFixture.write(file, 10, "XY");
        assertEquals("0123ab6789XY", Files.readString(fixture.jail.resolve("pub/data.bin")));
        JailFixture.write(file, 0, "z");
        assertEquals("z", Files.readString(fixture.jail.resolve("pub/data.bin")));
        assertEquals(1, file.getSize());
    }

    @Test
    public void streamsRefuseDirectoriesAndMissingFiles() {
        for (String name : new String[] {"/pub", "/pub/missing.txt", "/missing/x"}) {
            try {
                JailFixture.read(view.getFile(name), 0);
                fail(name);
            } catch (IOException expected) {
                // refused
            }
        }
        for (String name : new String[] {"/pub", "/missing/x", "/"}) {
            try {
                JailFixture.write(view.getFile(name), 0, "x");
                fail(name);
            } catch (IOException expected) {
                // refused
            }
        }
    }

    @Test
    public void renameWithinTheJailWorks() throws IOException {
        assertTrue(view.getFile("/pub/readme.txt").move(view.getFile("/www/readme.txt")));
        assertEquals(JailFixture.README, Files.readString(fixture.jail.resolve("www/readme.txt")));
        assertTrue(Files.notExists(fixture.jail.resolve("pub/readme.txt")));
        assertTrue(view.getFile("/www").move(view.getFile("/site")));
        assertTrue(view.getFile("/site/index.html").isFile());
        assertTrue(view.changeWorkingDirectory("/site"));
        assertTrue(view.getFile("readme.txt").move(view.getFile("../pub/back.txt")));
        assertTrue(view.getFile("/pub/back.txt").isFile());
    }

    @Test
    public void renameMovesALinkNotItsTarget() throws IOException {
        assertTrue(view.getFile("/infile").move(view.getFile("/link-to-readme")));
        assertTrue(Files.isSymbolicLink(fixture.jail.resolve("link-to-readme")));
        assertEquals(JailFixture.README, JailFixture.read(view.getFile("/link-to-readme"), 0));
        assertTrue(Files.isRegularFile(fixture.jail.resolve("pub/readme.txt"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    public void mkdirAndRemoveEmptyDirectory() throws IOException {
        FtpFile dir = view.getFile("/pub/new");
        assertTrue(dir.isWritable());
        assertTrue(dir.mkdir());
        assertFalse(dir.mkdir());
        assertTrue(dir.isDirectory());
        assertFalse(view.getFile("/pub/a/b").mkdir());
        JailFixture.write(view.getFile("/pub/new/f"), 0, "x");
        assertFalse(dir.delete());
        assertTrue(view.getFile("/pub/new/f").isRemovable());
        assertTrue(view.getFile("/pub/new/f").delete());
        assertTrue(dir.delete());
        assertFalse(dir.doesExist());
    }

    @Test
    public void deletingALinkKeepsItsTarget() {
        assertTrue(view.getFile("/infile").delete());
        assertTrue(Files.notExists(fixture.jail.resolve("infile"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(view.getFile("/pub/readme.txt").isFile());
    }

    @Test
    public void rootCannotBeChanged() {
        FtpFile root = view.getFile("/");
        assertTrue(root.isDirectory());
        assertEquals("/", root.getName());
        assertFalse(root.isHidden());
        assertFalse(root.isWritable());
        assertFalse(root.isRemovable());
        assertFalse(root.delete());
        assertFalse(root.mkdir());
        assertNull(view.getFile("/pub/readme.txt").listFiles());
    }

    @Test
    public void ownerAndGroupAreNumeric() throws IOException {
        JailFile readme = view.getFile("/pub/readme.txt");
        Path real = fixture.jail.resolve("pub/readme.txt");
        assertEquals(String.valueOf(Files.getAttribute(real, "unix:uid")), readme.getOwnerName());
        assertEquals(String.valueOf(Files.getAttribute(real, "unix:gid")), readme.getGroupName());
        assertTrue(readme.getOwnerName().matches("\\d+"));
        assertEquals(1, readme.getLinkCount());
        assertTrue(view.getFile("/pub").getLinkCount() >= 2);
    }

    @Test
    public void attributesAndModificationTime() throws IOException {
        JailFile readme = view.getFile("/pub/readme.txt");
        assertEquals(JailFixture.README.length(), readme.getSize());
        assertEquals("readme.txt", readme.getName());
        assertEquals("/pub/readme.txt", readme.virtualPath());
        assertEquals(fixture.jail.resolve("pub/readme.txt"), readme.storedPath());
        long when = TimeUnit.DAYS.toMillis(10_000);
        assertTrue(readme.setLastModified(when));
        assertEquals(when, readme.getLastModified());
        assertEquals(when, Files.getLastModifiedTime(fixture.jail.resolve("pub/readme.txt")).toMillis());
        assertFalse(view.getFile("/pub/missing").setLastModified(when));
        assertEquals(view.getFile("/pub/readme.txt"), view.getFile("/pub/../pub/readme.txt"));
    }

    @Test
    public void listingIsSortedImmutableAndMarksDotFilesHidden() throws IOException {
        JailFixture.write(fixture.jail.resolve("pub/.hidden"), "h");
        JailFixture.write(fixture.jail.resolve("pub/Zeta"), "z");
        JailFixture.write(fixture.jail.resolve("pub/bad\nname"), "n");
        List<? extends FtpFile> listing = view.getFile("/pub").listFiles();
        List<String> names = new ArrayList<>();
        for (FtpFile f : listing) {
            names.add(f.getName());
        }
        assertEquals(List.of(".hidden", "Zeta", "readme.txt"), names);
        assertTrue(listing.get(0).isHidden());
        assertFalse(listing.get(2).isHidden());
        assertEquals("/pub/readme.txt", listing.get(2).getAbsolutePath());
        try {
            listing.clear();
            fail("listing must be immutable");
        } catch (UnsupportedOperationException expected) {
            // immutable
        }
    }

    @Test
    public void listingSkipsFifos() throws Exception {
        Path fifo = fixture.jail.resolve("pub/fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException noMkfifo) {
            Assume.assumeNoException(noMkfifo);
            return;
        }
        Assume.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);
        Files.createSymbolicLink(fixture.jail.resolve("pub/fifolink"), fifo.getFileName());
        List<String> names = new ArrayList<>();
        for (FtpFile f : view.getFile("/pub").listFiles()) {
            names.add(f.getName());
        }
        assertEquals(List.of("readme.txt"), names);
        try {
            JailFixture.read(view.getFile("/pub/fifo"), 0);
            fail("a fifo is not a file to download");
        } catch (IOException expected) {
            // refused
        }
    }

    @Test
    public void listingsShowLinkTargetsInTheVirtualViewNeverTheDiskPath() throws IOException {
        Files.createSymbolicLink(fixture.jail.resolve("absin"), fixture.jail.resolve("pub/readme.txt"));
        EntryAttributes absolute = view.getFile("/absin").entryAttributes();
        assertTrue(absolute.isSymbolicLink());
        assertEquals("/pub/readme.txt", absolute.linkTarget());
        assertEquals("pub/readme.txt", view.getFile("/infile").entryAttributes().linkTarget());
        // a link leading out is not shown at all
        assertNull(view.getFile("/abs").entryAttributes());
        try (JailDirectory root = view.getFile("/").openDirectory()) {
            assertEquals("/pub/readme.txt", root.entry("absin").linkTarget());
            assertNull(root.entry("abs"));
            assertNull(root.entry("secret"));
        }
    }
}
