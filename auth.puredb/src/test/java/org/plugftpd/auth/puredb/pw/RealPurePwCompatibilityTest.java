package org.plugftpd.auth.puredb.pw;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Our command and Debian's real pure-pw (package pure-ftpd) on the same files: each reads what the other
 * wrote identically, both write the same lines for the same options, fail with the same messages and build
 * the same .pdb. Both look names up in this machine's /etc/passwd and /etc/group.
 */
public class RealPurePwCompatibilityTest {
    /** Cheap cost for the real tool: 8 GiB / 100000 logins = 83 KiB per hash, 250 ms of probing. */
    private static final String[] REAL_CHEAP = {"-C", "100000", "-M", "8192"};
    private static final String ARGON2_HASH =
            "\\$argon2id\\$v=19\\$m=[0-9]+,t=[0-9]+,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path folder;
    private PurePw ours;

    @Before
    public void setUp() {
        folder = temp.getRoot().toPath();
        ours = PwTestSupport.purePw(folder, SystemAccounts.ofThisMachine());
    }

    private PwTestSupport.Run ours(String stdin, String... args) {
        return PwTestSupport.run(ours, PwTestSupport.cheapEnv(), stdin, args);
    }

    private static PwTestSupport.Run real(String stdin, String... args) throws IOException, InterruptedException {
        return PwTestSupport.realPurePw(Map.of(), stdin, args);
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static String masked(String text) {
        return text.replaceAll(ARGON2_HASH, "<argon2id>");
    }

    private static void assertSameRun(String what, PwTestSupport.Run expected, PwTestSupport.Run actual) {
        assertEquals(what + " stdout", expected.out, actual.out);
        assertEquals(what + " stderr", expected.err, actual.err);
        assertEquals(what + " status", expected.status, actual.status);
    }

    /** Lines no tool would write: invalid, odd numbers, CRLF, NUL, a piece boundary, duplicates. */
    private Path oddPasswd() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] lines = {
            "# comment", "", "   ", "#", "ok:h:1:1::/h\r", "nocolon", ":empty-login:1:1::/h", "u0:h:0:1::/h",
            "rel:h:1:1::h", "nogecos:h:1:1", "nohome:h:1:1:", "ws: h: 1 :+1::/h:x:-1:abc:5:0:1:2:::::",
            "short:h:-5:1::/h/./:1:2:3:4:5:6:7:8:9:10:11:25-99:extra",
            "full:$h:2:2:G \u00e9:/srv/./:1024:2048:1:2:3:4:1048576:a:b:c:d:0900-1800",
            "time1:h:1:1::/h:::::::::::::0-2359", "time2:h:1:1::/h:::::::::::::2400-0100",
            "time3:h:1:1::/h:::::::::::::930- 1000x", "time4:h:1:1::/h:::::::::::::930 -1000",
            "quota:h:65534:65534::/h::::::18446744073709551615:18446744073709551615:::::",
            "big:h:99999999999:1::/h", "dup:h:1:1:first:/h", "dup:h:1:1:second:/h",
            "long:h:1:1:" + "g".repeat(3000) + ":/h",
            "ex:h:1:1::/" + "e".repeat(2046 - "ex:h:1:1::/".length()),
            "tab:h:1:1:a\tb:/h", "nul:h:1:1::/h\0:garbage", "ok:other:1:1::/other", "last:h:2:2::/l"};
        for (String line : lines) {
            bytes.write(line.getBytes(StandardCharsets.ISO_8859_1));
            bytes.write('\n');
        }
        Path passwd = folder.resolve("odd.passwd");
        Files.write(passwd, bytes.toByteArray());
        return passwd;
    }

    @Test
    public void showAndListOfOddLinesMatchTheRealTool() throws Exception {
        Path passwd = oddPasswd();
        for (String login : new String[] {"ok", "ws", "short", "full", "time1", "time2", "time3", "time4", "quota",
                "big", "dup", "long", "g".repeat(10), "ex", "tab", "nul", "nocolon", "u0", "rel", "missing", "last",
                "", "a:b"}) {
            assertSameRun("show [" + login + "]", real("", "show", login, "-f", passwd.toString()),
                    ours("", "show", login, "-f", passwd.toString()));
        }
        assertSameRun("list", real("", "list", "x", "-f", passwd.toString()),
                ours("", "list", "x", "-f", passwd.toString()));
    }

    /** What our useradd and usermod write, the real tool shows and lists as we do. */
    @Test
    public void theRealToolReadsOurFilesAsWeDo() throws Exception {
        Path passwd = folder.resolve("ours.passwd");
        ours(PwTestSupport.twice("a"), "useradd", "plain", "-f", passwd.toString(), "-u", "daemon", "-d", "/srv/p")
                .ok();
        ours(PwTestSupport.twice("b"), "useradd", "every", "-f", passwd.toString(), "-u", "bin", "-g", "nogroup",
                "-c", "Every: Option", "-D", "/srv/e", "-t", "10", "-T", "20", "-n", "100", "-N", "5", "-q", "2",
                "-Q", "3", "-r", "127.0.0.1/8", "-R", "10.0.0.1", "-i", "127.0.0.0/8", "-I", "1.2.3.4", "-y", "5",
                "-z", "0900-1800").ok();
        ours(PwTestSupport.twice("c"), "useradd", "changed", "-f", passwd.toString(), "-u", "65534", "-g", "65534",
                "-d", "/srv/c", "-n", "7").ok();
        ours("", "usermod", "changed", "-f", passwd.toString(), "-n", "", "-t", "64", "-z", "2200-0600").ok();
        for (String login : new String[] {"plain", "every", "changed"}) {
            assertSameRun("show " + login, real("", "show", login, "-f", passwd.toString()),
                    ours("", "show", login, "-f", passwd.toString()));
        }
        assertSameRun("list", real("", "list", "x", "-f", passwd.toString()),
                ours("", "list", "x", "-f", passwd.toString()));
    }

    /**
     * The same useradd and usermod commands given to both tools write the same files (hash text aside), and
     * each shows the other's file identically. useradd's '' forms are left out: there we differ on purpose.
     */
    @Test
    public void bothToolsWriteTheSameLinesForTheSameOptions() throws Exception {
        Path realFile = folder.resolve("real.passwd");
        Path ourFile = folder.resolve("ours.passwd");
        String[][] adds = {
            {"useradd", "a1", "-u", "daemon", "-d", "/srv/a1/"},
            {"useradd", "a2", "-u", "daemon", "-g", "nogroup", "-D", "/srv/a:2//"},
            {"useradd", "a:3", "-u", "1", "-g", "1", "-d", "/srv/a3", "-c", "Three: é", "-t", "1", "-T", "2",
                "-n", "3", "-N", "4", "-q", "5", "-Q", "6", "-y", "7", "-z", "0-2359", "-r", "1.1.1.1",
                "-R", "2.2.2.2", "-i", "3.3.3.3", "-I", "4.4.4.4"},
            {"useradd", "a4", "-u", "bin", "-g", "5", "-g", "7", "-D", "/x", "-d", "/srv/a4", "-t", "5", "-t", "0",
                "-z", "+930-1000", "extra", "-N", "-1"},
            {"useradd", "a5", "-f", "ignored-later", "-u", "daemon", "-d", "/srv/a5", "-C9"},
        };
        for (String[] add : adds) {
            PwTestSupport.Run real = real(PwTestSupport.twice("pw"),
                    concat(concat(add, "-f", realFile.toString()), REAL_CHEAP));
            PwTestSupport.Run our = ours(PwTestSupport.twice("pw"),
                    concat(concat(add, "-f", ourFile.toString()), REAL_CHEAP));
            assertSameRun(String.join(" ", add), real, our);
            assertEquals(String.join(" ", add), masked(Files.readString(realFile, StandardCharsets.ISO_8859_1)),
                    masked(Files.readString(ourFile, StandardCharsets.ISO_8859_1)));
        }
        String[][] mods = {
            {"usermod", "a1", "-n", "10", "-N", "2", "-t", "50"},
            {"usermod", "a2", "-c", "Modified", "-y", "7", "-z", "0800-1700", "-u", "0", "-g", "bin"},
            {"usermod", "a_3", "-n", "", "-N", "", "-t", "", "-T", "", "-q", "", "-Q", "", "-y", "0", "-z", "",
                "-r", "", "-i", "9.9.9.9"},
            {"usermod", "a4", "-D", "/srv/a4-nochroot/", "-T", "0"},
            {"userdel", "a5"},
        };
        for (String[] mod : mods) {
            PwTestSupport.Run real = real("", concat(mod, "-f", realFile.toString()));
            PwTestSupport.Run our = ours("", concat(mod, "-f", ourFile.toString()));
            assertSameRun(String.join(" ", mod), real, our);
            assertEquals(String.join(" ", mod), masked(Files.readString(realFile, StandardCharsets.ISO_8859_1)),
                    masked(Files.readString(ourFile, StandardCharsets.ISO_8859_1)));
        }
        for (String login : new String[] {"a1", "a2", "a_3", "a4"}) {
            for (Path file : new Path[] {realFile, ourFile}) {
                assertSameRun("show " + login + " of " + file.getFileName(),
                        real("", "show", login, "-f", file.toString()),
                        ours("", "show", login, "-f", file.toString()));
            }
        }
    }

    /** Failing commands give the real tool's messages and status (usage text aside: ours is our own). */
    @Test
    public void failuresMatchTheRealTool() throws Exception {
        Path passwd = oddPasswd();
        String file = passwd.toString();
        String missing = folder.resolve("missing.passwd").toString();
        String[][] commands = {
            {"show", "missing", "-f", file}, {"usermod", "missing", "-f", file, "-n", "1"},
            {"userdel", "missing", "-f", file}, {"userdel", "missing", "-f", missing},
            {"usermod", "ok", "-f", missing}, {"list", "x", "-f", missing},
            {"mkdb", folder.resolve("m.pdb").toString(), "-f", missing}, {"show"}, {"useradd"}, {"usermod"},
            {"passwd"}, {"userdel"}, {"show", "", "-f", file},
            {"useradd", "n", "-f", file, "-u", "daemon", "-u", "bin"}, {"useradd", "n", "-f", file, "-g", "1", "-g", "2"},
            {"useradd", "n", "-f", file, "-u", "daemon", "-d", ""}, {"useradd", "n", "-f", file, "-u", "daemon",
                "-D", "/"}, {"useradd", "n", "-f", file, "-u", "daemon", "-d", "/h", "-z", "2400-0100"},
            {"useradd", "n", "-f", file, "-u", "daemon", "-d", "/h", "-z", "x"},
            {"useradd", "n", "-f", file, "-u", "daemon", "-d", "/h", "-q", "0"},
            {"useradd", "n", "-f", file, "-u", "daemon", "-d", "/h", "-Q", "-0"},
            {"useradd", "n", "-f", file, "-u", "daemon", "-d", "/h", "-C", "0"},
            {"useradd", "n", "-f", file, "-u", "daemon", "-d", "/h", "-C", "x"},
            {"useradd", "n", "-f", file, "-u", "daemon", "-d", "/h", "-M", "0"},
            {"useradd", "n", "-f", file, "-u", "0", "-g", "1", "-d", "/h"},
            {"useradd", "n", "-f", file, "-u", "nosuchuser", "-d", "/h"},
            {"useradd", "n", "-f", file, "-u", "4294967296", "-g", "1", "-d", "/h"},
            {"useradd", "n", "-f", file, "-u", "daemon"},
            {"useradd", "-u", "daemon", "-d", "/h", "-f", file},
            {"useradd", "n", "-f", file, "--", "-u", "daemon", "-d", "/h"},
        };
        for (String[] command : commands) {
            assertSameRun(String.join(" ", command), real("", command), ours("", command));
        }
        // the usage cases: same stderr and status, stdout is our own text
        for (String[][] usage : new String[][][] {{{"frobnicate"}}, {{"list", "x", "-X"}}, {{"show", "n", "-u"}},
                {{"useradd", "n:m", "--help"}}, {{"show", "x", "-h"}}}) {
            PwTestSupport.Run real = real("", usage[0]);
            PwTestSupport.Run our = ours("", usage[0]);
            assertTrue(real.out.contains("Usage :"));
            assertEquals(String.join(" ", usage[0]), real.err, our.err);
            assertEquals(String.join(" ", usage[0]), real.status, our.status);
            assertEquals(PwTestSupport.run(ours, Map.of(), "", "-h").out, our.out);
        }
    }

    @Test
    public void dashMBuildsTheSamePdbAsTheRealMkdb() throws Exception {
        Path passwd = folder.resolve("pureftpd.passwd");
        Files.writeString(passwd, "# made by pure-pw\r\n\n" + Files.readString(
                PwTestSupport.passwdVectors().resolve("pureftpd.passwd"), StandardCharsets.ISO_8859_1)
                + "gone:$h:1:1::/g\n", StandardCharsets.ISO_8859_1);
        Path ourPdb = folder.resolve("ours.pdb");
        ours("", "userdel", "gone", "-f", passwd.toString(), "-m", "-F", ourPdb.toString()).ok();
        Path realPdb = folder.resolve("real.pdb");
        real("", "mkdb", realPdb.toString(), "-f", passwd.toString()).ok();
        assertArrayEquals(Files.readAllBytes(realPdb), Files.readAllBytes(ourPdb));
        Path mkdbPdb = folder.resolve("mkdb.pdb");
        ours("", "mkdb", mkdbPdb.toString(), "-f", passwd.toString()).ok();
        assertArrayEquals(Files.readAllBytes(realPdb), Files.readAllBytes(mkdbPdb));
        Path variablePdb = folder.resolve("variable.pdb");
        PwTestSupport.run(ours, Map.of(PurePw.DATABASE_VARIABLE, variablePdb.toString()), "", "mkdb", "", "-f",
                passwd.toString()).ok();
        assertArrayEquals(Files.readAllBytes(realPdb), Files.readAllBytes(variablePdb));
    }
}
