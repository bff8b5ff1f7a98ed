package org.plugftpd.auth.puredb.format;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PureDbTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void hashMatchesTheSpecTable() {
        String[][] table = {{"", "00001505"}, {"a", "0002b5c4"}, {"x", "0002b5dd"}, {"joe", "0b8723e5"},
            {"zz", "005971c5"}, {"test", "7c7354f3"}};
        for (String[] row : table) {
            assertEquals(row[0], row[1], String.format("%08x", PureDbLayout.hash(row[0].getBytes(UTF_8))));
        }
        assertEquals(229, PureDbLayout.bucketOf(PureDbLayout.hash("joe".getBytes(UTF_8))));
    }

    @Test
    public void everyLoginOfEveryVectorIsFoundWithTheRestOfItsLine() throws Exception {
        for (Path passwd : Vectors.passwdWithPdb()) {
            Map<String, byte[]> expected = firstLineOfEachLogin(passwd);
            // whole 1 GiB pieces, then tiny ones so that reads cross piece borders everywhere
            for (int chunkShift : new int[] {PureDb.DEFAULT_CHUNK_SHIFT, 3, 4, 7}) {
                try (PureDb db = PureDb.open(Vectors.pdbOf(passwd), chunkShift)) {
                    assertEquals(passwd.toString(), expected.size(), countRecordsOf(passwd, db));
                    for (Map.Entry<String, byte[]> user : expected.entrySet()) {
                        assertArrayEquals(passwd + " " + user.getKey(), user.getValue(),
                                db.find(user.getKey().getBytes(ISO_8859_1)));
                    }
                }
            }
        }
    }

    private static long countRecordsOf(Path passwd, PureDb db) throws IOException {
        long records = db.verify();
        long lines = Files.readAllLines(passwd, ISO_8859_1).stream()
                .filter(l -> !l.startsWith("#") && l.indexOf(':') >= 0 && l.indexOf(':') < l.length() - 1).count();
        assertEquals("records in " + db.file(), lines, records);
        return records;
    }

    @Test
    public void absentLoginsAreAbsent() throws Exception {
        try (PureDb db = PureDb.open(Vectors.folder("passwd").resolve("pureftpd.pdb"))) {
            for (String login : new String[] {"", "nobody", "aldefaul", "aldefaultx", "ALDEFAULT", "aldefault ",
                "aldefault:", "root", "al"}) {
                assertNull(login, db.find(login.getBytes(UTF_8)));
            }
            assertTrue(db.find("aldefault".getBytes(UTF_8)) != null);
        }
        try (PureDb db = PureDb.open(Vectors.folder("pdb-edge").resolve("empty.pdb"))) {
            assertEquals(0, db.verify());
            for (String login : new String[] {"", "a", "joe", "test"}) {
                assertNull(login, db.find(login.getBytes(UTF_8)));
            }
        }
    }

    @Test
    public void unusualNamesThatPurePwAcceptedAreFoundByteExact() throws Exception {
        Path folder = Vectors.folder("pdb-edge");
        List<String> rows = Files.readAllLines(folder.resolve("unusual-names.tsv"), UTF_8);
        int accepted = 0;
        try (PureDb db = PureDb.open(folder.resolve("unusual.pdb"))) {
            for (String row : rows.subList(1, rows.size())) {
                String[] columns = row.split("\t", -1);
                byte[] name = HexFormat.of().parseHex(columns[0]);
                if (columns[2].equals("0")) {
                    accepted++;
                    byte[] value = db.find(name);
                    assertTrue(columns[1], value != null && new String(value, UTF_8).startsWith("$argon2id$"));
                    byte[] upper = new String(name, UTF_8).toUpperCase().getBytes(UTF_8);
                    if (!java.util.Arrays.equals(upper, name)) {
                        assertNull("case matters: " + columns[1], db.find(upper));
                    }
                }
            }
        }
        assertTrue("unusual-names.tsv lists accepted names", accepted >= 15);
    }

    @Test
    public void theSpecWorkedExampleHasTheDocumentedLayout() throws Exception {
        Path pdb = temp.getRoot().toPath().resolve("worked.pdb");
        PureDbWriter.write(pdb, List.of(PureDbRecord.of("joe", "pw:1000:1000::/home/joe/./::::::::::::"),
                PureDbRecord.of("a", "b")));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(pdb));
        assertEquals(2123, bytes.capacity());
        assertEquals(1032, bytes.getInt(4));
        assertEquals(1036, bytes.getInt(4 + 4));
        assertEquals(1816, bytes.getInt(4 + 4 * 196));
        assertEquals(1952, bytes.getInt(4 + 4 * 229));
        assertEquals(2064, bytes.getInt(4 + 4 * 256));
        assertEquals(3, bytes.getInt(2064));
        assertEquals(38, bytes.getInt(2071));
        try (PureDb db = PureDb.open(pdb)) {
            assertEquals("pw:1000:1000::/home/joe/./::::::::::::", new String(db.find("joe".getBytes(UTF_8)), UTF_8));
            assertEquals("b", new String(db.find("a".getBytes(UTF_8)), UTF_8));
        }
    }

    @Test
    public void everyTruncationOfASmallDatabaseIsAFormatErrorNamingTheFile() throws Exception {
        for (String vector : new String[] {"one.pdb", "comments.pdb"}) {
            byte[] whole = Files.readAllBytes(Vectors.folder("pdb-edge").resolve(vector));
            for (int length = 0; length < whole.length; length++) {
                Path cut = temp.getRoot().toPath().resolve("cut-" + length + ".pdb");
                Files.write(cut, java.util.Arrays.copyOf(whole, length));
                try (PureDb db = PureDb.open(cut)) {
                    try {
                        db.find("alone".getBytes(UTF_8));
                    } catch (PureDbFormatException e) {
                        assertNamesFile(e, cut);
                    }
                    db.verify();
                    fail(vector + " cut to " + length + " bytes passed verify()");
                } catch (PureDbFormatException e) {
                    assertNamesFile(e, cut);
                }
                Files.delete(cut);
            }
        }
    }

    @Test
    public void shortFilesAndBadMagicAreRefusedAtOpen() throws Exception {
        Path small = temp.getRoot().toPath().resolve("small.pdb");
        Files.write(small, "PDB2".getBytes(ISO_8859_1));
        PureDbFormatException e = expectFormatError(small);
        assertEquals(-1, e.offset());
        assertTrue(e.getMessage(), e.getMessage().contains("only 4 bytes"));

        byte[] good = Files.readAllBytes(Vectors.folder("pdb-edge").resolve("one.pdb"));
        for (String magic : new String[] {"PDB1", "pdb2", "\0\0\0\0"}) {
            Path bad = temp.getRoot().toPath().resolve("magic.pdb");
            byte[] copy = good.clone();
            System.arraycopy(magic.getBytes(ISO_8859_1), 0, copy, 0, 4);
            Files.write(bad, copy);
            e = expectFormatError(bad);
            assertEquals(0, e.offset());
            assertTrue(e.getMessage(), e.getMessage().contains("bad magic"));
        }
    }

    private static PureDbFormatException expectFormatError(Path file) throws IOException {
        try (PureDb db = PureDb.open(file)) {
            fail("opened " + file);
            return null;
        } catch (PureDbFormatException e) {
            assertNamesFile(e, file);
            return e;
        }
    }

    @Test
    public void corruptOffsetsAndLengthsAreFormatErrorsNamingFileAndOffset() throws Exception {
        Path folder = temp.getRoot().toPath();
        byte[] good = Files.readAllBytes(Vectors.folder("pdb-edge").resolve("one.pdb"));
        int bucket = PureDbLayout.bucketOf(PureDbLayout.hash("alone".getBytes(UTF_8)));
        int entry = 4 + 4 * bucket;
        int slotList = ByteBuffer.wrap(good).getInt(entry);
        int record = ByteBuffer.wrap(good).getInt(slotList + 4);
        Map<String, byte[]> corruptions = new LinkedHashMap<>();
        corruptions.put("bucket start past the end", withInt(good, entry, 0x7fff0000));
        corruptions.put("bucket end before start", withInt(good, entry + 4, slotList - 8));
        corruptions.put("record offset past the end", withInt(good, slotList + 4, good.length + 100));
        corruptions.put("record offset near 4 GiB", withInt(good, slotList + 4, 0xfffffffe));
        corruptions.put("key length huge", withInt(good, record, 0x7fffffff));
        byte[] hugeValue = withInt(good, record + 4 + 5, 0xfffffff0);
        corruptions.put("value length past the end", hugeValue);
        corruptions.put("value length one too many", withInt(good, record + 4 + 5, good.length - (record + 13) + 1));
        for (Map.Entry<String, byte[]> corruption : corruptions.entrySet()) {
            Path file = folder.resolve(corruption.getKey().replace(' ', '-') + ".pdb");
            Files.write(file, corruption.getValue());
            try (PureDb db = PureDb.open(file)) {
                try {
                    byte[] value = db.find("alone".getBytes(UTF_8));
                    // a key length that cannot match only means "not this record", as in Pure-FTPd
                    assertNull(corruption.getKey() + ": found " + (value == null ? "" : new String(value, UTF_8)), value);
                    assertTrue(corruption.getKey() + " was not even noticed", corruption.getKey().startsWith("key length"));
                } catch (PureDbFormatException e) {
                    assertNamesFile(e, file);
                    assertTrue(corruption.getKey() + ": " + e.getMessage(), e.offset() >= 0);
                    assertTrue(e.getMessage(), e.getMessage().contains("offset " + e.offset()));
                }
                try {
                    db.verify();
                    fail(corruption.getKey() + " passed verify()");
                } catch (PureDbFormatException e) {
                    assertNamesFile(e, file);
                }
            }
        }
    }

    @Test
    public void slotsInTheWrongBucketOrOrderFailVerify() throws Exception {
        Path pdb = temp.getRoot().toPath().resolve("two.pdb");
        // "a" and "x" (spec table) land in buckets 196 and 221; swap their slot hashes
        PureDbWriter.write(pdb, List.of(PureDbRecord.of("a", "1"), PureDbRecord.of("x", "2")));
        byte[] bytes = Files.readAllBytes(pdb);
        int slotOfA = ByteBuffer.wrap(bytes).getInt(4 + 4 * 196);
        Path wrong = temp.getRoot().toPath().resolve("wrong.pdb");
        Files.write(wrong, withInt(bytes, slotOfA, PureDbLayout.hash("x".getBytes(UTF_8))));
        try (PureDb db = PureDb.open(wrong)) {
            db.verify();
            fail("a slot in the wrong bucket passed verify()");
        } catch (PureDbFormatException e) {
            assertNamesFile(e, wrong);
            assertEquals(slotOfA, e.offset());
        }
    }

    @Test
    public void aFileTruncatedUnderneathTheMappingIsAFormatErrorNotACrash() throws Exception {
        Path pdb = temp.getRoot().toPath().resolve("users1000.pdb");
        Files.copy(Vectors.folder("pdb-edge").resolve("users1000.pdb"), pdb);
        List<String> logins = new ArrayList<>(firstLineOfEachLogin(Vectors.folder("pdb-edge").resolve("users1000.passwd"))
                .keySet());
        try (PureDb db = PureDb.open(pdb)) {
            try (FileChannel channel = FileChannel.open(pdb, StandardOpenOption.WRITE)) {
                channel.truncate(4096);
            }
            int failures = 0;
            for (String login : logins) {
                try {
                    db.find(login.getBytes(ISO_8859_1));
                } catch (PureDbFormatException e) {
                    assertNamesFile(e, pdb);
                    failures++;
                }
            }
            assertEquals("every lookup notices the file shrank", logins.size(), failures);
        }
    }

    @Test
    public void concurrentLookupsOnOneDatabaseAllSucceed() throws Exception {
        Path passwd = Vectors.folder("pdb-edge").resolve("users1000.passwd");
        Map<String, byte[]> expected = firstLineOfEachLogin(passwd);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (PureDb db = PureDb.open(Vectors.pdbOf(passwd))) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int matched = 0;
                    for (int round = 0; round < 5; round++) {
                        for (Map.Entry<String, byte[]> user : expected.entrySet()) {
                            if (java.util.Arrays.equals(user.getValue(), db.find(user.getKey().getBytes(ISO_8859_1)))) {
                                matched++;
                            }
                        }
                    }
                    return matched;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(5 * expected.size(), (int) result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void findAfterCloseIsRefused() throws Exception {
        PureDb db = PureDb.open(Vectors.folder("pdb-edge").resolve("one.pdb"));
        db.close();
        db.close();
        try {
            db.find("alone".getBytes(UTF_8));
            fail("find after close");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("one.pdb"));
        }
    }

    /** Logins (one char per byte) to the rest of their first line, by a plain reading of mkdb's rules. */
    static Map<String, byte[]> firstLineOfEachLogin(Path passwd) throws IOException {
        Map<String, byte[]> users = new LinkedHashMap<>();
        for (String line : Files.readAllLines(passwd, ISO_8859_1)) {
            assertTrue("vector lines are short", line.length() < 2000);
            int colon = line.indexOf(':');
            if (line.startsWith("#") || colon < 0 || colon == line.length() - 1) {
                continue;
            }
            users.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).getBytes(ISO_8859_1));
        }
        return users;
    }

    static void assertNamesFile(Exception e, Path file) {
        assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
    }

    private static byte[] withInt(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }
}
