package org.plugftpd.auth.puredb.pw;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The rewrite when something goes wrong: a full disk, leftovers of a crash, very long lines. */
public class PasswdRewriterTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private Path bigPasswd(Path folder, int users) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int u = 0; u < users; u++) {
            text.append("u").append(u).append(":$h:2990:2990::/home/u").append(u).append("/./::::::::::::\n");
        }
        Path passwd = folder.resolve("pureftpd.passwd");
        Files.writeString(passwd, text);
        return passwd;
    }

    /**
     * A full disk, simulated without root: the child JVM may write at most 16 KiB per file (ulimit -f; the JVM
     * turns SIGXFSZ into an EFBIG error), so the temporary copy of a 77 KB file fails half way.
     */
    @Test
    public void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
        Path folder = temp.getRoot().toPath();
        Path passwd = bigPasswd(folder, 2000);
        byte[] before = Files.readAllBytes(passwd);
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -f 16 && exec \"$@\"", "bash"));
        command.addAll(PwTestSupport.childPurePw(Map.of(), List.of("usermod", "u5", "-f", passwd.toString(), "-c",
                "hello")).command());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(PurePw.PASSWD_VARIABLE);
        PwTestSupport.Run run = PwTestSupport.runProcess(builder, "");
        assertEquals(run.toString(), PwExitCodes.UNEXPECTED, run.status);
        assertTrue(run.err, run.err.matches("Unable to write the new passwd file \\[" + passwd
                + "\\.[0-9a-f]{16}\\.tmp\\]: File too large\n\\[" + passwd + "\\] was left unchanged\n"));
        assertArrayEquals(before, Files.readAllBytes(passwd));
        assertEquals(List.of("pureftpd.passwd", "pureftpd.passwd.lock"), names(folder));
    }

    @Test
    public void leftoversOfACrashedRewriteAreSweptAndNeverBlock() throws IOException {
        Path folder = temp.getRoot().toPath();
        Path passwd = bigPasswd(folder, 3);
        Files.writeString(folder.resolve("pureftpd.passwd.0123456789abcdef.tmp"), "half a file");
        // pure-pw's own temporary name blocks pure-pw, not us; names that are not ours stay
        Files.writeString(folder.resolve("pureftpd.passwd.tmp"), "pure-pw's");
        Files.writeString(folder.resolve("pureftpd.passwd.backup.tmp"), "someone's");
        PurePw pw = PwTestSupport.purePw(folder, SystemAccounts.ofThisMachine());
        PwTestSupport.run(pw, Map.of(), "", "userdel", "u1", "-f", passwd.toString()).ok();
        assertEquals(List.of("pureftpd.passwd", "pureftpd.passwd.backup.tmp", "pureftpd.passwd.lock",
                "pureftpd.passwd.tmp"), names(folder));
        assertEquals(List.of("u0", "u2"), Files.readAllLines(passwd).stream().map(l -> l.split(":")[0])
                .collect(Collectors.toList()));
    }

    @Test
    public void temporaryNamesAreRecognisedExactly() {
        Path passwd = Path.of("/x/pureftpd.passwd");
        assertTrue(PasswdRewriter.isTemporaryOf(passwd, "pureftpd.passwd.0123456789abcdef.tmp"));
        assertFalse(PasswdRewriter.isTemporaryOf(passwd, "pureftpd.passwd.tmp"));
        assertFalse(PasswdRewriter.isTemporaryOf(passwd, "pureftpd.passwd.0123456789abcdeg.tmp"));
        assertFalse(PasswdRewriter.isTemporaryOf(passwd, "other.passwd.0123456789abcdef.tmp"));
        assertFalse(PasswdRewriter.isTemporaryOf(passwd, "pureftpd.passwd.0123456789abcdef0.tmp"));
    }

    /** Lines longer than pure-pw's 2046-byte pieces are copied whole; only the login's lines go. */
    @Test
    public void veryLongLinesAreCopiedWhole() throws IOException {
        Path folder = temp.getRoot().toPath();
        Path passwd = folder.resolve("pureftpd.passwd");
        String longLine = "long:$h:1:1:" + "g".repeat(100_000) + ":/h::::::::::::\n";
        String joe = "joe:$h:1:1::/h::::::::::::\n";
        Files.writeString(passwd, longLine + joe + "joe:" + "x".repeat(5000) + "\n" + longLine);
        PurePw pw = PwTestSupport.purePw(folder, SystemAccounts.ofThisMachine());
        PwTestSupport.run(pw, Map.of(), "", "userdel", "joe", "-f", passwd.toString()).ok();
        assertEquals(longLine + longLine, Files.readString(passwd, StandardCharsets.ISO_8859_1));
    }
}
