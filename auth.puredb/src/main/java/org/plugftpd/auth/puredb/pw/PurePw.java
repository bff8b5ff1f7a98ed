package org.plugftpd.auth.puredb.pw;

import java.io.Console;
import java.io.IOError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.plugftpd.auth.puredb.format.PureDbWriter;

/**
 * The pure-pw compatible command (spec/passwd.md §4): useradd, usermod, userdel, passwd, show, list and mkdb
 * with pure-pw's options, argument order, messages, show/list output and exit-code bits. Run offline as
 * {@code bin/plugftpd pw ...} through {@link #main} or embedded (the ftp:pw shell command) through
 * {@link #run}; streams, environment and default files are injected, and only {@link #main} exits the JVM.
 *
 * <p>Where plugftpd differs from pure-pw 1.0.50 on purpose:
 * <ul>
 * <li>useradd with an option given as '' (-t, -T, -n, -N, -q, -Q, -z) or -y 0 leaves the field empty (no
 * limit); pure-pw writes 0, 0-0 or an uninitialised number there (spec/passwd.md §4 "Quirk").</li>
 * <li>-M is compared with the 8192-byte minimum after conversion from MB, so only -M 0 is too low; pure-pw
 * refuses every value below 8192 MB (spec/hashes.md §4.1).</li>
 * <li>{@value HashCost#VARIABLE}={@code m=<KiB>,t=<passes>} in the environment fixes the argon2id cost.</li>
 * <li>Rewrites take an exclusive lock ({@link PasswdLock}) around read-modify-write and the .pdb rebuild, so
 * concurrent commands never lose an account; temporary files have random names (see {@link PasswdRewriter}),
 * an unreadable passwd file is an error instead of an empty file, and a missing final LF is supplied.</li>
 * <li>A CR, LF or NUL in the login, -c, -d/-D or an IP list, and a ':' in an IP list, are refused (exit 1):
 * pure-pw writes them verbatim, which splits the line or shifts its fields (and can forge an account).</li>
 * <li>System users and groups come from /etc/passwd and /etc/group only; the usage text is plugftpd's own.</li>
 * </ul>
 * Immutable configuration; each call of {@link #execute} is independent, so one instance serves threads.
 */
public final class PurePw {
    /** System property with plugftpd's installation folder; the default files are in its etc/. */
    public static final String HOME_PROPERTY = "plugftpd.home";
    static final String PASSWD_VARIABLE = "PURE_PASSWDFILE";
    static final String DATABASE_VARIABLE = "PURE_DBFILE";
    static final String POSIX_VARIABLE = "POSIXLY_CORRECT";
    static final String PASSWD_NAME = "pureftpd.passwd";
    static final String DATABASE_NAME = "pureftpd.pdb";
    /** Debian's pure-ftpd CONFDIR. */
    static final Path DEBIAN_CONFIG = Path.of("/etc/pure-ftpd");

    private final Path defaultPasswd;
    private final Path defaultDatabase;
    private final SystemAccounts system;

    /**
     * @param defaultPasswd   passwd file when neither -f nor PURE_PASSWDFILE is given
     * @param defaultDatabase .pdb when neither the mkdb argument, -F nor PURE_DBFILE is given
     * @param system          where uid and gid names are looked up
     */
    public PurePw(Path defaultPasswd, Path defaultDatabase, SystemAccounts system) {
        this.defaultPasswd = defaultPasswd;
        this.defaultDatabase = defaultDatabase;
        this.system = system;
    }

    /** Defaults in {@code <plugftpd.home>/etc/}, else Debian's /etc/pure-ftpd/; this machine's users. */
    public static PurePw forThisInstallation() {
        String home = System.getProperty(HOME_PROPERTY);
        Path config = home != null && !home.isEmpty() ? Path.of(home, "etc") : DEBIAN_CONFIG;
        return new PurePw(config.resolve(PASSWD_NAME), config.resolve(DATABASE_NAME), SystemAccounts.ofThisMachine());
    }

