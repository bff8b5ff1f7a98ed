package org.plugftpd.auth.puredb.pw;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.plugftpd.auth.puredb.hash.PasswordHashes;

/** The command's behaviour beyond the recorded vectors: argument rules, options, line handling, statuses. */
public class PurePwCommandTest {
    private static final String JOE = "joe:$h$joe:2990:2990::/home/joe/./::::::::::::\n";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path folder;
    private Path passwd;
    private PurePw pw;

    @Before
    public void setUp() throws IOException {
        folder = temp.getRoot().toPath();
        passwd = folder.resolve("pureftpd.passwd");
        pw = PwTestSupport.purePw(folder, PwTestSupport.vectorSystem(folder));
    }

    private PwTestSupport.Run run(String stdin, String... args) {
        return PwTestSupport.run(pw, PwTestSupport.cheapEnv(), stdin, args);
    }

    private String passwdText() throws IOException {
        return Files.readString(passwd, StandardCharsets.ISO_8859_1);
    }

    private void writePasswd(String text) throws IOException {
        Files.write(passwd, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private String usage() {
        return PwTestSupport.run(pw, Map.of(), "", "-h").out;
    }

    @Test
    public void theActionIsCaseInsensitive() throws IOException {
        writePasswd(JOE);
        assertEquals("joe\t/home/joe/./\t\n", run("", "LiSt", "x", "-f", passwd.toString()).ok().out);
        assertTrue(run("", "SHOW", "joe", "-f", passwd.toString()).ok().out.contains("Login              : joe\n"));
    }

    @Test
    public void theWordAfterTheActionIsAlwaysTheLogin() throws IOException {
        writePasswd(JOE);
        PwTestSupport.Run run = run("", "show", "-f", passwd.toString());
        assertEquals("Unable to open the passwd file: No such file or directory\n"
                + "Unable to fetch info about user [-f] in file [" + folder.resolve("default.passwd") + "]\n",
                run.err);
        assertEquals(PwExitCodes.CANNOT_FETCH_ACCOUNT, run.status);
    }

    @Test
    public void mkdbTakesTheWordAfterItAsTheDatabase() throws IOException {
        writePasswd(JOE);
        PwTestSupport.Run run = run("", "mkdb", "-f", passwd.toString());
        assertEquals("Unable to open the passwd file: No such file or directory\n", run.err);
        assertEquals(PwExitCodes.PASSWD_FILE_UNREADABLE, run.status);
        assertFalse(Files.exists(folder.resolve("-f")));
    }

    @Test
    public void colonsInTheLoginBecomeUnderscores() throws IOException {
        writePasswd("a_b:$h:1:1::/h::::::::::::\n" + JOE);
        run("", "userdel", "a:b", "-f", passwd.toString()).ok();
        assertEquals(JOE, passwdText());
    }

    @Test
    public void passwdFileComesFromDashFThenTheVariableThenTheDefault() throws IOException {
        Path fromVariable = folder.resolve("variable.passwd");
        Files.writeString(fromVariable, "var:$h:1:1::/v::::::::::::\n");
        writePasswd(JOE);
        Files.writeString(folder.resolve("default.passwd"), "def:$h:1:1::/d::::::::::::\n");
        Map<String, String> env = new HashMap<>();
        env.put(PurePw.PASSWD_VARIABLE, fromVariable.toString());
        assertEquals("var\t/v\t\n", PwTestSupport.run(pw, env, "", "list", "x").ok().out);
        assertEquals("joe\t/home/joe/./\t\n",
                PwTestSupport.run(pw, env, "", "list", "x", "-f", passwd.toString()).ok().out);
        env.put(PurePw.PASSWD_VARIABLE, "");
        assertEquals("def\t/d\t\n", PwTestSupport.run(pw, env, "", "list").ok().out);
    }

    @Test
    public void defaultFilesAreInPlugftpdHomeElseDebians() {
        String before = System.getProperty(PurePw.HOME_PROPERTY);
        try {
            System.setProperty(PurePw.HOME_PROPERTY, folder.toString());
            String help = PwTestSupport.run(PurePw.forThisInstallation(), Map.of(), "", "-h").out;
            assertTrue(help, help.contains(folder.resolve("etc/pureftpd.passwd").toString()));
            assertTrue(help, help.contains(folder.resolve("etc/pureftpd.pdb").toString()));
            System.clearProperty(PurePw.HOME_PROPERTY);
            help = PwTestSupport.run(PurePw.forThisInstallation(), Map.of(), "", "-h").out;
            assertTrue(help, help.contains("/etc/pure-ftpd/pureftpd.passwd"));
            assertTrue(help, help.contains("/etc/pure-ftpd/pureftpd.pdb"));
        } finally {
            if (before != null) {
                System.setProperty(PurePw.HOME_PROPERTY, before);
            } else {
                System.clearProperty(PurePw.HOME_PROPERTY);
            }
        }
    }

    @Test
    public void aMissingLoginGivesStatus1ButUserdelGives255() {
        for (String action : new String[] {"useradd", "usermod", "passwd", "show"}) {
            PwTestSupport.Run run = run("", action);
            assertEquals(action, "Missing login\n", run.err);
            assertEquals(action, PwExitCodes.MISSING_LOGIN, run.status);
        }
        PwTestSupport.Run run = run("", "userdel", "", "-f", passwd.toString());
        assertEquals("Missing login\n", run.err);
        assertEquals(255, run.status);
    }

    @Test
    public void helpUnknownActionsAndOptionErrorsPrintTheUsageAndSucceed() {
        String usage = usage();
        for (String option : new String[] {"-u", "-f", "-F", "-g", "-c", "-d", "-D", "-t", "-T", "-n", "-N", "-q",
                "-Q", "-r", "-R", "-i", "-I", "-y", "-z", "-C", "-M", "-m", "-h", "useradd", "usermod", "userdel",
                "passwd", "show", "mkdb", "list", "PURE_PASSWDFILE", "PURE_DBFILE", HashCost.VARIABLE}) {
            assertTrue(option, usage.contains(option));
        }
        assertEquals(new PwTestSupport.Run(usage, "", 0).toString(), run("").toString());
        assertEquals(new PwTestSupport.Run(usage, "", 0).toString(), run("", "frobnicate", "x").toString());
        assertEquals(new PwTestSupport.Run(usage, "", 0).toString(), run("", "list", "x", "-h").toString());
        assertEquals(new PwTestSupport.Run(usage, "a_b: option requires an argument -- 'u'\n", 0).toString(),
                run("", "useradd", "a:b", "-u").toString());
        assertEquals(new PwTestSupport.Run(usage, "joe: invalid option -- '-'\n", 0).toString(),
                run("", "show", "joe", "--long").toString());
    }

    @Test
    public void refusedOptionValuesStopWithStatus1BeforeAnyPrompt() {
        String[][] cases = {
            {"You already gave an uid", "-u", "2990", "-u", "2990"},
            {"You already gave a gid", "-g", "5", "-g", "6"},
            {"home directory is missing", "-d", ""},
            {"home directory is missing", "-D", "///"},
            {"Illegal upload ratio", "-q", "0"},
            {"Illegal download ratio", "-Q", "abc"},
            {"Time should be given as hhmm-hhmm\nExample : 0900-1800 (9 am to 6 pm)", "-z", "0960-1000"},
            {"number of concurrent logins must be at least 1", "-C", "0"},
            {"memory reserved for password hashing is too low", "-M", "0"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 4];
            args[0] = "useradd";
            args[1] = "joe";
            args[2] = "-f";
            args[3] = passwd.toString();
            System.arraycopy(c, 1, args, 4, c.length - 1);
            args[args.length - 1] = "-m";
            PwTestSupport.Run run = run(PwTestSupport.twice("pw"), args);
            assertEquals(c[0], c[0] + "\n", run.err);
            assertEquals(c[0], "", run.out);
            assertEquals(c[0], PwExitCodes.BAD_OPTION, run.status);
        }
        assertFalse(Files.exists(passwd));
    }

    @Test
    public void valuesThatWouldSplitOrShiftTheLineAreRefused() throws IOException {
        writePasswd(JOE);
        String[][] cases = {
            {"The value of -c must not contain a line break (CR, LF or NUL)", "usermod", "joe", "-c",
                "x\nroot2:$h:1:1::/:::::::::::::"},
            {"The value of -d must not contain a line break (CR, LF or NUL)", "usermod", "joe", "-d", "/a\rb"},
            {"The value of -D must not contain a line break (CR, LF or NUL)", "usermod", "joe", "-D", "/a\u0000"},
            {"The value of -r must not contain ':' (the passwd file has no room for IPv6 addresses)", "usermod",
                "joe", "-r", "::1"},
            {"The value of -I must not contain a line break (CR, LF or NUL)", "usermod", "joe", "-I", "1.2.3.4\n"},
            {"The login must not contain a line break (CR, LF or NUL)", "useradd", "a\nb", "-u", "ftpvec", "-d",
                "/h"},
            {"The login must not contain a line break (CR, LF or NUL)", "passwd", "a\rb"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 1];
            System.arraycopy(c, 1, args, 0, c.length - 1);
            args[c.length - 1] = "-f";
            args[c.length] = passwd.toString();
            PwTestSupport.Run run = run(PwTestSupport.twice("pw"), args);
            assertEquals(c[0], c[0] + "\n", run.err);
            assertEquals(c[0], "", run.out);
            assertEquals(c[0], PwExitCodes.BAD_OPTION, run.status);
        }
        assertEquals(JOE, passwdText());
    }

    @Test
    public void aHashTooBigToVerifyIsRefusedBeforeThePrompt() {
        PwTestSupport.Run run = PwTestSupport.run(pw, Map.of(), PwTestSupport.twice("pw"), "useradd", "joe", "-f",
                passwd.toString(), "-u", "ftpvec", "-d", "/h", "-C", "1", "-M", "8192");
        assertEquals("memory reserved for password hashing is too high: 8192 MB per login attempt, at most 4096\n",
                run.err);
        assertEquals("", run.out);
        assertEquals(PwExitCodes.BAD_OPTION, run.status);
    }

    @Test
    public void aSecondGroupIsAcceptedOnceAUidIsGiven() throws IOException {
        writePasswd(JOE);
        run("", "usermod", "joe", "-f", passwd.toString(), "-u", "3001", "-g", "5", "-g", "webgroup").ok();
        assertEquals("joe:$h$joe:3001:3500::/home/joe/./::::::::::::\n", passwdText());
    }

    @Test
    public void aMalformedCostVariableIsRefusedBeforeThePrompt() {
        Map<String, String> env = Map.of(HashCost.VARIABLE, "m=8192");
        PwTestSupport.Run run = PwTestSupport.run(pw, env, PwTestSupport.twice("pw"), "useradd", "joe", "-f",
                passwd.toString(), "-u", "ftpvec", "-d", "/h");
        assertEquals("", run.out);
        assertEquals(PwExitCodes.BAD_OPTION, run.status);
        assertTrue(run.err, run.err.startsWith(HashCost.VARIABLE + " must be m=<KiB>,t=<passes>"));
        env = Map.of(HashCost.VARIABLE, "m=4,t=1");
        assertEquals(PwExitCodes.BAD_OPTION, PwTestSupport.run(pw, env, PwTestSupport.twice("pw"), "passwd", "joe",
                "-f", passwd.toString()).status);
    }

    @Test
    public void useraddChecksUidGidAndHomeBeforeThePassword() {
        PwTestSupport.Run run = run(PwTestSupport.twice("pw"), "useradd", "joe", "-f", passwd.toString(), "-u",
                "2990", "-d", "/h");
        assertEquals("numeric -u gives no gid", "You must give (non-root) uid and gid\n", run.err);
        assertEquals(PwExitCodes.ROOT_UID_OR_GID, run.status);
        run = run(PwTestSupport.twice("pw"), "useradd", "joe", "-f", passwd.toString(), "-u", "ftpvec");
        assertEquals("Missing home directory\n", run.err);
        assertEquals(PwExitCodes.MISSING_HOME, run.status);
        assertEquals("", run.out);
    }

    @Test
    public void passwordEntryGivesUpAfterThreeMismatches() {
        PwTestSupport.Run run = run("a\nb\nc\nd\ne\nf\n", "useradd", "joe", "-f", passwd.toString(), "-u", "ftpvec",
                "-d", "/h");
        String attempt = "Password: \nEnter it again: \nYou didn't enter the same password\n";
        assertEquals(attempt + attempt + attempt, run.out);
        assertEquals("Error with entering password - aborting\n", run.err);
        assertEquals(PwExitCodes.PASSWORD_ENTRY, run.status);
        assertFalse(Files.exists(passwd));
    }

    @Test
    public void passwordEntryStopsAtTheEndOfInput() {
        PwTestSupport.Run run = run("", "useradd", "joe", "-f", passwd.toString(), "-u", "ftpvec", "-d", "/h");
        assertEquals("Password: ", run.out);
        assertEquals(PwExitCodes.PASSWORD_ENTRY, run.status);
        run = run("only-once\n", "useradd", "joe", "-f", passwd.toString(), "-u", "ftpvec", "-d", "/h");
        assertEquals("Password: \nEnter it again: ", run.out);
        assertEquals(PwExitCodes.PASSWORD_ENTRY, run.status);
    }

    /** usermod copies every other line byte for byte and moves the account to the end. */
    @Test
    public void usermodKeepsOtherLinesByteForByte() throws IOException {
        String before = "# comment: keep\r\n"
                + "\n"
                + "not a valid line\n"
                + "joe:$h$old:2990:2990:Old:/home/joe/./::::::::::::\r\n"
                + "joey:$h$joey:1:1::/j::::::::::::\n"
                + "   \n"
                + "caf\u00e9:$h:1:1:G\u00fcnter \u00e9:/c\n"
                + "joe:$h$dup:2990:2990::/second::::::::::::\n"
                + "joe\n"
                + "last-without-lf:x";
        writePasswd(before);
        PwTestSupport.Run run = run("", "usermod", "joe", "-f", passwd.toString(), "-c", "New: name", "-t", "10");
        assertEquals("Warning: invalid line [not a valid line]\n", run.err);
        run.ok();
        assertEquals("# comment: keep\r\n"
                + "\n"
                + "not a valid line\n"
                + "joey:$h$joey:1:1::/j::::::::::::\n"
                + "   \n"
                + "caf\u00e9:$h:1:1:G\u00fcnter \u00e9:/c\n"
                + "joe\n"
                + "last-without-lf:x\n"
                + "joe:$h$old:2990:2990:New_ name:/home/joe/./::10240::::::::::\n", passwdText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwd)));
    }

