package org.plugftpd.auth.puredb.pw;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.plugftpd.auth.puredb.ctext.FgetsLineReader;
import org.plugftpd.auth.puredb.ctext.PasswdLine;

/**
 * Reads the accounts of a pureftpd.passwd file the way pure-pw's list, show and usermod do (spec/passwd.md
 * §2.1): pieces of at most 2046 bytes, empty and '#' lines skipped, every other line that is not an account
 * reported as {@code Warning: invalid line [<text before the first colon>]}.
 * Stateless; thread-safe (each call opens the file itself).
 */
final class PasswdFileReader {
    private PasswdFileReader() {
    }

    /**
     * Every valid account in file order.
     *
     * @param warnings receives each warning line (without LF) as it is met
     * @throws IOException the file cannot be opened or read
     */
    static void forEachAccount(Path file, Consumer<String> warnings, Consumer<PasswdEntry> accounts)
            throws IOException {
        scan(file, warnings, entry -> {
            accounts.accept(entry);
            return false;
        });
    }

    /**
     * The first valid account with this login (pure-pw's fetch_pw_account), or null; warnings for the invalid
     * lines before it.
     */
    static PasswdEntry fetch(Path file, String login, Consumer<String> warnings) throws IOException {
        PasswdEntry[] found = new PasswdEntry[1];
        scan(file, warnings, entry -> {
            if (entry.login.equals(login)) {
                found[0] = entry;
                return true;
            }
            return false;
        });
        return found[0];
    }

    /** A visitor that returns true to stop. */
    private interface AccountVisitor {
        boolean visit(PasswdEntry entry);
    }

    private static void scan(Path file, Consumer<String> warnings, AccountVisitor visitor) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            FgetsLineReader reader = new FgetsLineReader(in);
            for (PasswdLine line = reader.nextPiece(); line != null; line = reader.nextPiece()) {
                if (line.isEmpty() || line.isComment()) {
                    continue;
                }
                PasswdEntry entry = PasswdEntry.parse(line.byteString());
                if (entry == null) {
                    // C code cut the line at its first colon before printing it
                    String label = new String(line.key(), StandardCharsets.ISO_8859_1);
                    warnings.accept("Warning: invalid line [" + label + "]");
                    continue;
                }
                if (visitor.visit(entry)) {
                    return;
                }
            }
        }
    }
}