    /** {@code bin/plugftpd pw ...}: exits with pure-pw's status. */
    public static void main(String[] args) {
        int status = forThisInstallation().execute(List.of(args), System.getenv(), System.in, System.out,
                System.err, System.console() != null, nativeCharset());
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * One command with the installation's defaults ({@link #forThisInstallation}).
     *
     * @param args     the words after "pure-pw"
     * @param env      environment (PURE_PASSWDFILE, PURE_DBFILE, PLUGFTPD_PW_COST, POSIXLY_CORRECT)
     * @param terminal stdout is a terminal (list prints columns) and, when {@code in} is System.in and the JVM
     *                 has a console, passwords are read from it without echo
     * @return pure-pw's exit status, 0 to 255
     */
    public static int run(List<String> args, Map<String, String> env, InputStream in, PrintStream out,
            PrintStream err, boolean terminal) {
        return forThisInstallation().execute(args, env, in, out, err, terminal);
    }

    /** {@link #run} with this instance's defaults; text arguments and values are taken as UTF-8. */
    public int execute(List<String> args, Map<String, String> env, InputStream in, PrintStream out,
            PrintStream err, boolean terminal) {
        return execute(args, env, in, out, err, terminal, StandardCharsets.UTF_8);
    }

    /**
     * @param textCharset how {@code args}, {@code env} and file names become bytes: main() uses the charset the
     *                    JVM decoded the command line with, so the bytes typed are the bytes written
     */
    int execute(List<String> args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
            boolean terminal, Charset textCharset) {
        Invocation invocation = new Invocation(env, in, out, err, terminal, textCharset);
        try {
            return invocation.perform(args) & 0xFF;
        } catch (RuntimeException e) {
            invocation.error("Unexpected error: " + e);
            return PwExitCodes.UNEXPECTED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The charset of the JVM's command line and file names. */
    static Charset nativeCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** One command: its streams, environment and text conversions. */
    private final class Invocation {
        private final Map<String, String> env;
        private final InputStream in;
        private final PrintStream out;
        private final PrintStream err;
        private final boolean terminal;
        private final Charset textCharset;

        Invocation(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean terminal,
                Charset textCharset) {
            this.env = env;
            this.in = in;
            this.out = out;
            this.err = err;
            this.terminal = terminal;
            this.textCharset = textCharset;
        }

        int perform(List<String> args) {
            List<String> words = new ArrayList<>(args.size());
            for (String arg : args) {
                words.add(bytes(arg));
            }
            PwCommandLine line;
            try {
                line = PwCommandLine.parse(words, env.get(POSIX_VARIABLE) != null, system);
            } catch (PwFailure failure) {
                return fail(failure);
            }
            if (line.usageRequested) {
                return usage(line.optionError);
            }
            String passwdLabel = firstNonEmpty(line.passwdFile, bytes(env.get(PASSWD_VARIABLE)),
                    bytes(defaultPasswd.toString()));
            Path passwd = path(passwdLabel);
            String action = line.action;
            int status;
            if (isAction(action, "useradd")) {
                status = useradd(line, passwd, passwdLabel);
            } else if (isAction(action, "usermod")) {
                status = usermod(line, passwd, passwdLabel, null, null);
            } else if (isAction(action, "userdel")) {
                status = userdel(line, passwd, passwdLabel);
            } else if (isAction(action, "passwd")) {
                status = passwd(line, passwd, passwdLabel);
            } else if (isAction(action, "show")) {
                return show(line, passwd, passwdLabel);
            } else if (isAction(action, "mkdb")) {
                return mkdb(line.account.login, passwd);
            } else if (isAction(action, "list")) {
                return list(passwd);
            } else {
                return usage(null);
            }
            if (line.rebuildDatabase) {
                // spec/passwd.md §4: with -m the rebuild runs whatever the action gave, and its bits are added
                status |= mkdb(line.databaseFile, passwd);
            }
            return status;
        }

        private int useradd(PwCommandLine line, Path passwd, String passwdLabel) {
            AccountChanges account = line.account;
            try {
                requireWritableLogin(account.login);
                if (account.uid <= 0 || account.gid <= 0) {
                    throw new PwFailure(PwExitCodes.ROOT_UID_OR_GID, "You must give (non-root) uid and gid");
                }
                if (account.home == null) {
                    throw new PwFailure(PwExitCodes.MISSING_HOME, "Missing home directory");
                }
                HashCost cost = hashCost(line);
                String hash = hashTypedPassword(cost, readPassword());
                String newLine = account.newAccount(hash).toLine();
                PasswdRewriter.Result result = underLock(passwd, passwdLabel, () -> PasswdRewriter.rewrite(passwd,
                        passwdLabel, account.login, PasswdRewriter.Expectation.LOGIN_ABSENT, newLine));
                if (result == PasswdRewriter.Result.LOGIN_ALREADY_THERE) {
                    throw new PwFailure(PwExitCodes.USER_EXISTS_OR_NO_TEMP_FILE, "Error.\nCheck that ["
                            + account.login + "] doesn't already exist,\nand that [" + passwdLabel
                            + ".tmp] can be written.");
                }
                return PwExitCodes.OK;
            } catch (PwFailure failure) {
                return fail(failure);
            }
        }

        private int passwd(PwCommandLine line, Path passwd, String passwdLabel) {
            try {
                requireWritableLogin(line.account.login);
                HashCost cost = hashCost(line);
                return usermod(line, passwd, passwdLabel, readPassword(), cost);
            } catch (PwFailure failure) {
                return fail(failure);
            }
        }

        /**
         * usermod, and passwd's second half when {@code password} is given: fetch (with pure-pw's messages),
         * then under the lock fetch again and rewrite, so a concurrent change of another field is kept.
         */
        private int usermod(PwCommandLine line, Path passwd, String passwdLabel, byte[] password, HashCost cost) {
            AccountChanges account = line.account;
            try {
                requireWritableLogin(account.login);
                fetchOrFail(passwd, passwdLabel, account.login, true);
                String hash = password != null ? hashTypedPassword(cost, password) : null;
                PasswdRewriter.Result result = underLock(passwd, passwdLabel, () -> {
                    PasswdEntry current = fetchOrFail(passwd, passwdLabel, account.login, false);
                    return PasswdRewriter.rewrite(passwd, passwdLabel, account.login,
                            PasswdRewriter.Expectation.LOGIN_PRESENT, account.applyTo(current, hash).toLine());
                });
                if (result == PasswdRewriter.Result.LOGIN_NOT_FOUND) {
                    throw notFoundForRewrite(account.login, passwdLabel);
                }
                return PwExitCodes.OK;
            } catch (PwFailure failure) {
                return fail(failure);
            } finally {
                if (password != null) {
                    Arrays.fill(password, (byte) 0);
                }
            }
        }

        private int userdel(PwCommandLine line, Path passwd, String passwdLabel) {
            String login = line.account.login;
            try {
                // pure-pw's do_userdel returns -1 here: status 255
                requireLogin(login, PwExitCodes.UNEXPECTED);
                PasswdRewriter.Result result = underLock(passwd, passwdLabel, () -> PasswdRewriter.rewrite(passwd,
                        passwdLabel, login, PasswdRewriter.Expectation.LOGIN_PRESENT, null));
                if (result == PasswdRewriter.Result.LOGIN_NOT_FOUND) {
                    throw notFoundForRewrite(login, passwdLabel);
                }
                return PwExitCodes.OK;
            } catch (PwFailure failure) {
                return fail(failure);
            }
        }

        private int show(PwCommandLine line, Path passwd, String passwdLabel) {
            try {
                requireLogin(line.account.login, PwExitCodes.MISSING_LOGIN);
                PasswdEntry entry = fetchOrFail(passwd, passwdLabel, line.account.login, true);
                print(ShowReport.of(entry, system));
                return PwExitCodes.OK;
            } catch (PwFailure failure) {
                return fail(failure);
            }
        }

        private int list(Path passwd) {
            try {
                PasswdFileReader.forEachAccount(passwd, this::error, entry -> print(terminal
                        ? String.format("%-19s %-39s %-19s\n", entry.login, entry.home, entry.gecos)
                        : entry.login + "\t" + entry.home + "\t" + entry.gecos + "\n"));
                return PwExitCodes.OK;
            } catch (IOException e) {
                return fail(new PwFailure(PwExitCodes.PASSWD_FILE_UNREADABLE,
                        "Unable to open the passwd file: " + ErrnoText.of(e)));
            }
        }

        /**
         * pure-pw's do_mkdb: the database is {@code databaseArgument} (the mkdb word, or -F with -m), else
         * PURE_DBFILE, else the default; built under the passwd lock so it never misses a concurrent change.
         */
        private int mkdb(String databaseArgument, Path passwd) {
            String databaseLabel = firstNonEmpty(databaseArgument, bytes(env.get(DATABASE_VARIABLE)),
                    bytes(defaultDatabase.toString()));
            try {
                Files.newInputStream(passwd).close();
            } catch (IOException e) {
                return fail(new PwFailure(PwExitCodes.PASSWD_FILE_UNREADABLE,
                        "Unable to open the passwd file: " + ErrnoText.of(e)));
            }
            PasswdLock lock = lockIfPossible(passwd);
            try {
                PureDbWriter.mkdb(passwd, path(databaseLabel));
                return PwExitCodes.OK;
            } catch (IOException | RuntimeException e) {
                return fail(new PwFailure(PwExitCodes.UNEXPECTED, "Unable to create the database ["
                        + databaseLabel + "]: " + ErrnoText.of(e)));
            } finally {
                closeQuietly(lock);
            }
        }

        private PasswdLock lockIfPossible(Path passwd) {
            try {
                return PasswdLock.acquire(passwd);
            } catch (IOException e) {
                // a passwd file in a read-only place can still be indexed: nothing there can change it
                return null;
            }
        }

        private PasswdEntry fetchOrFail(Path passwd, String passwdLabel, String login, boolean withMessages)
                throws PwFailure {
            PasswdEntry entry;
            try {
                entry = PasswdFileReader.fetch(passwd, login, withMessages ? this::error : warning -> { });
            } catch (IOException e) {
                if (withMessages) {
                    error("Unable to open the passwd file: " + ErrnoText.of(e));
                }
                entry = null;
            }
            if (entry == null) {
                throw new PwFailure(PwExitCodes.CANNOT_FETCH_ACCOUNT,
                        "Unable to fetch info about user [" + login + "] in file [" + passwdLabel + "]");
            }
            return entry;
        }

        private PwFailure notFoundForRewrite(String login, String passwdLabel) {
            return new PwFailure(PwExitCodes.USER_EXISTS_OR_NO_TEMP_FILE, "Error.\nCheck that [" + login
                    + "] already exists,\nand that [" + passwdLabel + ".tmp] can be written.");
        }

        /** Runs one rewrite holding the passwd lock; a lock that cannot be taken counts as status 4. */
        private PasswdRewriter.Result underLock(Path passwd, String passwdLabel, LockedRewrite rewrite)
                throws PwFailure {
            PasswdLock lock;
            try {
                lock = PasswdLock.acquire(passwd);
            } catch (IOException e) {
                throw new PwFailure(PwExitCodes.USER_EXISTS_OR_NO_TEMP_FILE, "Unable to lock ["
                        + passwdLabel + PasswdLock.SUFFIX + "]: " + ErrnoText.of(e));
            }
            try {
                return rewrite.run();
            } finally {
                closeQuietly(lock);
            }
        }

        private HashCost hashCost(PwCommandLine line) throws PwFailure {
            return HashCost.choose(env.get(HashCost.VARIABLE), line.maxConcurrentLogins,
                    line.totalHashMemoryBytes);
        }

        private byte[] readPassword() throws PwFailure {
            Console console = terminal && in == System.in ? System.console() : null;
            byte[] password;
            try {
                password = new PasswordPrompt(in, out, console).read();
            } catch (IOException | IOError e) {
                password = null;
            }
            if (password == null) {
                throw new PwFailure(PwExitCodes.PASSWORD_ENTRY, "Error with entering password - aborting");
            }
            return password;
        }

        private String hashTypedPassword(HashCost cost, byte[] password) throws PwFailure {
            try {
                return cost.hash(password);
            } finally {
                Arrays.fill(password, (byte) 0);
            }
        }

        private void requireLogin(String login, int status) throws PwFailure {
            if (login == null || login.isEmpty()) {
                throw new PwFailure(status, "Missing login");
            }
        }

        /** A login about to be written: a line break in it would split the line (pure-pw writes it anyway). */
        private void requireWritableLogin(String login) throws PwFailure {
            requireLogin(login, PwExitCodes.MISSING_LOGIN);
            if (PwCommandLine.hasLineBreak(login)) {
                throw new PwFailure(PwExitCodes.BAD_OPTION, "The login must not contain a line break (CR, LF or NUL)");
            }
        }

        private int usage(String optionError) {
            if (optionError != null) {
                error(optionError);
            }
            print(UsageText.of(bytes(defaultPasswd.toString()), bytes(defaultDatabase.toString())));
            return PwExitCodes.OK;
        }

        private int fail(PwFailure failure) {
            error(failure.getMessage());
            return failure.exitCode();
        }

        private void print(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            out.write(bytes, 0, bytes.length);
        }

        private void error(String line) {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
            err.write(bytes, 0, bytes.length);
            err.flush();
        }

        /** Text as its bytes in the command's charset, one char per byte; null stays null. */
        private String bytes(String text) {
            return text == null ? null : new String(text.getBytes(textCharset), StandardCharsets.ISO_8859_1);
        }

        private Path path(String byteString) {
            return Path.of(new String(byteString.getBytes(StandardCharsets.ISO_8859_1), textCharset));
        }
    }

    /** Work done while holding the passwd lock. */
    private interface LockedRewrite {
        PasswdRewriter.Result run() throws PwFailure;
    }

    /** strcasecmp against a lower-case ASCII action name. */
    private static boolean isAction(String word, String action) {
        if (word.length() != action.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != action.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String firstNonEmpty(String option, String variable, String fallback) {
        if (option != null && !option.isEmpty()) {
            return option;
        }
        return variable != null && !variable.isEmpty() ? variable : fallback;
    }

    private static void closeQuietly(PasswdLock lock) {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                // the lock goes with the channel; nothing else to release
            }
        }
    }
}
