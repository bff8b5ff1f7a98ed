package org.plugftpd.auth.puredb.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PureDbWriterTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void mkdbOfEveryVectorPasswdIsByteIdenticalToPurePw() throws Exception {
        for (Path passwd : Vectors.passwdWithPdb()) {
            Path ours = temp.getRoot().toPath().resolve(passwd.getFileName() + ".pdb");
            PureDbWriter.mkdb(passwd, ours);
            assertArrayEquals(passwd.toString(), Files.readAllBytes(Vectors.pdbOf(passwd)), Files.readAllBytes(ours));
        }
    }

    @Test
    public void arbitraryBytesRoundTripAndTheFirstDuplicateWins() throws Exception {
        Random random = new Random(4);
        List<PureDbRecord> records = new ArrayList<>();
        Map<String, byte[]> firstValue = new HashMap<>();
        records.add(new PureDbRecord(new byte[0], "empty key".getBytes(UTF_8)));
        records.add(new PureDbRecord("empty value".getBytes(UTF_8), new byte[0]));
        records.add(new PureDbRecord(new byte[] {0, ':', '\n', (byte) 0xff}, new byte[] {0, 0}));
        for (int i = 0; i < 3000; i++) {
            byte[] key = new byte[random.nextInt(12)];
            random.nextBytes(key);
            byte[] value = new byte[random.nextInt(300)];
            random.nextBytes(value);
            records.add(new PureDbRecord(key, value));
            // some exact duplicates of earlier keys, with other values
            if (i % 97 == 0) {
                records.add(new PureDbRecord(records.get(i / 2).key(), "later duplicate".getBytes(UTF_8)));
            }
        }
        for (PureDbRecord record : records) {
            firstValue.putIfAbsent(Arrays.toString(record.key()), record.value());
        }
        Path pdb = temp.getRoot().toPath().resolve("random.pdb");
        PureDbWriter.write(pdb, records);
        try (PureDb db = PureDb.open(pdb)) {
            assertEquals(records.size(), db.verify());
            for (PureDbRecord record : records) {
                assertArrayEquals(firstValue.get(Arrays.toString(record.key())), db.find(record.key()));
            }
            assertNull(db.find("not there".getBytes(UTF_8)));
        }
    }

    @Test
    public void theDatabaseIsMode0600AndNoTempFileIsLeft() throws Exception {
        Path pdb = temp.getRoot().toPath().resolve("users.pdb");
        Files.writeString(pdb, "old");
        Files.setPosixFilePermissions(pdb, PosixFilePermissions.fromString("rw-r--r--"));
        PureDbWriter.mkdb(Vectors.folder("pdb-edge").resolve("one.passwd"), pdb);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pdb)));
        assertEquals(Set.of("users.pdb"), namesIn(temp.getRoot().toPath()));
    }

    @Test
    public void aMissingPasswdFileIsNamedAndTheOldDatabaseStays() throws Exception {
        Path folder = temp.getRoot().toPath();
        Path pdb = folder.resolve("users.pdb");
        Files.writeString(pdb, "old database");
        Path missing = folder.resolve("does-not-exist.passwd");
        try {
            PureDbWriter.mkdb(missing, pdb);
            fail("mkdb of a missing passwd file");
        } catch (NoSuchFileException e) {
            assertEquals(missing.toString(), e.getFile());
        }
        assertEquals("old database", Files.readString(pdb));
        assertEquals(Set.of("users.pdb"), namesIn(folder));
    }

    @Test
    public void anUnreadablePasswdFileIsNamedAndTheOldDatabaseStays() throws Exception {
        Path folder = temp.getRoot().toPath();
        Path pdb = folder.resolve("users.pdb");
        Files.writeString(pdb, "old database");
        Path directory = Files.createDirectory(folder.resolve("passwd-is-a-directory"));
        try {
            PureDbWriter.mkdb(directory, pdb);
            fail("mkdb of a directory");
        } catch (IOException e) {
            PureDbTest.assertNamesFile(e, directory);
        }
        assertEquals("old database", Files.readString(pdb));
        assertEquals(Set.of("users.pdb", "passwd-is-a-directory"), namesIn(folder));
    }

    @Test
    public void aFailedRenameRemovesTheTempFilesAndNamesTheTarget() throws Exception {
        Path folder = temp.getRoot().toPath();
        Path target = Files.createDirectory(folder.resolve("users.pdb"));
        Files.writeString(target.resolve("keep"), "x");
        try {
            PureDbWriter.write(target, List.of(PureDbRecord.of("joe", "value")));
            fail("renamed onto a non-empty directory");
        } catch (IOException e) {
            PureDbTest.assertNamesFile(e, target);
        }
        assertEquals(Set.of("users.pdb"), namesIn(folder));
        assertEquals("x", Files.readString(target.resolve("keep")));
    }

    @Test
    public void aMissingTargetDirectoryIsNamed() throws Exception {
        Path target = temp.getRoot().toPath().resolve("no-such-dir").resolve("users.pdb");
        try {
            PureDbWriter.write(target, List.of(PureDbRecord.of("joe", "value")));
            fail("wrote into a missing directory");
        } catch (IOException e) {
            PureDbTest.assertNamesFile(e, target);
        }
    }

    @Test
    public void recordsBeyondThe32BitLimitAreRefusedAndTheOldDatabaseStays() throws Exception {
        Path folder = temp.getRoot().toPath();
        Path pdb = folder.resolve("users.pdb");
        Files.writeString(pdb, "old database");
        List<PureDbRecord> records = List.of(PureDbRecord.of("joe", "x".repeat(100)), PureDbRecord.of("ann", "y"));
        // the real limit is 4 GiB - 1; the same checks with limits a test can reach: exactly the
        // size (accepted), one byte less (refused when the index is laid out), and less than the
        // first record (refused as it is added)
        PureDbWriter.write(folder.resolve("fits.pdb"), records);
        long exact = Files.size(folder.resolve("fits.pdb"));
        PureDbWriter.write(folder.resolve("fits.pdb"), records, exact);
        for (long limit : new long[] {exact - 1, 1032 + 8 + 50}) {
            try {
                PureDbWriter.write(pdb, records, limit);
                fail("wrote past a limit of " + limit);
            } catch (IOException e) {
                PureDbTest.assertNamesFile(e, pdb);
                assertTrue(e.getMessage(), e.getMessage().contains("32-bit"));
            }
            assertEquals("old database", Files.readString(pdb));
            assertEquals(Set.of("users.pdb", "fits.pdb"), namesIn(folder));
        }
    }

    @Test
    public void concurrentMkdbOfOneTargetAlwaysLeavesOneWholeDatabase() throws Exception {
        Path folder = temp.getRoot().toPath();
        int writers = 4;
        List<Path> sources = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Path passwd = folder.resolve("writer" + w + ".passwd");
            StringBuilder text = new StringBuilder();
            for (int u = 0; u < 200 + 50 * w; u++) {
                text.append("w").append(w).append("u").append(u).append(":hash:1000:1000::/home/u/./::::::::::::\n");
            }
            Files.writeString(passwd, text);
            sources.add(passwd);
            Path alone = folder.resolve("alone" + w + ".pdb");
            PureDbWriter.mkdb(passwd, alone);
            expected.add(Files.readAllBytes(alone));
            Files.delete(alone);
        }
        Path target = folder.resolve("shared.pdb");
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 15; round++) {
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<?>> runs = new ArrayList<>();
                for (Path passwd : sources) {
                    runs.add(pool.submit(() -> {
                        start.await();
                        PureDbWriter.mkdb(passwd, target);
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
                byte[] result = Files.readAllBytes(target);
                assertTrue("round " + round + ": the result is one writer's whole output",
                        expected.stream().anyMatch(e -> Arrays.equals(e, result)));
                Set<String> names = namesIn(folder);
                names.removeIf(n -> n.endsWith(".passwd"));
                assertEquals(Set.of("shared.pdb"), names);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Set<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
