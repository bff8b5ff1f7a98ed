package org.plugftpd.auth.puredb.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The virtual users of one file, {@code .pdb} or {@code pureftpd.passwd}, looked up per login and
 * reloaded as soon as the file is replaced (checked with one stat per lookup).
 * <p>Thread-safe; no lock is held once {@link #find} returns, so verifying the hash never blocks other logins.
 */
public interface UserDirectory {

    /** The answer for {@code login} (compared byte-exact as UTF-8); never null, never throws. */
    Lookup find(String login);

    /**
     * The problems noticed since the last call (a broken replacement file, bad passwd lines...),
     * each handed out once, so the caller logs each once.
     */
    List<String> takeProblems();

    Path file();

    /**
     * A directory for {@code file}, chosen by its content: a PureDB file when it starts with
     * {@code PDB2}, else passwd text; when it cannot be read yet, a name ending in {@code .pdb}
     * means PureDB. Does not fail: an unreadable file shows as {@link Lookup.Status#UNREADABLE} lookups.
     */
    static UserDirectory open(Path file) {
        byte[] head = new byte[PureDbLayout.MAGIC.length];
        int read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            // decided by the name below; the directory reports the problem on the first lookup
        }
        boolean pdb = read == head.length && Arrays.equals(head, PureDbLayout.MAGIC)
                || file.getFileName().toString().endsWith(".pdb");
        return pdb ? pureDb(file) : passwd(file);
    }

    /** A PureDB file, read straight from its hash tables (spec/puredb.md §4). */
    static UserDirectory pureDb(Path file) {
        return new PureDbDirectory(file);
    }

    /** A pureftpd.passwd text file, held in memory, with pure-pw mkdb's rules (spec/puredb.md §5.2). */
    static UserDirectory passwd(Path file) {
        return new PasswdDirectory(file);
    }
}
