package org.plugftpd.core.impl.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.ftpserver.ftplet.FtpFile;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JailFileSystemViewTest {

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
    public void jailRootIsStoredAsItsRealPath() throws IOException {
        Path viaLink = Files.createSymbolicLink(fixture.base.resolve("jail-link"), fixture.jail);
        JailFileSystemView linked = new JailFileSystemView(viaLink, "/", true);
        assertEquals(fixture.jail, linked.jailRoot());
        assertEquals(JailFixture.README, JailFixture.read(linked.getFile("pub/readme.txt"), 0));
    }

    @Test
    public void workingDirectoryChangesOnlyToExistingDirectories() {
        assertEquals("/", view.getWorkingDirectory().getAbsolutePath());
        assertTrue(view.changeWorkingDirectory("pub"));
        assertEquals("/pub", view.getWorkingDirectory().getAbsolutePath());
        assertFalse(view.changeWorkingDirectory("readme.txt"));
        assertFalse(view.changeWorkingDirectory("missing"));
        assertEquals("/pub", view.getWorkingDirectory().getAbsolutePath());
        assertTrue(view.getFile("readme.txt").isFile());
        assertTrue(view.changeWorkingDirectory(".."));
        assertEquals("/", view.getWorkingDirectory().getAbsolutePath());
        assertTrue(view.changeWorkingDirectory("//www//./"));
        assertEquals("/www", view.getWorkingDirectory().getAbsolutePath());
        assertTrue(view.changeWorkingDirectory("/"));
        assertEquals("/", view.getWorkingDirectory().getAbsolutePath());
    }

    @Test
    public void startDirectoryIsHomeAndInitialWorkingDirectory() throws IOException {
        JailFileSystemView www = new JailFileSystemView(fixture.jail, "/www", true);
        assertEquals("/www", www.getWorkingDirectory().getAbsolutePath());
        assertEquals("/www", www.getHomeDirectory().getAbsolutePath());
        assertTrue(www.getFile("index.html").isFile());
        assertTrue(www.changeWorkingDirectory(".."));
        assertEquals("/", www.getWorkingDirectory().getAbsolutePath());
        assertTrue(www.changeWorkingDirectory("~"));
        assertEquals("/www", www.getWorkingDirectory().getAbsolutePath());
        assertEquals("/www/index.html", www.getFile("~/index.html").getAbsolutePath());
    }

    @Test
    public void startDirectoryMustExistInsideTheJail() {
        for (String start : new String[] {"/missing", "/www/mid", "/abs", "/pub/readme.txt", "/a\nb"}) {
            try {
                new JailFileSystemView(fixture.jail, start, true);
                fail(start);
            } catch (IOException expected) {
                // the factory turns this into "Home directory not available"
            }
        }
    }

    @Test
    public void missingJailRootIsRefused() {
        try {
            new JailFileSystemView(fixture.base.resolve("nope"), "/", true);
            fail();
        } catch (IOException expected) {
            // refused
        }
    }

    @Test
    public void readOnlyViewRefusesEveryWrite() throws IOException {
        JailFileSystemView anonymous = new JailFileSystemView(fixture.jail, "/", false);
        FtpFile readme = anonymous.getFile("/pub/readme.txt");
        assertTrue(readme.isReadable());
        assertEquals(JailFixture.README, JailFixture.read(readme, 0));
        assertFalse(readme.isWritable());
        assertFalse(readme.isRemovable());
        assertFalse(readme.delete());
        assertFalse(readme.setLastModified(0));
        assertFalse(readme.move(anonymous.getFile("/pub/moved.txt")));
        assertFalse(anonymous.getFile("/pub/new").isWritable());
        assertFalse(anonymous.getFile("/pub/new").mkdir());
        assertFalse(anonymous.getFile("/pub/new").move(anonymous.getFile("/pub/x")));
        for (String name : new String[] {"/pub/readme.txt", "/pub/new.txt"}) {
            try {
                JailFixture.write(anonymous.getFile(name), 0, "x");
                fail(name);
            } catch (IOException expected) {
                // refused
            }
        }
        assertEquals(JailFixture.README, JailFixture.read(readme, 0));
        assertTrue(Files.notExists(fixture.jail.resolve("pub/new.txt")));
        assertTrue(Files.notExists(fixture.jail.resolve("pub/new")));
    }

    @Test
    public void controlBytesAreRefusedWithoutExceptions() throws IOException {
        List<String> before = jailEntries();
        String[] names = {"a\0b", "/pub/a\0", "a\r\nb", "x\nDELE readme.txt", "/pub/\u0001x", "\u007f", "\t", "pub\0/.."};
        for (String name : names) {
            FtpFile file = view.getFile(name);
            assertFalse(name, file.doesExist());
            assertFalse(name, file.isWritable());
            assertFalse(name, file.isRemovable());
            assertFalse(name, file.mkdir());
            assertFalse(name, file.delete());
            assertFalse(name, file.setLastModified(0));
            assertNull(name, file.listFiles());
            assertNull(name, ((JailFile) file).storedPath());
            assertFalse(name, view.changeWorkingDirectory(name));
            assertFalse(name, view.getFile("/pub/readme.txt").move(file));
            assertFalse(name, FileNamePolicy.hasControlCharacter(file.getAbsolutePath()));
            try {
                JailFixture.write(file, 0, "x");
                fail(name);
            } catch (IOException expected) {
                // refused
            }
            try {
                JailFixture.read(file, 0);
                fail(name);
            } catch (IOException expected) {
                // refused
            }
        }
        assertEquals(before, jailEntries());
        assertEquals("/", view.getWorkingDirectory().getAbsolutePath());
    }

    @Test
    public void veryLongNamesAreRefusedWithoutExceptions() throws IOException {
        String longName = "a".repeat(5000);
        String deepName = String.join("/", Collections.nCopies(2500, "a"));
        for (String name : new String[] {longName, "/pub/" + longName, deepName}) {
            FtpFile file = view.getFile(name);
            assertFalse(file.doesExist());
            assertFalse(file.isWritable());
            assertFalse(file.mkdir());
            assertFalse(file.delete());
            assertNull(file.listFiles());
            assertFalse(view.changeWorkingDirectory(name));
            try {
                JailFixture.write(file, 0, "x");
                fail();
            } catch (IOException expected) {
                // refused
            }
        }
    }

    @Test
    public void reservedAndBackslashNamesCannotBeWrittenButCanBeRead() throws IOException {
        JailFixture.write(fixture.jail.resolve("pub/a\\b"), "backslash");
        JailFixture.write(fixture.jail.resolve("pub/.ftpquota"), "1 2");
        FtpFile backslash = view.getFile("/pub/a\\b");
        assertTrue(backslash.doesExist());
        assertEquals("backslash", JailFixture.read(backslash, 0));
        assertFalse(backslash.isWritable());
        assertFalse(backslash.delete());
        for (String name : new String[] {"/pub/.ftpquota", "/pub/.pureftpd-upload.1", "/pub/new\\file", "..\\x"}) {
            FtpFile file = view.getFile(name);
            assertFalse(name, file.isWritable());
            assertFalse(name, file.mkdir());
            assertFalse(name, file.delete());
            assertFalse(name, view.getFile("/pub/readme.txt").move(file));
            try {
                JailFixture.write(file, 0, "x");
                fail(name);
            } catch (IOException expected) {
                // refused
            }
        }
        assertFalse(view.getFile("/pub/.ftpquota").move(view.getFile("/pub/q")));
        assertEquals("1 2", Files.readString(fixture.jail.resolve("pub/.ftpquota")));
        assertTrue(Files.exists(fixture.jail.resolve("pub/readme.txt")));
    }

    private List<String> jailEntries() throws IOException {
        try (Stream<Path> walk = Files.walk(fixture.jail)) {
            return walk.map(Path::toString).sorted().collect(Collectors.toList());
        }
    }
}
