package org.plugftpd.auth.puredb.format;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Our mkdb against the real {@code pure-pw mkdb} of Pure-FTPd 1.0.50 on awkward passwd files, byte for byte. */
public class MkdbAgainstPurePwTest {

    private static final Path PURE_PW = Paths.get("/usr/bin/pure-pw");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Before
    public void purePwIsInstalled() {
        assertTrue(PURE_PW + " is missing: install the Debian package pure-ftpd (apt-get install pure-ftpd); "
                + "this test compares our mkdb with the real one", Files.isExecutable(PURE_PW));
    }

    @Test
    public void awkwardPasswdFilesGiveByteIdenticalDatabases() throws Exception {
        Map<String, byte[]> cases = awkwardFiles();
        for (Map.Entry<String, byte[]> passwdCase : cases.entrySet()) {
            Path folder = temp.newFolder(passwdCase.getKey()).toPath();
            Path passwd = folder.resolve("pureftpd.passwd");
            Files.write(passwd, passwdCase.getValue());
            Path theirs = folder.resolve("theirs.pdb");
            Result run = purePwMkdb(theirs, passwd);
            assertEquals(passwdCase.getKey() + ": pure-pw " + run, 0, run.exitCode);
            Path ours = folder.resolve("ours.pdb");
            PureDbWriter.mkdb(passwd, ours);
            assertArrayEquals(passwdCase.getKey(), Files.readAllBytes(theirs), Files.readAllBytes(ours));
            assertEquals(Files.getPosixFilePermissions(theirs), Files.getPosixFilePermissions(ours));
        }
    }

    @Test
    public void aMissingPasswdFileFailsLikePurePwAndLeavesTheDatabase() throws Exception {
        Path folder = temp.getRoot().toPath();
        Path missing = folder.resolve("does-not-exist.passwd");
        Path pdb = folder.resolve("x.pdb");
        Files.writeString(pdb, "old");
        Result run = purePwMkdb(pdb, missing);
        assertEquals(2, run.exitCode);
        assertEquals("Unable to open the passwd file: No such file or directory\n", run.stderr);
        try {
            PureDbWriter.mkdb(missing, pdb);
            fail("mkdb of a missing passwd file");
        } catch (NoSuchFileException e) {
            assertEquals(missing.toString(), e.getFile());
        }
        assertEquals("old", Files.readString(pdb));
        assertEquals(Set.of("x.pdb"), PureDbWriterTest.namesIn(folder));
    }

    @Test
    public void purePwRunningAtTheSameTimeNeverTouchesOurTempFiles() throws Exception {
        Path folder = temp.getRoot().toPath();
        Path ourPasswd = folder.resolve("ours.passwd");
        Path theirPasswd = folder.resolve("theirs.passwd");
        Files.write(ourPasswd, randomUsers(new Random(1), 2000, false));
        Files.write(theirPasswd, randomUsers(new Random(2), 2000, false));
        Path target = folder.resolve("shared.pdb");
        PureDbWriter.mkdb(ourPasswd, target);
        byte[] oursAlone = Files.readAllBytes(target);
        PureDbWriter.mkdb(theirPasswd, target);
        byte[] theirsAlone = Files.readAllBytes(target);
        for (int round = 0; round < 5; round++) {
            Process purePw = new ProcessBuilder(PURE_PW.toString(), "mkdb", target.toString(), "-f", theirPasswd.toString())
                    .redirectErrorStream(true).start();
            PureDbWriter.mkdb(ourPasswd, target);
            assertTrue("pure-pw finished", purePw.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, purePw.exitValue());
            byte[] result = Files.readAllBytes(target);
            assertTrue("round " + round, Arrays.equals(result, oursAlone) || Arrays.equals(result, theirsAlone));
            assertEquals(Set.of("ours.passwd", "theirs.passwd", "shared.pdb"), PureDbWriterTest.namesIn(folder));
        }
    }

