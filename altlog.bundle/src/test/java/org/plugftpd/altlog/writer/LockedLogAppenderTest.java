package org.plugftpd.altlog.writer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LockedLogAppenderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T15:28:13Z"), ZoneOffset.UTC);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static LockedLogAppender plain(Path file, int backlog) {
        return new LockedLogAppender(file, created -> new byte[0], backlog, CLOCK);
    }

    private static String read(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    @Test
    public void linesAreAppendedToAnExistingFileWithoutAHeader() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("xferlog");
        Files.write(file, bytes("earlier line\n"));
        try (LockedLogAppender a = new LockedLogAppender(file, c -> bytes("#header\n"), 10, CLOCK)) {
            a.append(bytes("one\n"));
            a.append(new byte[0]);
            a.append(bytes("two\n"));
            assertEquals(2, a.linesWritten());
        }
        assertEquals("earlier line\none\ntwo\n", read(file));
    }

    @Test
    public void aNewFileIsOwnerOnlyAndStartsWithTheHeaderOfItsCreationTime() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("w3c.log");
        try (LockedLogAppender a = new LockedLogAppender(file, c -> bytes("#Date: " + c + "\n"), 10, CLOCK)) {
            a.append(bytes("line\n"));
        }
        assertEquals("#Date: 2026-11-25T15:28:13Z\nline\n", read(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    public void aRenamedFileIsNoticedAndTheNextLineGoesToANewFileWithItsHeader() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("w3c.log");
        Path rotated = tmp.getRoot().toPath().resolve("w3c.log.1");
        try (LockedLogAppender a = new LockedLogAppender(file, c -> bytes("#h\n"), 10, CLOCK)) {
            a.append(bytes("before\n"));
            Files.move(file, rotated);
            a.append(bytes("after\n"));
        }
        assertEquals("#h\nbefore\n", read(rotated));
        assertEquals("#h\nafter\n", read(file));
    }

    @Test
    public void anEmptyFileCreatedByLogrotateGetsTheHeaderAfterReopen() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("w3c.log");
        try (LockedLogAppender a = new LockedLogAppender(file, c -> bytes("#h\n"), 10, CLOCK)) {
            a.append(bytes("before\n"));
            Files.move(file, tmp.getRoot().toPath().resolve("old"));
            Files.write(file, new byte[0]);
            a.reopen();
            a.append(bytes("after\n"));
        }
        assertEquals("#h\nafter\n", read(file));
    }

    @Test
    public void aMissingFolderKeepsLinesInOrderAndTheyAreWrittenOnceItExists() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("not-yet");
        Path file = dir.resolve("clf.log");
        try (LockedLogAppender a = plain(file, 10)) {
            a.append(bytes("1\n"));
            a.append(bytes("2\n"));
            assertEquals(2, a.backlogSize());
            assertTrue(a.problem(), a.problem().contains("not-yet"));
            a.retry();
            assertEquals(2, a.backlogSize());
            Files.createDirectory(dir);
            a.retry();
            assertEquals(0, a.backlogSize());
            assertNull(a.problem());
            a.append(bytes("3\n"));
            assertEquals(3, a.linesWritten());
            assertEquals(0, a.linesDropped());
        }
        assertEquals("1\n2\n3\n", read(file));
    }

    @Test
    public void aFullBacklogDropsTheNewestLinesAndCountsThem() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("later");
        Path file = dir.resolve("clf.log");
        try (LockedLogAppender a = plain(file, 2)) {
            for (int i = 1; i <= 5; i++) {
                a.append(bytes(i + "\n"));
            }
            assertEquals(2, a.backlogSize());
            assertEquals(3, a.linesDropped());
            Files.createDirectory(dir);
            a.append(bytes("6\n"));
        }
        assertEquals("1\n2\n6\n", read(file));
    }

    @Test
    public void closingWithAnUnwritableFileCountsTheBackloggedLinesAsDropped() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("gone/clf.log");
        LockedLogAppender a = plain(file, 10);
        a.append(bytes("1\n"));
        a.close();
        assertEquals(1, a.linesDropped());
        assertEquals(0, a.backlogSize());
    }

    @Test
    public void aLineArrivingAfterCloseIsStillWritten() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("late.log");
        LockedLogAppender a = plain(file, 10);
        a.append(bytes("1\n"));
        a.close();
        a.append(bytes("late\n"));
        assertEquals("1\nlate\n", read(file));
        assertEquals(2, a.linesWritten());
    }

    @Test
    public void manyThreadsNeverTearALine() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("busy.log");
        int threads = 8;
        int perThread = 500;
        String filler = "x".repeat(300);
        try (LockedLogAppender a = plain(file, 10)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        a.append(bytes("t" + id + " " + i + " " + filler + " end\n"));
                    }
                });
                th.start();
                all.add(th);
            }
            go.countDown();
            for (Thread th : all) {
                th.join();
            }
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(threads * perThread, lines.size());
        for (String l : lines) {
            assertTrue(l, l.matches("t\\d \\d+ x{300} end"));
        }
    }

    @Test
    public void aProcessHoldingTheFcntlLockMakesTheLineWaitAndNothingInterleaves() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("shared.log");
        Files.write(file, new byte[0]);
        // another writer (Pure-FTPd's way: fcntl lock, write at the end) holds the lock for a while
        Process holder = new ProcessBuilder("python3", "-c",
                "import fcntl,os,sys,time\n"
                + "fd=os.open(sys.argv[1],os.O_WRONLY)\n"
                + "fcntl.lockf(fd,fcntl.LOCK_EX)\n"
                + "os.lseek(fd,0,os.SEEK_END)\n"
                + "os.write(fd,b'pure-ftpd first half ')\n"
                + "print('locked',flush=True)\n"
                + "sys.stdin.readline()\n"
                + "os.write(fd,b'second half\\n')\n"
                + "fcntl.lockf(fd,fcntl.LOCK_UN)\n", file.toString()).redirectErrorStream(true).start();
        try (LockedLogAppender a = plain(file, 10)) {
            assertEquals("locked", new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
            Thread writer = new Thread(() -> a.append(bytes("plugftpd line\n")));
            writer.start();
            holder.getOutputStream().write('\n');
            holder.getOutputStream().flush();
            writer.join();
            assertEquals(0, holder.waitFor());
        }
        assertEquals("pure-ftpd first half second half\nplugftpd line\n", read(file));
    }

    /**
     * A real full disk: a 64 KiB tmpfs (needs root, as the suite's other full-disk test; CI runs
     * as root). No line is torn, the lines wait in the backlog, and they are written in order once
     * space is freed.
     */
    @Test
    public void aFullDiskTearsNoLineAndTheBacklogIsWrittenWhenSpaceComesBack() throws Exception {
        Path disk = tmp.newFolder("small-disk").toPath();
        run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString());
        try {
            Path filler = disk.resolve("filler");
            Path file = disk.resolve("xferlog");
            try (LockedLogAppender a = plain(file, 100)) {
                a.append(bytes("first line\n"));
                // fill what is left, then log more
                try (java.io.OutputStream out = Files.newOutputStream(filler)) {
                    byte[] block = new byte[4096];
                    while (true) {
                        out.write(block);
                        out.flush();
                    }
                } catch (java.io.IOException full) {
                    // the disk is full now
                }
                String line = "x".repeat(4000) + "\n";
                for (int i = 0; i < 5; i++) {
                    a.append(bytes(i + line));
                }
                assertTrue("a problem is reported", a.problem() != null);
                assertTrue("lines wait: " + a.backlogSize(), a.backlogSize() > 0);
                for (String l : read(file).split("\n", -1)) {
                    assertTrue("torn line of " + l.length() + " chars", l.isEmpty() || l.equals("first line")
                            || l.length() == 4001);
                }
                Files.delete(filler);
                a.retry();
                assertNull(a.problem());
                assertEquals(0, a.backlogSize());
                StringBuilder expected = new StringBuilder("first line\n");
                for (int i = 0; i < 5; i++) {
                    expected.append(i).append(line);
                }
                assertEquals(expected.toString(), read(file));
            }
        } finally {
            run("umount", disk.toString());
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(String.join(" ", command) + ": " + out + " (this test needs root)", 0, p.waitFor());
    }
}