    @Test
    public void usermodChangesOnlyTheGivenOptionsAndEmptiesClearedOnes() throws IOException {
        writePasswd("joe:$h:2990:2990:Joe:/home/joe/./:1024:2048:1:2:3:4:5242880:a:b:c:d:900-1800\n");
        run("", "usermod", "joe", "-f", passwd.toString(), "-u", "0", "-T", "", "-t", "0", "-q", "", "-N", "",
                "-i", "", "-z", "", "-y", "0").ok();
        assertEquals("joe:$h:2990:2990:Joe:/home/joe/./::2048::2::4:::b:c:d:\n", passwdText());
        run("", "usermod", "joe", "-f", passwd.toString(), "-u", "webby", "-d", "/a/b//", "-D", "/x:y/", "-d",
                "/z", "-n", "", "-Q", "7", "-R", "10.0.0.0/8", "-z", "0000-2359", "-y", "9").ok();
        assertEquals("joe:$h:3001:3500:Joe:/z::2048::7:9::::b:c:10.0.0.0/8:0-2359\n", passwdText());
    }

    @Test
    public void usermodOfAnUnknownAccountFails() throws IOException {
        writePasswd(JOE);
        PwTestSupport.Run run = run("", "usermod", "bob", "-f", passwd.toString(), "-n", "5");
        assertEquals("Unable to fetch info about user [bob] in file [" + passwd + "]\n", run.err);
        assertEquals(PwExitCodes.CANNOT_FETCH_ACCOUNT, run.status);
        assertEquals(JOE, passwdText());
    }

