package org.plugftpd.auth.puredb.pw;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.plugftpd.auth.puredb.hash.PasswordHashes;

/**
 * The recorded pure-pw runs of vectors/passwd replayed with our command: show/, list, errors/ and steps/.
 */
public class PurePwVectorsTest {
    private static final String ARGON2_HASH =
            "\\$argon2id\\$v=19\\$m=[0-9]+,t=[0-9]+,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    @Test
    public void showPrintsEveryRecordedAccountIdentically() throws IOException {
        Path folder = temp.getRoot().toPath();
        Path passwd = folder.resolve("pureftpd.passwd");
        Files.copy(PwTestSupport.passwdVectors().resolve("pureftpd.passwd"), passwd);
        PurePw pw = PwTestSupport.purePw(folder, PwTestSupport.vectorSystem(folder));
        List<Path> shows;
        try (Stream<Path> files = Files.list(PwTestSupport.passwdVectors().resolve("show"))) {
            shows = files.filter(f -> f.toString().endsWith(".txt")).sorted().collect(Collectors.toList());
        }
        assertEquals(41, shows.size());
        for (Path show : shows) {
            String user = show.getFileName().toString().replace(".txt", "");
            String expected = read(show).replace("$ROOT", folder.toString());
            int expectedStatus = Integer.parseInt(read(show.resolveSibling(user + ".rc")).trim());
            PwTestSupport.Run run = PwTestSupport.run(pw, Map.of(), "", "show", user, "-f", passwd.toString());
            // pure-pw's stderr is unbuffered and its stdout is written at exit: the capture has stderr first
            assertEquals(user, expected, run.err + run.out);
            assertEquals(user, expectedStatus, run.status);
        }
    }

    @Test
    public void listIgnoresDashFRightAfterTheActionAsRecorded() throws IOException {
        Path folder = temp.getRoot().toPath();
        PurePw pw = PwTestSupport.purePw(folder, PwTestSupport.vectorSystem(folder));
        Path recorded = PwTestSupport.passwdVectors();
        PwTestSupport.Run run = PwTestSupport.run(pw, Map.of(), "", "list", "-f",
                recorded.resolve("pureftpd.passwd").toString());
        assertEquals(read(recorded.resolve("list.txt")), run.out);
        assertEquals(read(recorded.resolve("list.stderr")), run.err);
        assertEquals(Integer.parseInt(read(recorded.resolve("list.rc")).trim()), run.status);
    }

    /**
     * errors/NN-*: each command in order against a copy of the file they were run against (the final passwd
     * file, which the successful ones then extended); stderr and status must match, stdout too except the usage
     * text, which is plugftpd's own (the vectors 16, 18 and 19 print pure-pw's).
     */
    @Test
    public void errorCasesPrintTheRecordedMessagesAndStatus() throws IOException {
        Path errors = PwTestSupport.passwdVectors().resolve("errors");
        Path work = temp.newFolder("work").toPath();
        Files.createDirectories(work.resolve("passwd"));
        Path passwd = work.resolve("passwd/e.passwd");
        Files.copy(PwTestSupport.passwdVectors().resolve("steps/99-final.passwd"), passwd);
        PurePw pw = PwTestSupport.purePw(work, PwTestSupport.vectorSystem(work));
        String usage = PwTestSupport.run(pw, Map.of(), "", "-h").out;
        List<Path> commands;
        try (Stream<Path> files = Files.list(errors)) {
            commands = files.filter(f -> f.toString().endsWith(".cmd")).sorted().collect(Collectors.toList());
        }
        assertEquals(21, commands.size());
        for (Path command : commands) {
            String base = command.getFileName().toString().replace(".cmd", "");
            List<String> words = PwTestSupport.commandWords(read(command), "$ROOT", work.toString());
            byte[] stdin = Files.readAllBytes(errors.resolve(base + ".stdin"));
            PwTestSupport.Run run = PwTestSupport.run(pw, PwTestSupport.cheapEnv(), stdin, false,
                    words.toArray(new String[0]));
            String expectedOut = read(errors.resolve(base + ".stdout"));
            String expectedErr = read(errors.resolve(base + ".stderr")).replace(PwTestSupport.VECTOR_WORK,
                    work.toString());
            if (expectedOut.contains("\nUsage :\n")) {
                expectedOut = usage;
            }
            assertEquals(base + " stderr", expectedErr, run.err);
            assertEquals(base + " stdout", expectedOut, run.out);
            assertEquals(base + " status", Integer.parseInt(read(errors.resolve(base + ".rc")).trim()), run.status);
        }
        assertEquals(masked(read(errors.resolve("passwd-after-error-commands"))), masked(read(passwd)));
    }

