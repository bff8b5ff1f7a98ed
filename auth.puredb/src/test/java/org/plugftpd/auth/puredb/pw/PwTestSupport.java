package org.plugftpd.auth.puredb.pw;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.plugftpd.auth.puredb.VectorFiles;

/** Shared fixtures of the pw tests: vectors, a run of the command with captured output, real processes. */
final class PwTestSupport {
    /** The cheap fixed cost every test but the tuned one uses. */
    static final String CHEAP_COST = "m=8192,t=1";
    static final String REAL_PURE_PW = "/usr/bin/pure-pw";
    /** The folder the vectors were made in; it appears literally in their files. */
    static final String VECTOR_WORK = "/tmp/pfvec-A";

    private PwTestSupport() {
    }

    /** What one command printed and returned. */
    static final class Run {
        final String out;
        final String err;
        final int status;

        Run(String out, String err, int status) {
            this.out = out;
            this.err = err;
            this.status = status;
        }

        Run ok() {
            assertEquals("status of a command that should work; stderr: " + err, 0, status);
            return this;
        }

        @Override
        public String toString() {
            return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    static Path vectors() {
        return VectorFiles.root();
    }

    static Path passwdVectors() {
        return VectorFiles.folder("passwd");
    }

    /** A system user database with the vectors' account ftpvec (2990) and a second user. */
    static SystemAccounts vectorSystem(Path folder) throws IOException {
        Path passwd = folder.resolve("etc-passwd");
        Path group = folder.resolve("etc-group");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n"
                + "ftpvec:x:2990:2990::/nonexistent:/usr/sbin/nologin\n"
                + "webby:x:3001:3500::/nonexistent:/usr/sbin/nologin\n");
        Files.writeString(group, "root:x:0:\nftpvec:x:2990:\nwebgroup:x:3500:\n");
        return SystemAccounts.fromFiles(passwd, group);
    }

    /** A command with its defaults in {@code folder} (files that do not exist unless a test makes them). */
    static PurePw purePw(Path folder, SystemAccounts system) {
        return new PurePw(folder.resolve("default.passwd"), folder.resolve("default.pdb"), system);
    }

    static Map<String, String> cheapEnv() {
        Map<String, String> env = new HashMap<>();
        env.put(HashCost.VARIABLE, CHEAP_COST);
        return env;
    }

    static Run run(PurePw pw, Map<String, String> env, String stdin, String... args) {
        return run(pw, env, stdin.getBytes(StandardCharsets.UTF_8), false, args);
    }

    static Run run(PurePw pw, Map<String, String> env, byte[] stdin, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin);
        int status = pw.execute(Arrays.asList(args), env, in, new PrintStream(out, true), new PrintStream(err, true),
                terminal);
        return new Run(out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1), status);
    }

    static String twice(String password) {
        return password + "\n" + password + "\n";
    }

    /** Words of a vector .cmd file without the leading "pure-pw", placeholders replaced. */
    static List<String> commandWords(String cmdFileText, String root, String work) {
        String text = cmdFileText.endsWith("\n") ? cmdFileText.substring(0, cmdFileText.length() - 1) : cmdFileText;
        List<String> words = new ArrayList<>(Arrays.asList(text.split(" ", -1)));
        assertEquals("pure-pw", words.remove(0));
        List<String> result = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-c")) {
                // the steps' .cmd files were written with "$*": a -c value with spaces runs to the next option
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < words.size() && !words.get(j).matches("-[a-zA-Z]")) {
                    value.append(value.length() > 0 ? " " : "").append(words.get(j++));
                }
                result.add(word);
                result.add(value.toString());
                i = j - 1;
            } else {
                result.add(word.replace("$ROOT", root).replace("$WORK", work));
            }
        }
        return result;
    }

    /** The class path of this test JVM, for child JVMs running the command. */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }

    /** A child JVM running PurePw.main, with a clean pure-pw environment plus {@code env}. */
    static ProcessBuilder childPurePw(Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:-UsePerfData");
        command.add("-cp");
        command.add(testClassPath());
        command.add(PurePw.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(PurePw.PASSWD_VARIABLE);
        builder.environment().remove(PurePw.DATABASE_VARIABLE);
        builder.environment().remove(HashCost.VARIABLE);
        builder.environment().putAll(env);
        return builder;
    }

    /** Runs a process to its end (at most two minutes) with {@code stdin}; captures both outputs. */
    static Run runProcess(ProcessBuilder builder, String stdin) throws IOException, InterruptedException {
        File out = File.createTempFile("pw-out", ".txt");
        File err = File.createTempFile("pw-err", ".txt");
        try {
            builder.redirectOutput(out).redirectError(err);
            Process process = builder.start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("process did not end: " + builder.command());
            }
            return new Run(Files.readString(out.toPath(), StandardCharsets.ISO_8859_1),
                    Files.readString(err.toPath(), StandardCharsets.ISO_8859_1), process.exitValue());
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    /** Debian's pure-pw; fails (never skips) when the package is missing. */
    static Run realPurePw(Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        assertTrue(REAL_PURE_PW + " is missing: install Debian's pure-ftpd package (apt-get install pure-ftpd)",
                Files.isExecutable(Paths.get(REAL_PURE_PW)));
        List<String> command = new ArrayList<>();
        command.add(REAL_PURE_PW);
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(PurePw.PASSWD_VARIABLE);
        builder.environment().remove(PurePw.DATABASE_VARIABLE);
        builder.environment().putAll(env);
        return runProcess(builder, stdin);
    }
}