    @Test
    public void userdelDropsEveryLineOfTheLoginOnly() throws IOException {
        writePasswd("joe:a\njoey:b\njoe\n#joe:c\njoe:d\r\n joe:e\n");
        run("", "userdel", "joe", "-f", passwd.toString()).ok();
        assertEquals("joey:b\njoe\n#joe:c\n joe:e\n", passwdText());
        PwTestSupport.Run again = run("", "userdel", "joe", "-f", passwd.toString());
        assertEquals("Error.\nCheck that [joe] already exists,\nand that [" + passwd + ".tmp] can be written.\n",
                again.err);
        assertEquals(PwExitCodes.USER_EXISTS_OR_NO_TEMP_FILE, again.status);
        assertEquals("joey:b\njoe\n#joe:c\n joe:e\n", passwdText());
        assertEquals(List.of("pureftpd.passwd", "pureftpd.passwd.lock"), filesInFolder());
    }

    @Test
    public void userdelOfAMissingFileCreatesNothing() throws IOException {
        PwTestSupport.Run run = run("", "userdel", "joe", "-f", passwd.toString());
        assertEquals(PwExitCodes.USER_EXISTS_OR_NO_TEMP_FILE, run.status);
        assertFalse(Files.exists(passwd));
    }

    @Test
    public void withDashMTheRebuildStatusIsAddedToTheActions() {
        // userdel finds no file (4), mkdb cannot open it (2)
        PwTestSupport.Run run = run("", "userdel", "joe", "-f", passwd.toString(), "-m", "-F",
                folder.resolve("x.pdb").toString());
        assertEquals(4 | 2, run.status);
        assertTrue(run.err, run.err.endsWith("Unable to open the passwd file: No such file or directory\n"));
    }