    /**
     * steps/NN-*: replaying pure-pw's useradd/usermod/passwd/userdel sequence gives the same passwd file after
     * every step, except the argon2 text of the passwords set in the step (checked to verify instead); usermod
     * keeps the stored hash exactly.
     */
    @Test
    public void replayingTheRecordedStepsWritesTheSameFile() throws IOException {
        Path steps = PwTestSupport.passwdVectors().resolve("steps");
        Path root = temp.newFolder("root").toPath();
        Path passwd = root.resolve("pureftpd.passwd");
        Files.createFile(passwd);
        PurePw pw = PwTestSupport.purePw(root, PwTestSupport.vectorSystem(root));
        List<Path> results;
        try (Stream<Path> files = Files.list(steps)) {
            results = files.filter(f -> f.getFileName().toString().matches("[0-2][0-9]-.*\\.passwd")).sorted()
                    .collect(Collectors.toList());
        }
        assertEquals(24, results.size());
        Map<String, String> hashes = new HashMap<>();
        for (Path result : results) {
            String base = result.getFileName().toString().replace(".passwd", "");
            String[] parts = base.split("-", 3);
            String action = parts[1];
            String user = parts[2];
            Path cmd = steps.resolve(base + ".cmd");
            List<String> words;
            String stdin = "";
            String password = null;
            if (Files.exists(cmd)) {
                words = PwTestSupport.commandWords(read(cmd), root.toString(), PwTestSupport.VECTOR_WORK);
            } else {
                // make-vectors.sh ran these two without writing a .cmd
                words = new ArrayList<>(List.of(action, user, "-f", passwd.toString()));
            }
            if (action.equals("useradd")) {
                password = "Alp-" + user.substring(2) + "!9";
            } else if (action.equals("passwd")) {
                password = "Alp-" + user.substring(2) + "new!9";
            }
            if (password != null) {
                stdin = PwTestSupport.twice(password);
            }
            PwTestSupport.Run run = PwTestSupport.run(pw, PwTestSupport.cheapEnv(), stdin,
                    words.toArray(new String[0]));
            assertEquals(base + ": " + run, Integer.parseInt(read(steps.resolve(base + ".rc")).trim()), run.status);
            String ours = read(passwd);
            assertEquals(base, masked(read(result)), masked(ours));
            String hash = hashOf(ours, user);
            if (password != null) {
                assertNotEquals(base, hashes.get(user), hash);
                assertTrue(base + " hash verifies", PasswordHashes.verify(
                        password.getBytes(StandardCharsets.UTF_8), hash));
                hashes.put(user, hash);
            } else if (action.equals("usermod")) {
                assertEquals(base + " keeps the hash", hashes.get(user), hash);
            }
        }
    }

    private static String hashOf(String passwdText, String user) {
        for (String line : passwdText.split("\n")) {
            if (line.startsWith(user + ":")) {
                return line.split(":", -1)[1];
            }
        }
        return null;
    }

    /** The file with every argon2id hash that pure-pw or we made replaced by one placeholder. */
    private static String masked(String passwdText) {
        return passwdText.replaceAll(ARGON2_HASH, "<argon2id>");
    }
}
