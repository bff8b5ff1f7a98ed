package org.plugftpd.auth.puredb.format;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.plugftpd.auth.puredb.ctext.FgetsLineReader;
import org.plugftpd.auth.puredb.ctext.PasswdLine;

/**
 * Virtual users in a {@code pureftpd.passwd} text file, parsed whole into memory on first use and
 * whenever the file changes, with mkdb's rules (first line of a login wins) except that a line
 * longer than pure-pw can read is refused instead of cut. Every bad line is reported as {@code file:line: why}.
 * <p>Created by {@link UserDirectory#passwd}; thread-safe (each loaded version is immutable).
 */
final class PasswdDirectory extends ReloadingDirectory<PasswdDirectory.Version> {

    /**
     * One loaded version: the parsed lines by login (key bytes one char per byte), and the file
     * kept open so its inode cannot be reused by the next replacement, which would then look unchanged.
     */
    record Version(Map<String, Lookup> users, InputStream pin) {
    }

    PasswdDirectory(Path file) {
        super(file);
    }

    @Override
    Version load(Path file, List<String> problems) throws IOException {
        Map<String, Lookup> users = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        // a FileInputStream, not a channel: an interrupted login thread must not make the file look unreadable
        InputStream in = new FileInputStream(file.toFile());
        try {
            FgetsLineReader reader = new FgetsLineReader(in);
            for (PasswdLine line = reader.nextWholeLine(); line != null; line = reader.nextWholeLine()) {
                String where = file + ":" + line.number();
                if (line.tooLong()) {
                    String problem = where + ": line longer than " + FgetsLineReader.MAX_PIECE_BYTES
                            + " bytes, refused (pure-pw mkdb would cut it into pieces)";
                    problems.add(problem);
                    if (line.isMkdbRecord()) {
                        // the login is known: refuse it rather than let another authenticator have it
                        Lookup refused = Lookup.invalid(problem + ": login '" + line.login() + "'");
                        users.putIfAbsent(keyString(line.key()), refused);
                        firstLine.putIfAbsent(keyString(line.key()), line.number());
                    }
                    continue;
                }
                if (line.isComment() || line.isBlank()) {
                    continue;
                }
                if (!line.isMkdbRecord()) {
                    problems.add(where + ": " + (line.value().length == 0 && line.key().length < line.content().length
                            ? "login '" + line.login() + "' has nothing after ':', ignored"
                            : "not an account line (no ':'), ignored"));
                    continue;
                }
                String key = keyString(line.key());
                Integer first = firstLine.putIfAbsent(key, line.number());
                if (first != null) {
                    problems.add(where + ": login '" + line.login() + "' already defined on line " + first
                            + "; this line is ignored");
                    continue;
                }
                if (line.cutShort()) {
                    problems.add(where + ": login '" + line.login() + "': a NUL byte or a CR before the end of "
                            + "the line cuts it there; the rest is ignored, as pure-pw mkdb does");
                }
                Lookup parsed = AccountParser.parse(line.login(), line.value(), where);
                if (parsed.status() == Lookup.Status.INVALID) {
                    problems.add(parsed.reason());
                }
                users.put(key, parsed);
            }
        } catch (IOException | RuntimeException | Error e) {
            in.close();
            throw e;
        }
        return new Version(Map.copyOf(users), in);
    }

    @Override
    Lookup lookup(Version version, String login, byte[] key) {
        Lookup found = version.users().get(keyString(key));
        return found == null ? Lookup.absent() : found;
    }

    @Override
    void retired(Version version) {
        try {
            version.pin().close();
        } catch (IOException e) {
            // a read-only descriptor; nothing is lost if closing it fails
        }
    }

    /** Key bytes as a string of one char per byte: exact, whatever the encoding of the file. */
    private static String keyString(byte[] key) {
        return new String(key, StandardCharsets.ISO_8859_1);
    }

    @Override
    boolean loadedVersionIsACopy() {
        return true;
    }
}
