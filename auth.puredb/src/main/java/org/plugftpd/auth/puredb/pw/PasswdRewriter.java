package org.plugftpd.auth.puredb.pw;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * pure-pw's create_newpasswd (spec/passwd.md §3) for a caller that holds the {@link PasswdLock}: every line
 * of the old file is copied byte for byte (comments, invalid lines, CRLF) except the lines that begin with
 * {@code <login>:}, the new line is appended at the end, and the result replaces the file through a 0600
 * temporary file in the same directory, flushed, fsynced and renamed. On any failure the temporary file is
 * removed and the old file is untouched. Differences from pure-pw: lines are whole physical lines (pure-pw
 * tests each 2046-byte piece); a LF is added before the new line when the old file did not end with one (pure-pw
 * would glue both lines together); the temporary file has a random name ({@code <passwd>.<16 hex>.tmp}) and
 * leftovers of a crashed run are deleted under the lock, so a stale file never blocks (pure-pw's fixed
 * {@code <passwd>.tmp} does). Stateless; thread-safe under the lock.
 */
final class PasswdRewriter {
    /** What the old file must hold for the rewrite to go ahead. */
    enum Expectation {
        /** useradd. */
        LOGIN_ABSENT,
        /** usermod, passwd, userdel. */
        LOGIN_PRESENT
    }

    /** How a rewrite ended when no I/O failed. */
    enum Result {
        DONE,
        LOGIN_ALREADY_THERE,
        LOGIN_NOT_FOUND
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final int RANDOM_HEX_CHARS = 16;

    private PasswdRewriter() {
    }

    /**
     * @param passwd      the file (a missing file counts as empty)
     * @param passwdLabel the file as the user named it (byte string), for messages
     * @param login       lines starting with {@code login + ":"} are dropped
     * @param newLine     appended line with its LF, or null (userdel)
     * @throws PwFailure  the old file cannot be read (2), the temporary file cannot be created (4), or writing,
     *                    syncing or renaming failed (255)
     */
    static Result rewrite(Path passwd, String passwdLabel, String login, Expectation expectation, String newLine)
            throws PwFailure {
        removeStaleTemporaries(passwd);
        String suffix = "." + HexFormat.of().formatHex(randomBytes()) + TEMPORARY_SUFFIX;
        Path temporary = passwd.resolveSibling(passwd.getFileName() + suffix);
        String temporaryLabel = passwdLabel + suffix;
        InputStream old = openOld(passwd, passwdLabel);
        boolean keepTemporary = false;
        try (InputStream in = old) {
            FileChannel channel;
            try {
                channel = FileChannel.open(temporary,
                        Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                                LinkOption.NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (IOException e) {
                throw new PwFailure(PwExitCodes.USER_EXISTS_OR_NO_TEMP_FILE,
                        "Unable to create the temporary file [" + temporaryLabel + "]: " + ErrnoText.of(e));
            }
            try (FileChannel out = channel) {
                boolean found = copyOtherLines(in, out, login, expectation, newLine);
                if (found && expectation == Expectation.LOGIN_ABSENT) {
                    return Result.LOGIN_ALREADY_THERE;
                }
                if (!found && expectation == Expectation.LOGIN_PRESENT) {
                    return Result.LOGIN_NOT_FOUND;
                }
                out.force(true);
            }
            Files.move(temporary, passwd, StandardCopyOption.ATOMIC_MOVE);
            keepTemporary = true;
            syncDirectory(passwd);
            return Result.DONE;
        } catch (IOException e) {
            throw new PwFailure(PwExitCodes.UNEXPECTED, "Unable to write the new passwd file [" + temporaryLabel
                    + "]: " + ErrnoText.of(e) + "\n[" + passwdLabel + "] was left unchanged");
        } finally {
            if (!keepTemporary) {
                deleteQuietly(temporary);
            }
        }
    }

    /** The temporary file name pattern, for tests and the stale-file sweep. */
    static boolean isTemporaryOf(Path passwd, String candidateName) {
        String prefix = passwd.getFileName() + ".";
        if (!candidateName.startsWith(prefix) || !candidateName.endsWith(TEMPORARY_SUFFIX)
                || candidateName.length() != prefix.length() + RANDOM_HEX_CHARS + TEMPORARY_SUFFIX.length()) {
            return false;
        }
        for (int i = prefix.length(); i < prefix.length() + RANDOM_HEX_CHARS; i++) {
            if (Character.digit(candidateName.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Streams the old file into the new one, dropping the login's lines; true when one was dropped. Only the
     * first {@code login.length() + 1} bytes of a line are held in memory, so no line length is too long.
     */
    private static boolean copyOtherLines(InputStream in, FileChannel channel, String login,
            Expectation expectation, String newLine) throws IOException {
        byte[] prefix = (login + ":").getBytes(StandardCharsets.ISO_8859_1);
        byte[] start = new byte[prefix.length];
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
        boolean found = false;
        int lastWritten = -1;
        while (true) {
            int length = 0;
            int b = 0;
            while (length < prefix.length) {
                b = in.read();
                if (b < 0) {
                    break;
                }
                start[length++] = (byte) b;
                if (b == '\n') {
                    break;
                }
            }
            if (length == 0) {
                break;
            }
            if (length == prefix.length && Arrays.equals(start, prefix)) {
                found = true;
                if (expectation == Expectation.LOGIN_ABSENT) {
                    return true;
                }
                b = skipRestOfLine(in);
            } else {
                out.write(start, 0, length);
                lastWritten = start[length - 1];
                if (b >= 0 && b != '\n') {
                    while ((b = in.read()) >= 0) {
                        out.write(b);
                        lastWritten = b;
                        if (b == '\n') {
                            break;
                        }
                    }
                }
            }
            if (b < 0) {
                break;
            }
        }
        if (newLine != null) {
            if (lastWritten >= 0 && lastWritten != '\n') {
                out.write('\n');
            }
            out.write(newLine.getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
        return found;
    }

    private static int skipRestOfLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            // dropped
        }
        return b;
    }

    private static InputStream openOld(Path passwd, String passwdLabel) throws PwFailure {
        try {
            if (Files.isDirectory(passwd)) {
                throw new FileSystemException(passwd.toString(), null, "Is a directory");
            }
            return new BufferedInputStream(Files.newInputStream(passwd));
        } catch (NoSuchFileException e) {
            return InputStream.nullInputStream();
        } catch (IOException e) {
            // pure-pw would treat an unreadable file as empty and write a file with one user: refuse instead
            throw new PwFailure(PwExitCodes.PASSWD_FILE_UNREADABLE,
                    "Unable to open the passwd file [" + passwdLabel + "]: " + ErrnoText.of(e));
        }
    }

    // only the lock holder creates temporaries, so under the lock any that exist were left by a crash
    private static void removeStaleTemporaries(Path passwd) {
        Path directory = passwd.toAbsolutePath().getParent();
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(directory,
                candidate -> isTemporaryOf(passwd, candidate.getFileName().toString()))) {
            for (Path path : stale) {
                deleteQuietly(path);
            }
        } catch (IOException | RuntimeException e) {
            // the sweep is housekeeping; the rewrite reports real problems itself
        }
    }

    private static void syncDirectory(Path passwd) {
        try (FileChannel directory = FileChannel.open(passwd.toAbsolutePath().getParent(),
                StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | RuntimeException e) {
            // not every file system can sync a directory; the rename itself is already done
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing more to do: the name is random and the next rewrite sweeps it
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[RANDOM_HEX_CHARS / 2];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
