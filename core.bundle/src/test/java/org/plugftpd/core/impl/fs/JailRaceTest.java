package org.plugftpd.core.impl.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 11 finding 3: a directory swapped for a link between the check (STOR's 150) and the use
 * (the data connection), and the FTP-only variant with a renamed relative link.
 */
public class JailRaceTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private JailFixture fixture;
    private JailFileSystemView view;
    private List<String> outsideBefore;

    @Before
    public void setUp() throws IOException {
        fixture = new JailFixture(temp.getRoot().toPath());
        view = fixture.view();
        Files.createDirectory(fixture.jail.resolve("d"));
        JailFixture.write(fixture.outside.resolve("victim"), "outside bytes");
        outsideBefore = fixture.outsideSnapshot();
    }

    @After
    public void nothingOutsideChanged() throws IOException {
        assertEquals(outsideBefore, fixture.outsideSnapshot());
    }

    @Test
    public void aDirectorySwappedForALinkAfterTheCheckIsMetWhenTheFileIsOpened() throws IOException {
        JailFile upload = view.getFile("/d/x");
        JailFile append = view.getFile("/d/victim");
        assertTrue(upload.isWritable());
        // what an administrator (or a second session) does after 150
        Files.move(fixture.jail.resolve("d"), fixture.jail.resolve("d_old"));
        Files.createSymbolicLink(fixture.jail.resolve("d"), Paths.get("../outside"));
        for (Set<StandardOpenOption> options : List.of(Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW),
                Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING))) {
            try (FileChannel c = upload.open(options)) {
                fail("opened " + upload + " with " + options + " through a link leading out");
            } catch (JailEscapeException expected) {
                // refused at the open
            }
        }
        try (FileChannel c = append.open(Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND))) {
            fail("appended to the outside victim");
        } catch (JailEscapeException expected) {
            // refused: the outside file is not truncated either
        }
        assertFalse(upload.mkdir());
        assertFalse(append.delete());
        assertNull(view.getFile("/d").listFiles());
    }

    @Test
    public void aRelativeLinkRenamedSoThatItPointsOutIsRefused() throws IOException {
        Files.createDirectory(fixture.jail.resolve("sub"));
        // sub/up -> ../x is jail/x while it sits in sub; renamed to the root it would be outside/x
        Files.createSymbolicLink(fixture.jail.resolve("sub/up"), Paths.get("../x"));
        Files.createDirectory(fixture.jail.resolve("x"));
        assertTrue(view.getFile("/sub/up").isDirectory());
        assertTrue(view.getFile("/d").move(view.getFile("/d_old")));
        assertFalse(view.getFile("/sub/up").move(view.getFile("/d")));
        assertTrue(Files.isSymbolicLink(fixture.jail.resolve("sub/up")));
        assertFalse(Files.exists(fixture.jail.resolve("d"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        // a link renamed where it still leads inside may move
        Files.createDirectory(fixture.jail.resolve("sub/deeper"));
        Files.createDirectory(fixture.jail.resolve("sub/x"));
        assertTrue(view.getFile("/sub/up").move(view.getFile("/sub/deeper/up")));
        assertTrue(view.getFile("/sub/deeper/up").isDirectory());
    }

    @Test
    public void aLinkAlreadyLeadingOutCannotBeRenamedIntoAPathEither() {
        assertTrue(view.getFile("/d").move(view.getFile("/d_old")));
        assertFalse(view.getFile("/rel").move(view.getFile("/d")));
        assertFalse(view.getFile("/abs").move(view.getFile("/d")));
    }

    /**
     * A thread swaps {@code d} between a real directory and a link leading out as fast as it can
     * while uploads, appends, deletes, mkdirs and listings go through it: no byte lands outside
     * and no outside file is truncated (checked after every round and at the end).
     */
    @Test
    public void racingSwapsNeverLetAWriteOut() throws Exception {
        Path jail = fixture.jail;
        Files.createSymbolicLink(jail.resolve("dlink"), Paths.get("../outside"));
        Files.createDirectory(jail.resolve("dreal"));
        Files.delete(jail.resolve("d"));
        Files.move(jail.resolve("dreal"), jail.resolve("d"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> swapFailure = new AtomicReference<>();
        Thread swapper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.move(jail.resolve("d"), jail.resolve("dreal"), StandardCopyOption.ATOMIC_MOVE);
                    Files.move(jail.resolve("dlink"), jail.resolve("d"), StandardCopyOption.ATOMIC_MOVE);
                    Files.move(jail.resolve("d"), jail.resolve("dlink"), StandardCopyOption.ATOMIC_MOVE);
                    Files.move(jail.resolve("dreal"), jail.resolve("d"), StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException | RuntimeException e) {
                swapFailure.set(e);
            }
        }, "swapper");
        swapper.start();
        int written = 0;
        int refused = 0;
        try {
            for (int i = 0; i < 3000; i++) {
                JailFile upload = view.getFile("/d/up" + (i % 7));
                JailFile victim = view.getFile("/d/victim");
                try (FileChannel c = upload.open(Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING))) {
                    c.write(ByteBuffer.wrap("pwned".getBytes(UTF_8)));
                    written++;
                } catch (IOException e) {
                    refused++;
                }
                try (FileChannel c = victim.open(Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING))) {
                    c.write(ByteBuffer.wrap("x".getBytes(UTF_8)));
                } catch (IOException e) {
                    refused++;
                }
                view.getFile("/d/sub" + (i % 5)).mkdir();
                view.getFile("/d/sub" + ((i + 2) % 5)).delete();
                view.getFile("/d/victim").delete();
                view.getFile("/d/secret.txt").delete();
                view.getFile("/d").listFiles();
                if (i % 100 == 0) {
                    assertEquals("after round " + i, outsideBefore, fixture.outsideSnapshot());
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertNull(swapFailure.get());
        assertTrue("some uploads went through the real directory: " + written, written > 0);
        assertTrue("some were refused: " + refused, refused > 0);
    }
}