    @Test
    public void showNamesUidAndGidFromTheSystemDatabase() throws IOException {
        writePasswd("a:$h:3001:2990::/h\nb:$h:4000:4001::/h:::::::::::::\n");
        String shown = run("", "show", "a", "-f", passwd.toString()).ok().out;
        assertTrue(shown, shown.contains("UID                : 3001 (webby)\nGID                : 2990 (ftpvec)\n"));
        assertTrue("fields absent from a short line show as -",
                shown.contains("Allowed local  IPs : -\nDenied  local  IPs : -\n"));
        shown = run("", "show", "b", "-f", passwd.toString()).ok().out;
        assertTrue(shown, shown.contains("UID                : 4000 (-)\nGID                : 4001 (-)\n"));
        assertTrue(shown.contains("Allowed local  IPs : \n"));
    }

    @Test
    public void listPrintsColumnsOnATerminal() throws IOException {
        writePasswd(JOE + "verylongloginnamepastnineteen:$h:1:1:Name:/h\n");
        PwTestSupport.Run run = PwTestSupport.run(pw, Map.of(), new byte[0], true, "list", "x", "-f",
                passwd.toString());
        assertEquals(String.format("%-19s %-39s %-19s\n%-19s %-39s %-19s\n", "joe", "/home/joe/./", "",
                "verylongloginnamepastnineteen", "/h", "Name"), run.out);
    }

