package org.plugftpd.auth.puredb.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reload logic both directories share: one stat per lookup, a reload when the file's
 * identity changed, the last good version kept when a replacement is broken, problems reported once.
 * <p>Thread-safe: lookups read a volatile snapshot; only a reload takes the lock.
 *
 * @param <S> the loaded form of one version of the file (immutable, or safe for concurrent lookups)
 */
abstract class ReloadingDirectory<S> implements UserDirectory {

    private final Path file;
    private final ProblemLog problems = new ProblemLog();
    /** The version lookups use, or null when there never was a good one (or it went bad). */
    private volatile S current;
    /** The identity {@link #current} was loaded from. */
    private volatile FileIdentity currentIdentity;
    /** The identity last looked at, good or bad, so one bad version is reported once. */
    private volatile FileIdentity examined;
    /** Why there is no usable version, when {@link #current} is null. */
    private volatile String unusable = "not loaded yet (the thread loading it was interrupted)";

    ReloadingDirectory(Path file) {
        this.file = file;
    }

    /**
     * Reads one version of the file; throws when it is unusable as a whole.
     *
     * @param problems receives what is wrong in parts of it (reported only if the load succeeds)
     */
    abstract S load(Path file, List<String> problems) throws IOException;

    /** The answer for one login in a loaded version; throws PureDbFormatException when the version turns out bad. */
    abstract Lookup lookup(S version, String login, byte[] key) throws PureDbFormatException;

    /**
     * False when a loaded version shares its bytes with the file (a mapping): then a file changed
     * in place (same inode) into something broken cannot be served as "the previous version".
     */
    abstract boolean loadedVersionIsACopy();

    @Override
    public final Path file() {
        return file;
    }

    @Override
    public final List<String> takeProblems() {
        return problems.take();
    }

    @Override
    public final Lookup find(String login) {
        FileIdentity now;
        try {
            now = FileIdentity.of(file);
        } catch (IOException e) {
            return missing(e);
        }
        if (!now.equals(examined)) {
            reload(now);
        }
        S version = current;
        if (version == null) {
            return Lookup.unreadable(unusable);
        }
        byte[] key = keyOf(login);
        if (key == null) {
            return Lookup.absent();
        }
        try {
            return lookup(version, login, key);
        } catch (PureDbFormatException e) {
            return wentBad(version, e.getMessage());
        } catch (InternalError e) {
            // a fault on a mapped page (SIGBUS), reported late by compiled code, past the reader's own check
            return wentBad(version, file + ": the file changed underneath while it was read (" + e.getMessage() + ")");
        }
    }

    private synchronized void reload(FileIdentity seen) {
        if (seen.equals(examined)) {
            return;
        }
        // a login thread may carry an interrupt (its session is closing); it would abort the mapping
        boolean interrupted = Thread.interrupted();
        try {
            List<String> found = new ArrayList<>();
            S loaded = load(file, found);
            replaceCurrent(loaded, seen);
            found.forEach(problems::report);
        } catch (ClosedByInterruptException e) {
            // interrupted while loading: the file is not to blame, the next lookup retries
            return;
        } catch (IOException | RuntimeException | InternalError e) {
            String reason = e instanceof PureDbFormatException ? e.getMessage() : file + ": " + e;
            boolean changedInPlace = currentIdentity != null && seen.fileKey() != null
                    && seen.fileKey().equals(currentIdentity.fileKey());
            if (current != null && changedInPlace && !loadedVersionIsACopy()) {
                replaceCurrent(null, null);
                unusable = reason;
                problems.report(reason + "; the file was changed in place (not replaced by rename), so the previous "
                        + "version is gone too: logins get 421 until it is fixed");
            } else if (current != null) {
                problems.report(reason + "; still serving the previous version of the file");
            } else {
                unusable = reason;
                problems.report(reason + "; no usable version: logins get 421 until it is fixed");
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        examined = seen;
    }

    private void replaceCurrent(S next, FileIdentity identity) {
        S old = current;
        current = next;
        currentIdentity = identity;
        if (old != null && old != next) {
            retired(old);
        }
    }

    /**
     * Called (under the reload lock) when a version stops being the current one; lookups that
     * already hold it may still be running.
     */
    void retired(S version) {
    }

    /** The file is gone (or cannot be stat'ed): like Pure-FTPd, which opens it per login, nobody logs in. */
    private synchronized Lookup missing(IOException e) {
        String reason = e instanceof NoSuchFileException ? file + ": no such file" : file + ": cannot stat: " + e;
        if (current != null || examined != null || !reason.equals(unusable)) {
            problems.report(reason + "; logins get 421 until it is back");
        }
        replaceCurrent(null, null);
        examined = null;
        unusable = reason;
        return Lookup.unreadable(reason);
    }

    /** A lookup found the loaded version corrupt (or truncated in place): drop it, and say so once. */
    private synchronized Lookup wentBad(S version, String reason) {
        if (current == version) {
            replaceCurrent(null, null);
            unusable = reason;
            problems.report(reason + "; no usable version: logins get 421 until the file is replaced");
        }
        return Lookup.unreadable(reason);
    }

    /** The login as UTF-8 key bytes, or null when it cannot be a key (unpaired surrogates, NUL). */
    static byte[] keyOf(String login) {
        if (login.indexOf('\0') >= 0) {
            return null;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(login));
            byte[] key = new byte[bytes.remaining()];
            bytes.get(key);
            return key;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