    /** Each case a passwd file's bytes, named for what it exercises. */
    private static Map<String, byte[]> awkwardFiles() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("empty", new byte[0]);
        cases.put("random-users", randomUsers(new Random(42), 700, false));
        cases.put("random-users-crlf-and-comments", randomUsers(new Random(7), 300, true));
        cases.put("skipped-lines", bytes("# comment:with:colons\n\n   \nno colon here\nnothing-after:\n:empty-login\n"
                + "#\nok:hash:1000:1000::/home/ok/./\n\t\nalso:ok\n::\n:\nx::\n"));
        cases.put("line-endings", bytes("crlf:a:1\r\nlonecr:b\rignored-after-cr\nlf:c\n\rcr-first:d\n"
                + "cr-before-colon\r:e\nlast-without-newline:f"));
        cases.put("duplicates", bytes("dup:first\ndup:second\nother:x\ndup:third\nDUP:case\n"));
        cases.put("utf8-and-latin1", concat(bytes("josé:é:1\nüser:ü\n中文:漢字\n"),
                new byte[] {'l', (byte) 0xe9, ':', (byte) 0xff, '\n'}));
        cases.put("nul-bytes", new byte[] {'a', 0, 'b', ':', 'c', '\n', 'k', ':', 'v', 0, 'w', '\n', 0, 'z', ':', 'y', '\n'});
        ByteArrayOutputStream longLines = new ByteArrayOutputStream();
        for (int length = 2040; length <= 2052; length++) {
            longLines.writeBytes(lineOfLength("l" + length + ":", length, 'x'));
            longLines.writeBytes(lineOfLength("m" + length + ":", length - 4, 'y'));
            longLines.writeBytes(bytes(":tail" + length + "\n"));
            longLines.writeBytes(lineOfLength("c" + length + ":", length, 'z'));
            longLines.writeBytes(bytes("\r\n"));
        }
        for (int length : new int[] {4091, 4092, 4093, 4094, 6138, 6139, 6140}) {
            longLines.writeBytes(lineOfLength("p" + length + ":", length, 'q'));
            longLines.writeBytes(bytes("\n"));
        }
        // a piece that starts with '#' or holds its own login:value
        longLines.writeBytes(lineOfLength("h:", 2046, 'h'));
        longLines.writeBytes(bytes("#not-a-comment-for-the-line:but-a-piece\n"));
        longLines.writeBytes(lineOfLength("s:", 2046, 's'));
        longLines.writeBytes(bytes("piece:login\n"));
        longLines.writeBytes(lineOfLength("big:", 1 << 20, 'b'));
        longLines.writeBytes(bytes("\nafter-big:ok\n"));
        cases.put("long-lines", longLines.toByteArray());
        cases.put("long-last-line-without-newline", lineOfLength("end:", 5000, 'e'));
        return cases;
    }

    /** pure-pw-like lines with random names (ASCII punctuation, UTF-8), optional CRLF, comments and duplicates. */
    private static byte[] randomUsers(Random random, int count, boolean crlfAndComments) {
        String[] alphabet = {"a", "b", "z", "0", "9", ".", "-", "_", "@", "é", "ß", "中", "Ω", "A", "Z", " ", "$", "*"};
        StringBuilder text = new StringBuilder();
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String login;
            if (!logins.isEmpty() && random.nextInt(20) == 0) {
                login = logins.get(random.nextInt(logins.size()));
            } else {
                StringBuilder name = new StringBuilder();
                for (int c = 1 + random.nextInt(16); c > 0; c--) {
                    name.append(alphabet[random.nextInt(alphabet.length)]);
                }
                login = name.toString();
                logins.add(login);
            }
            if (crlfAndComments && random.nextInt(10) == 0) {
                text.append("# comment ").append(i).append(random.nextBoolean() ? "\r\n" : "\n");
            }
            text.append(login).append(":$argon2id$v=19$m=8192,t=511,p=1$").append(Long.toHexString(random.nextLong()))
                    .append(':').append(1000 + random.nextInt(5000)).append(':').append(1000 + random.nextInt(5000))
                    .append(":Gecos ").append(i).append(":/home/").append(login).append("/./")
                    .append(random.nextBoolean() ? ":" + random.nextInt(1 << 20) + "::::::::::::" : "::::::::::::")
                    .append(crlfAndComments && random.nextBoolean() ? "\r\n" : "\n");
        }
        return bytes(text.toString());
    }

    private static byte[] lineOfLength(String start, int length, char fill) {
        byte[] line = new byte[length];
        Arrays.fill(line, (byte) fill);
        byte[] head = bytes(start);
        System.arraycopy(head, 0, line, 0, Math.min(head.length, length));
        return line;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static Result purePwMkdb(Path pdb, Path passwd) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PURE_PW.toString(), "mkdb", pdb.toString(), "-f", passwd.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        byte[] stderr = process.getErrorStream().readAllBytes();
        assertTrue("pure-pw finished", process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), new String(stderr, ISO_8859_1));
    }

    private record Result(int exitCode, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + " " + stderr;
        }
    }
}