    @Test
    public void missingPasswdFileForListAndShow() {
        PwTestSupport.Run run = run("", "list", "x", "-f", passwd.toString());
        assertEquals("Unable to open the passwd file: No such file or directory\n", run.err);
        assertEquals(PwExitCodes.PASSWD_FILE_UNREADABLE, run.status);
    }

    @Test
    public void aDirectoryAsPasswdFileIsAnErrorNotAnEmptyFile() throws IOException {
        Files.createDirectory(passwd);
        PwTestSupport.Run run = run("", "userdel", "joe", "-f", passwd.toString());
        assertEquals("Unable to open the passwd file [" + passwd + "]: Is a directory\n", run.err);
        assertEquals(PwExitCodes.PASSWD_FILE_UNREADABLE, run.status);
        run = run("", "list", "x", "-f", passwd.toString());
        assertEquals("Unable to open the passwd file: Is a directory\n", run.err);
        assertEquals(PwExitCodes.PASSWD_FILE_UNREADABLE, run.status);
        assertTrue(Files.isDirectory(passwd));
    }

    @Test
    public void aFileWhereTheDirectoryShouldBeIsAClearError() throws IOException {
        Path notADirectory = folder.resolve("plain-file");
        Files.writeString(notADirectory, "x");
        Path inside = notADirectory.resolve("pureftpd.passwd");
        PwTestSupport.Run run = run("", "userdel", "joe", "-f", inside.toString());
        assertEquals("Unable to lock [" + inside + ".lock]: Not a directory\n", run.err);
        assertEquals(PwExitCodes.USER_EXISTS_OR_NO_TEMP_FILE, run.status);
        assertEquals("x", Files.readString(notADirectory));
    }

