package org.plugftpd.core.impl.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.apache.ftpserver.ftplet.FtpFile;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Every way out of the jail a client could try must be refused, and nothing outside may change. */
public class JailEscapeTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private JailFixture fixture;
    private JailFileSystemView view;
    private List<String> outsideBefore;

    /** Names of the secret file reached through links or name tricks. */
    private static final String[] SECRET_NAMES = {
        "/abs/secret.txt", "/rel/secret.txt", "/secret", "/chain1/secret.txt", "/chain3/secret.txt",
        "/up/outside/secret.txt", "/www/mid/secret.txt", "/www/back/../outside/secret.txt",
        "/prefix/evil.txt", "../outside/secret.txt", "/../../outside/secret.txt",
        "%2e%2e/outside/secret.txt", "..%2f..%2foutside%2fsecret.txt", "..\\outside\\secret.txt",
        "/loop1", "/dangling",
    };

    /** Directories outside reached through links. */
    private static final String[] OUTSIDE_DIRS = {
        "/abs", "/rel", "/chain1", "/chain2", "/chain3", "/up", "/www/mid", "/prefix", "/danglingdir",
        "/loop1", "/abs/sub", "/up/outside", "/www/mid/sub", "..", "../..",
    };

    /** Places to create something that would land outside. */
    private static final String[] OUTSIDE_TARGETS = {
        "/abs/new.txt", "/rel/new.txt", "/chain1/new.txt", "/up/outside/new.txt", "/up/new.txt",
        "/www/mid/new.txt", "/prefix/new.txt", "/dangling", "/danglingdir", "/danglingdir/x",
        "/secret", "/abs/secret.txt", "/loop1", "/loop1/x",
    };

    @Before
    public void setUp() throws IOException {
        fixture = new JailFixture(temp.getRoot().toPath());
        view = fixture.view();
        outsideBefore = fixture.outsideSnapshot();
    }

    @After
    public void nothingOutsideChanged() throws IOException {
        assertEquals(outsideBefore, fixture.outsideSnapshot());
        assertTrue(Files.notExists(fixture.base.resolve("created-by-attack.txt")));
    }

    @Test
    public void secretCannotBeStatOrRead() {
        for (String name : SECRET_NAMES) {
            FtpFile file = view.getFile(name);
            assertFalse(name, file.doesExist());
            assertFalse(name, file.isFile());
            assertFalse(name, file.isReadable());
            assertEquals(name, 0, file.getSize());
            assertEquals(name, 0, file.getLastModified());
            assertEquals(name, "0", file.getOwnerName());
            try {
                JailFixture.read(file, 0);
                fail("read " + name);
            } catch (IOException expected) {
                // refused
            }
        }
    }

    @Test
    public void outsideDirectoriesCannotBeListedOrEntered() {
        for (String name : OUTSIDE_DIRS) {
            FtpFile dir = view.getFile(name);
            List<? extends FtpFile> listing = dir.listFiles();
            if (name.startsWith("..")) {
                // clamped to the root, which is inside and may be listed
                assertEquals(name, "/", dir.getAbsolutePath());
                continue;
            }
            assertFalse(name, dir.isDirectory());
            assertNull(name, listing);
            assertFalse(name, view.changeWorkingDirectory(name));
            assertEquals("/", view.getWorkingDirectory().getAbsolutePath());
        }
    }

    @Test
    public void nothingCanBeCreatedOrOverwrittenOutside() {
        for (String name : OUTSIDE_TARGETS) {
            FtpFile file = view.getFile(name);
            assertFalse(name, file.isWritable());
            assertFalse(name, file.mkdir());
            assertFalse(name, file.setLastModified(0));
            for (long offset : new long[] {0, 3}) {
                try {
                    JailFixture.write(file, offset, "pwned");
                    fail("wrote " + name + " at " + offset);
                } catch (IOException expected) {
                    // refused
                }
            }
        }
    }

    @Test
    public void nothingOutsideCanBeDeleted() {
        List<String> names = new ArrayList<>(List.of(SECRET_NAMES));
        names.addAll(List.of(OUTSIDE_DIRS));
        names.remove("..");
        names.remove("../..");
        for (String name : names) {
            FtpFile file = view.getFile(name);
            assertFalse(name, file.isRemovable());
            assertFalse(name, file.delete());
        }
        assertFalse(view.getFile("/").delete());
        assertFalse(view.getFile("..").delete());
    }

    @Test
    public void nothingOutsideCanBeRenamedInOrOut() throws IOException {
        for (String name : SECRET_NAMES) {
            assertFalse(name, view.getFile(name).move(view.getFile("/pub/stolen.txt")));
            assertTrue(Files.notExists(fixture.jail.resolve("pub/stolen.txt")));
        }
        for (String name : OUTSIDE_TARGETS) {
            assertFalse(name, view.getFile("/pub/readme.txt").move(view.getFile(name)));
            assertTrue(Files.exists(fixture.jail.resolve("pub/readme.txt")));
        }
        assertFalse(view.getFile("/www").move(view.getFile("/abs/www")));
        assertFalse(view.getFile("/").move(view.getFile("/pub/root")));
        assertFalse(view.getFile("/pub").move(view.getFile("/")));
    }

    @Test
    public void listingHidesLinksThatLeaveTheJail() {
        List<String> names = new ArrayList<>();
        for (FtpFile f : view.getFile("/").listFiles()) {
            names.add(f.getName());
        }
        assertEquals(List.of("infile", "inlink", "pub", "www"), names);
        List<String> www = new ArrayList<>();
        for (FtpFile f : view.getFile("/www").listFiles()) {
            www.add(f.getName());
        }
        assertEquals(List.of("back", "index.html"), www);
    }

    @Test
    public void linksThatStayInsideMayBeFollowed() throws IOException {
        assertEquals(JailFixture.README, JailFixture.read(view.getFile("/inlink/readme.txt"), 0));
        assertEquals(JailFixture.README, JailFixture.read(view.getFile("/infile"), 0));
        assertEquals(JailFixture.README, JailFixture.read(view.getFile("/www/back/pub/readme.txt"), 0));
        assertTrue(view.getFile("/infile").isSymbolicLink());
        assertTrue(view.changeWorkingDirectory("/inlink"));
        assertEquals("/inlink", view.getWorkingDirectory().getAbsolutePath());
        JailFixture.write(view.getFile("new.txt"), 0, "x");
        assertTrue(Files.isRegularFile(fixture.jail.resolve("pub/new.txt")));
    }

    @Test
    public void dotDotFromAnywhereStopsAtTheRoot() {
        assertTrue(view.changeWorkingDirectory("/www"));
        assertTrue(view.changeWorkingDirectory("../../../../.."));
        assertEquals("/", view.getWorkingDirectory().getAbsolutePath());
        FtpFile clamped = view.getFile("../../../../" + fixture.outsideSecret);
        assertFalse(clamped.doesExist());
        assertTrue(clamped.getAbsolutePath().startsWith("/"));
    }

    @Test
    public void getPhysicalFileNeverPointsOutside() {
        for (String name : OUTSIDE_TARGETS) {
            assertNull(name, view.getFile(name).getPhysicalFile());
        }
    }
}
