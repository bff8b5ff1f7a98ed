package org.plugftpd.auth.puredb.pw;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Concurrent rewrites of one passwd file by threads and by separate JVMs never lose an account or a change
 * (the {@link PasswdLock} around read-modify-write).
 */
public class ConcurrentEditsTest {
    private static final int WRITERS = 6;
    private static final int EDITS_EACH = 15;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path passwdWithUsers(int count) throws IOException {
        Path passwd = temp.getRoot().toPath().resolve("pureftpd.passwd");
        StringBuilder text = new StringBuilder("# shared by all writers\n");
        for (int u = 0; u < count; u++) {
            text.append("u").append(u).append(":$h:2990:2990::/home/u").append(u).append("/./::::::::::::\n");
        }
        Files.writeString(passwd, text);
        return passwd;
    }

    /** Each writer's last -n value must be in its line: a lost update would leave an older one. */
    private static void assertEveryLastEditKept(Path passwd, int users, int lastValue) throws IOException {
        List<String> lines = Files.readAllLines(passwd, StandardCharsets.ISO_8859_1);
        assertEquals(String.join("\n", lines), users + 1, lines.size());
        assertEquals("# shared by all writers", lines.get(0));
        for (int u = 0; u < users; u++) {
            String prefix = "u" + u + ":";
            String expected = prefix + "$h:2990:2990::/home/u" + u + "/./::::::" + lastValue + "::::::";
            assertEquals(prefix, 1, lines.stream().filter(l -> l.startsWith(prefix)).count());
            assertTrue(String.join("\n", lines), lines.contains(expected));
        }
    }

    private static List<Future<Integer>> startTogether(List<Callable<Integer>> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (Callable<Integer> task : tasks) {
            results.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        pool.shutdown();
        assertTrue("writers finished", pool.awaitTermination(3, TimeUnit.MINUTES));
        return results;
    }

    @Test
    public void threadsEditingDifferentAccountsLoseNothing() throws Exception {
        Path passwd = passwdWithUsers(WRITERS);
        PurePw pw = PwTestSupport.purePw(temp.getRoot().toPath(), SystemAccounts.ofThisMachine());
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int u = 0; u < WRITERS; u++) {
            String login = "u" + u;
            writers.add(() -> {
                int failures = 0;
                for (int i = 0; i < EDITS_EACH; i++) {
                    failures += PwTestSupport.run(pw, Map.of(), "", "usermod", login, "-f", passwd.toString(),
                            "-n", Integer.toString(i)).status == 0 ? 0 : 1;
                }
                return failures;
            });
        }
        for (Future<Integer> result : startTogether(writers)) {
            assertEquals(Integer.valueOf(0), result.get());
        }
        assertEveryLastEditKept(passwd, WRITERS, EDITS_EACH - 1);
    }

    @Test
    public void threadsAddingDifferentAccountsLoseNone() throws Exception {
        Path passwd = passwdWithUsers(0);
        PurePw pw = PwTestSupport.purePw(temp.getRoot().toPath(), SystemAccounts.ofThisMachine());
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int u = 0; u < WRITERS; u++) {
            String login = "new" + u;
            writers.add(() -> PwTestSupport.run(pw, PwTestSupport.cheapEnv(), PwTestSupport.twice("pw"), "useradd",
                    login, "-f", passwd.toString(), "-u", "2990", "-g", "2990", "-d", "/home/" + login).status);
        }
        for (Future<Integer> result : startTogether(writers)) {
            assertEquals(Integer.valueOf(0), result.get());
        }
        List<String> lines = Files.readAllLines(passwd, StandardCharsets.ISO_8859_1);
        assertEquals(WRITERS + 1, lines.size());
        for (int u = 0; u < WRITERS; u++) {
            String prefix = "new" + u + ":";
            assertEquals(prefix, 1, lines.stream().filter(l -> l.startsWith(prefix)).count());
        }
    }

    private static ProcessBuilder repeatedInChild(Map<String, String> env, int count, String... template) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:-UsePerfData");
        command.add("-cp");
        command.add(PwTestSupport.testClassPath());
        command.add(RepeatedPwCommands.class.getName());
        command.add(Integer.toString(count));
        command.addAll(List.of(template));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(PurePw.PASSWD_VARIABLE);
        builder.environment().remove(PurePw.DATABASE_VARIABLE);
        builder.environment().putAll(env);
        return builder;
    }

    private static void runChildrenTogether(List<ProcessBuilder> children) throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (ProcessBuilder child : children) {
            tasks.add(() -> {
                PwTestSupport.Run run = PwTestSupport.runProcess(child, "");
                assertEquals(run.toString(), 0, run.status);
                return run.status;
            });
        }
        for (Future<Integer> result : startTogether(tasks)) {
            assertEquals(Integer.valueOf(0), result.get());
        }
    }

    @Test
    public void processesEditingDifferentAccountsLoseNothing() throws Exception {
        int processes = 2;
        int edits = 40;
        Path passwd = passwdWithUsers(processes);
        List<ProcessBuilder> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            children.add(repeatedInChild(Map.of(), edits, "usermod", "u" + p, "-f", passwd.toString(), "-n", "{i}"));
        }
        runChildrenTogether(children);
        assertEveryLastEditKept(passwd, processes, edits - 1);
    }

    @Test
    public void processesAddingDifferentAccountsLoseNone() throws Exception {
        int processes = 2;
        int users = 15;
        Path passwd = passwdWithUsers(0);
        List<ProcessBuilder> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            children.add(repeatedInChild(Map.of(HashCost.VARIABLE, PwTestSupport.CHEAP_COST), users, "useradd",
                    "p" + p + "u{i}", "-f", passwd.toString(), "-u", "2990", "-g", "2990", "-d", "/home/x"));
        }
        runChildrenTogether(children);
        List<String> lines = Files.readAllLines(passwd, StandardCharsets.ISO_8859_1);
        assertEquals(processes * users + 1, lines.size());
        for (int p = 0; p < processes; p++) {
            for (int i = 0; i < users; i++) {
                String prefix = "p" + p + "u" + i + ":";
                assertEquals(prefix, 1, lines.stream().filter(l -> l.startsWith(prefix)).count());
            }
        }
    }
}