    // ---- the rest needs the hash package

    @Test
    public void useraddLeavesClearedOptionsEmptyUnlikePurePw() throws IOException {
        run(PwTestSupport.twice("secret"), "useradd", "joe", "-f", passwd.toString(), "-u", "ftpvec", "-d",
                "/home/joe//", "-t", "", "-T", "", "-n", "", "-N", "", "-q", "", "-Q", "", "-y", "0", "-z", "").ok();
        assertTrue(passwdText(), passwdText().matches(
                "joe:\\$argon2id\\$v=19\\$m=8192,t=1,p=1\\$[^:]+:2990:2990::/home/joe/\\./::::::::::::\n"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwd)));
    }

    @Test
    public void useraddWritesAllFieldsInFileOrder() throws IOException {
        run(PwTestSupport.twice("p\u00e4ss"), "useradd", "a:b", "-f", passwd.toString(), "-u", "webby", "-c",
                "A: B", "-D", "/srv/a:b/", "-t", "10", "-T", "20", "-n", "100", "-N", "5", "-q", "2", "-Q", "3",
                "-r", "127.0.0.1/8", "-R", "10.0.0.1", "-i", "127.0.0.0/8", "-I", "1.2.3.4", "-y", "5", "-z",
                "0900-1800").ok();
        String line = passwdText();
        assertTrue(line, line.startsWith("a_b:$argon2id$v=19$m=8192,t=1,p=1$"));
        assertEquals(":3001:3500:A_ B:/srv/a_b:20480:10240:2:3:5:100:5242880:127.0.0.0/8:1.2.3.4:127.0.0.1/8"
                + ":10.0.0.1:900-1800\n", line.substring(line.indexOf(":3001:")));
        String hash = line.split(":")[1];
        assertTrue(PasswordHashes.verify("p\u00e4ss".getBytes(StandardCharsets.UTF_8), hash));
    }

    @Test
    public void useraddOfAnExistingLoginFailsAfterThePassword() throws IOException {
        writePasswd(JOE);
        PwTestSupport.Run run = run(PwTestSupport.twice("x"), "useradd", "joe", "-f", passwd.toString(), "-u",
                "ftpvec", "-d", "/h");
        assertEquals("Password: \nEnter it again: \n", run.out);
        assertEquals("Error.\nCheck that [joe] doesn't already exist,\nand that [" + passwd
                + ".tmp] can be written.\n", run.err);
        assertEquals(PwExitCodes.USER_EXISTS_OR_NO_TEMP_FILE, run.status);
        assertEquals(JOE, passwdText());
        assertEquals(List.of("pureftpd.passwd", "pureftpd.passwd.lock"), filesInFolder());
    }

    @Test
    public void useraddAddsALineFeedTheOldFileLacked() throws IOException {
        writePasswd("old:$h:1:1::/o");
        run(PwTestSupport.twice("x"), "useradd", "joe", "-f", passwd.toString(), "-u", "ftpvec", "-d", "/h").ok();
        assertTrue(passwdText(), passwdText().startsWith("old:$h:1:1::/o\njoe:$argon2id$"));
    }

    @Test
    public void passwdChangesTheHashAndAppliesOtherOptions() throws IOException {
        writePasswd(JOE);
        PwTestSupport.Run run = run("first\nsecond\nnew\nnew\n", "passwd", "joe", "-f", passwd.toString(), "-n",
                "3");
        run.ok();
        assertEquals("Password: \nEnter it again: \nYou didn't enter the same password\n"
                + "Password: \nEnter it again: \n", run.out);
        String[] fields = passwdText().split(":", -1);
        assertTrue(PasswordHashes.verify("new".getBytes(StandardCharsets.UTF_8), fields[1]));
        assertEquals("3", fields[11]);
    }

    @Test
    public void anEmptyPasswordIsAccepted() throws IOException {
        run("\r\n\n", "useradd", "joe", "-f", passwd.toString(), "-u", "ftpvec", "-d", "/h").ok();
        assertTrue(PasswordHashes.verify(new byte[0], passwdText().split(":")[1]));
    }

    @Test
    public void dashMBelow8192MegabytesIsAcceptedUnlikePurePw() throws IOException {
        run(PwTestSupport.twice("x"), "useradd", "joe", "-f", passwd.toString(), "-u", "ftpvec", "-d", "/h", "-M",
                "1").ok();
        assertTrue(passwdText().startsWith("joe:$argon2id$"));
    }

    /**
     * The one test of pure-pw's own tuning (no cost variable): -C 4 gives 64 MiB / 4 = 16 MiB per hash, the
     * m of the vector user almaxconn, and passes of the form 2^k - 1 (spec/hashes.md §4.1).
     */
    @Test
    public void withoutTheCostVariableTheHashIsTunedLikePurePw() throws IOException {
        PwTestSupport.Run run = PwTestSupport.run(pw, Map.of(), PwTestSupport.twice("tuned"), "useradd", "joe",
                "-f", passwd.toString(), "-u", "ftpvec", "-d", "/h", "-C", "4");
        run.ok();
        String hash = passwdText().split(":")[1];
        String recorded = Files.readAllLines(PwTestSupport.passwdVectors().resolve("pureftpd.passwd")).stream()
                .filter(l -> l.startsWith("almaxconn:")).findFirst().orElseThrow().split(":")[1];
        String memory = "$argon2id$v=19$m=16384,t=";
        assertTrue(recorded, recorded.startsWith(memory));
        assertTrue(hash, hash.startsWith(memory));
        long passes = Long.parseLong(hash.substring(memory.length(), hash.indexOf(",p=1$")));
        assertEquals("passes " + passes + " are 2^k - 1", 0, passes & (passes + 1));
        assertTrue(PasswordHashes.verify("tuned".getBytes(StandardCharsets.UTF_8), hash));
    }

    private List<String> filesInFolder() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.startsWith("etc-"))
                    .sorted().collect(Collectors.toList());
        }
    }
}
